import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES } from './envelope.js';

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

export interface MasterKeySource {
  /** Base64 of 32 bytes. */
  MASTER_KEY?: string;
  /** A file holding MASTER_KEY's base64 text. */
  MASTER_KEY_FILE?: string;
  /** The embedded default's PGlite folder: without a key given, one is generated beside it and kept. */
  DATA_DIR?: string;
  /** Whether the embedded default is in use (no DATABASE_URL, no KurrentDB). */
  embedded: boolean;
}

function parseKey(text: string, from: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== text.trim()) {
    throw new MasterKeyError(`${from} must be the base64 of 32 random bytes (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

/** Where the embedded default keeps its generated master key: beside its data folder, like its lock file. */
export function embeddedMasterKeyFile(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.master-key`;
}

/**
 * The master key that wraps every data key. Given (MASTER_KEY or MASTER_KEY_FILE) it is used as
 * is; the embedded default generates one on first start and keeps it (mode 0600) beside its data;
 * a server database or KurrentDB without one is refused: a key generated there would be lost with
 * the process, and every personal field with it.
 */
export function loadMasterKey(source: MasterKeySource): Buffer {
  if (source.MASTER_KEY) return parseKey(source.MASTER_KEY, 'MASTER_KEY');
  if (source.MASTER_KEY_FILE) {
    if (!existsSync(source.MASTER_KEY_FILE)) throw new MasterKeyError(`MASTER_KEY_FILE ${source.MASTER_KEY_FILE} does not exist`);
    return parseKey(readFileSync(source.MASTER_KEY_FILE, 'utf8'), `MASTER_KEY_FILE ${source.MASTER_KEY_FILE}`);
  }
  if (!source.embedded) {
    throw new MasterKeyError(
      'MASTER_KEY (or MASTER_KEY_FILE) is required with DATABASE_URL or EVENTSTORE_CONNECTION_STRING: it wraps the data keys of personal data. ' +
        'Make one with `openssl rand -base64 32`, keep it safe (losing it loses every personal field) and give the same key to every process.',
    );
  }
  const dataDir = source.DATA_DIR ?? './data/pglite';
  if (dataDir.startsWith('memory://')) return randomBytes(KEY_BYTES); // nothing is kept, the key neither
  const file = embeddedMasterKeyFile(dataDir);
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), `The master key file ${file}`);
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600); // whatever the umask
  return key;
}
