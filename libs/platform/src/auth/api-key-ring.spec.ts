import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config.js';
import { ApiKeyRing, apiKeyRingFor, hashApiKey, keyEntries, keySourceOf, type KeySettings } from './api-key-ring.js';

const hashed = (key: string) => `sha256:${hashApiKey(key).toString('hex')}`;
const EMBEDDED: KeySettings = { HOST: '127.0.0.1', ALLOW_DEMO_KEYS: false };

describe('API keys kept as hashes', () => {
  it('accepts a key configured as its SHA-256, and one configured as itself', () => {
    const ring = new ApiKeyRing({ kind: 'configured', text: `${hashed('k7Hq-long-key')}=operator:anna, plain-key-1=auditor:uwv` });
    expect(ring.authenticate('k7Hq-long-key')).toEqual({ role: 'operator', name: 'anna' });
    expect(ring.authenticate('plain-key-1')).toEqual({ role: 'auditor', name: 'uwv' });
    expect(ring.authenticate(hashed('k7Hq-long-key'))).toBeUndefined(); // the hash is not itself a key
    expect(ring.authenticate('k7Hq-long-kez')).toBeUndefined();
    expect(ring.authenticate('demo-operator')).toBeUndefined();
  });

  it('keeps no configured key in memory, only hashes', () => {
    const entries = keyEntries('plain-key-1=auditor:uwv');
    expect(JSON.stringify(entries)).not.toContain('plain-key-1');
    expect(entries[0].hash.equals(hashApiKey('plain-key-1'))).toBe(true);
  });

  it('lets two keys name one caller, so a key can be replaced while the old one still works', () => {
    const ring = new ApiKeyRing({ kind: 'configured', text: `old-key-123=operator:anna,${hashed('new-key-456')}=operator:anna` });
    expect(ring.authenticate('old-key-123')).toEqual(ring.authenticate('new-key-456'));
  });

  it('answers the demo keys only in demo mode', () => {
    expect(new ApiKeyRing({ kind: 'demo' }).authenticate('demo-employer-e1')).toEqual({ role: 'employer', name: 'demo', employerId: 'e1' });
  });
});

describe('a key file, re-read when it changes', () => {
  let dir: string;
  let now: number;
  const errors: string[] = [];
  const ringOn = (path: string) => new ApiKeyRing({ kind: 'file', path }, { now: () => now, onReloadError: (m) => errors.push(m) });
  /** Writes the file and gives it a modification time of its own, so the change is seen on any file system. */
  const write = (path: string, text: string, second: number) => {
    writeFileSync(path, text);
    utimesSync(path, second, second);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-keys-'));
    now = 0;
    errors.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates: old and new valid together, then only the new one, without a restart', () => {
    const file = join(dir, 'keys');
    write(file, `# operators\n${hashed('old-key-123')}=operator:anna\n`, 1_000);
    const ring = ringOn(file);
    expect(ring.authenticate('old-key-123')?.name).toBe('anna');

    write(file, `${hashed('old-key-123')}=operator:anna\n${hashed('new-key-456')}=operator:anna\n`, 2_000);
    now += 1_000;
    expect(ring.authenticate('new-key-456')?.name).toBe('anna');
    expect(ring.authenticate('old-key-123')?.name).toBe('anna');

    write(file, `${hashed('new-key-456')}=operator:anna\n`, 3_000);
    now += 1_000;
    expect(ring.authenticate('old-key-123')).toBeUndefined();
    expect(ring.authenticate('new-key-456')?.name).toBe('anna');
  });

  it('keeps the earlier keys when a changed file is broken, and says why without the keys', () => {
    const file = join(dir, 'keys');
    write(file, 'good-key-123=operator:anna\n', 1_000);
    const ring = ringOn(file);
    write(file, 'secret-key-99=admin:mallory\n', 2_000);
    now += 1_000;
    expect(ring.authenticate('good-key-123')?.name).toBe('anna');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/role must be operator/);
    expect(errors[0]).not.toContain('secret-key-99');
  });

  it('refuses to start on a key file that names no key', () => {
    const file = join(dir, 'keys');
    write(file, '# nothing yet\n', 1_000);
    expect(() => apiKeyRingFor({ ...EMBEDDED, API_KEYS_FILE: file })).toThrow(ConfigError);
  });
});

describe('where the demo keys may serve', () => {
  it.each(['127.0.0.1', 'localhost', '::1', '127.1.2.3'])('on the embedded default at %s', (HOST) => {
    expect(keySourceOf({ ...EMBEDDED, HOST })).toEqual({ kind: 'demo' });
  });

  it.each<[string, Partial<KeySettings>, RegExp]>([
    ['a public address', { HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0 is not a loopback address/],
    ['a PostgreSQL server', { DATABASE_URL: 'postgres://db/pool' }, /DATABASE_URL is set/],
    ['a KurrentDB server', { EVENTSTORE_CONNECTION_STRING: 'kurrentdb://es:2113' }, /EVENTSTORE_CONNECTION_STRING is set/],
  ])('not on %s, unless ALLOW_DEMO_KEYS says so', (_, change, problem) => {
    expect(() => apiKeyRingFor({ ...EMBEDDED, ...change })).toThrow(problem);
    expect(keySourceOf({ ...EMBEDDED, ...change, ALLOW_DEMO_KEYS: true })).toEqual({ kind: 'demo' });
  });

  it('takes configured keys anywhere, but not API_KEYS and a key file at once', () => {
    expect(keySourceOf({ HOST: '0.0.0.0', ALLOW_DEMO_KEYS: false, API_KEYS: 'k7Hq1234=operator:anna' }).kind).toBe('configured');
    expect(() => apiKeyRingFor({ ...EMBEDDED, API_KEYS: 'k7Hq1234=operator:anna', API_KEYS_FILE: '/keys' })).toThrow(/not both/);
  });
});
