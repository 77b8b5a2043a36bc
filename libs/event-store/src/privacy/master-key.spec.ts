import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedMasterKeyFile, loadMasterKey, MasterKeyError } from './master-key.js';

describe('loadMasterKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'master-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates one for the embedded default, keeps it (mode 0600) and reads the same one next time', () => {
    const dataDir = join(dir, 'pglite');
    const first = loadMasterKey({ DATA_DIR: dataDir, embedded: true });
    const file = embeddedMasterKeyFile(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(loadMasterKey({ DATA_DIR: dataDir, embedded: true }).equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('takes MASTER_KEY or MASTER_KEY_FILE as given', () => {
    const key = Buffer.alloc(32, 3);
    expect(loadMasterKey({ MASTER_KEY: key.toString('base64'), embedded: false }).equals(key)).toBe(true);
    const file = join(dir, 'key');
    writeFileSync(file, key.toString('base64') + '\n');
    expect(loadMasterKey({ MASTER_KEY_FILE: file, embedded: false }).equals(key)).toBe(true);
  });

  it('refuses a server store without one, and a key that is not 32 bytes of base64', () => {
    expect(() => loadMasterKey({ embedded: false })).toThrow(MasterKeyError);
    expect(() => loadMasterKey({ embedded: false })).toThrow(/MASTER_KEY .*required/);
    expect(() => loadMasterKey({ MASTER_KEY: Buffer.alloc(16).toString('base64'), embedded: false })).toThrow(/32 random bytes/);
    expect(() => loadMasterKey({ MASTER_KEY_FILE: join(dir, 'missing'), embedded: false })).toThrow(/does not exist/);
  });
});
