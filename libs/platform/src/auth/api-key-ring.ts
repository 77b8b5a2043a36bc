import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from '../config/app-config.js';
import { demoActor, parseApiKeys, type Actor } from './actor.js';

/** How a key is kept in memory and in configuration: its SHA-256, never the key itself. */
export const hashApiKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export interface KeyEntry {
  readonly hash: Buffer;
  readonly actor: Actor;
}

/**
 * Every configured key that `presented` matches, compared in constant time against each entry:
 * how long a refusal takes says nothing about how close a guess came, nor which entry it was near.
 * Keys are random and long (`npm run api-key` makes 256-bit ones), so a fast hash suffices; a
 * slow password hash would only slow every request.
 */
export function actorForKey(entries: readonly KeyEntry[], presented: string): Actor | undefined {
  const hash = hashApiKey(presented);
  let found: Actor | undefined;
  for (const entry of entries) if (timingSafeEqual(entry.hash, hash) && !found) found = entry.actor;
  return found;
}

/** API_KEYS entries as hashes: a `sha256:<hex>` entry is kept as given, a plain key is hashed and dropped. */
export function keyEntries(text: string): KeyEntry[] {
  return [...parseApiKeys(text)].map(([key, actor]) => ({ hash: hashOfConfigured(key), actor }));
}

const HASHED = /^sha256:([0-9a-f]{64})$/i;

function hashOfConfigured(key: string): Buffer {
  const hashed = HASHED.exec(key);
  return hashed ? Buffer.from(hashed[1], 'hex') : hashApiKey(key);
}

/** Where the keys come from: fixed at start (API_KEYS), a file re-read when it changes (API_KEYS_FILE), or the demo keys. */
export type KeySource = { kind: 'configured'; text: string } | { kind: 'file'; path: string } | { kind: 'demo' };

export interface KeyRingOptions {
  /** Called when a changed key file cannot be used; the keys before the change stay valid. */
  onReloadError?: (message: string) => void;
  /** How often the key file's modification time is looked at, at most. */
  fileCheckIntervalMs?: number;
  now?: () => number;
}

/**
 * The keys the service accepts now. A key file is re-read when its modification time changes, so
 * keys rotate without a restart: add the new key, let callers move over, remove the old one.
 * Several entries may name the same caller, which is what makes the overlap possible.
 */
export class ApiKeyRing {
  private entries: readonly KeyEntry[] = [];
  private fileVersion = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly source: KeySource,
    private readonly options: KeyRingOptions = {},
  ) {
    if (source.kind === 'configured') this.entries = keyEntries(source.text);
    if (source.kind === 'file') this.entries = this.readFile(source.path);
  }

  authenticate(presented: string): Actor | undefined {
    switch (this.source.kind) {
      case 'demo':
        return demoActor(presented);
      case 'configured':
        return actorForKey(this.entries, presented);
      case 'file':
        this.refresh(this.source.path);
        return actorForKey(this.entries, presented);
      default:
        return this.source satisfies never;
    }
  }

  private refresh(path: string): void {
    const now = (this.options.now ?? Date.now)();
    if (now - this.checkedAt < (this.options.fileCheckIntervalMs ?? 1_000)) return;
    this.checkedAt = now;
    try {
      if (statSync(path).mtimeMs !== this.fileVersion) this.entries = this.readFile(path);
    } catch (error) {
      this.options.onReloadError?.(`API_KEYS_FILE ${path} could not be used, the earlier keys stay valid: ${messageOf(error)}`);
    }
  }

  private readFile(path: string): KeyEntry[] {
    const version = statSync(path).mtimeMs;
    const entries = keyEntries(fileEntries(readFileSync(path, 'utf8')));
    if (entries.length === 0) throw new Error(`API_KEYS_FILE ${path} names no key`);
    this.fileVersion = version;
    return entries;
  }
}

/** One entry per line (or comma-separated); `#` starts a comment. */
const fileEntries = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .join(',');

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface KeySettings {
  readonly API_KEYS?: string;
  readonly API_KEYS_FILE?: string;
  readonly ALLOW_DEMO_KEYS: boolean;
  readonly HOST: string;
  readonly DATABASE_URL?: string;
  readonly EVENTSTORE_CONNECTION_STRING?: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/**
 * Which keys the configuration asks for. The demo keys are public (the README prints them), so
 * they are only taken on the embedded default listening on this machine alone; anywhere else the
 * service refuses to start unless ALLOW_DEMO_KEYS=true says that is meant.
 */
export function keySourceOf(settings: KeySettings): KeySource | { kind: 'refused'; problem: string } {
  if (settings.API_KEYS && settings.API_KEYS_FILE) return { kind: 'refused', problem: 'Set API_KEYS or API_KEYS_FILE, not both' };
  if (settings.API_KEYS) return { kind: 'configured', text: settings.API_KEYS };
  if (settings.API_KEYS_FILE) return { kind: 'file', path: settings.API_KEYS_FILE };
  const exposed = [
    ...(LOOPBACK.test(settings.HOST) ? [] : [`HOST=${settings.HOST} is not a loopback address`]),
    ...(settings.DATABASE_URL ? ['DATABASE_URL is set'] : []),
    ...(settings.EVENTSTORE_CONNECTION_STRING ? ['EVENTSTORE_CONNECTION_STRING is set'] : []),
  ];
  if (exposed.length === 0 || settings.ALLOW_DEMO_KEYS) return { kind: 'demo' };
  return {
    kind: 'refused',
    problem: `API_KEYS is not set, and the public demo keys only serve the embedded default on 127.0.0.1 (${exposed.join('; ')}). Set API_KEYS or API_KEYS_FILE (\`npm run api-key\` makes a key), or ALLOW_DEMO_KEYS=true to accept the demo keys anyway`,
  };
}

/** The key ring the configuration asks for, or a ConfigError naming why the service must not start. */
export function apiKeyRingFor(settings: KeySettings, onReloadError?: (message: string) => void): ApiKeyRing {
  const source = keySourceOf(settings);
  if (source.kind === 'refused') throw new ConfigError([source.problem]);
  try {
    return new ApiKeyRing(source, { onReloadError });
  } catch (error) {
    throw new ConfigError([messageOf(error)]);
  }
}
