import { ConfigError, loadConfig } from './app-config.js';

describe('MASTER_KEY in the configuration', () => {
  const key = Buffer.alloc(32, 9).toString('base64');

  it('is required off the embedded default, by name', () => {
    for (const env of [{ DATABASE_URL: 'postgres://x@h/db' }, { EVENTSTORE_CONNECTION_STRING: 'kurrentdb://h:2113?tls=false' }]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/MASTER_KEY \(or MASTER_KEY_FILE\) is required/);
    }
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', MASTER_KEY: key }).MASTER_KEY).toBe(key);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', MASTER_KEY_FILE: '/run/secrets/key' }).MASTER_KEY_FILE).toBe('/run/secrets/key');
  });

  it('is optional on the embedded default, and refused when it is not 32 bytes of base64', () => {
    expect(loadConfig({}).MASTER_KEY).toBeUndefined();
    expect(() => loadConfig({ MASTER_KEY: 'short' })).toThrow(/MASTER_KEY must be the base64 of 32 bytes/);
  });
});
