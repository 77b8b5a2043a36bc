import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data/pglite',
      EMBEDDED_PROJECTOR: true,
      LOG_LEVEL: 'info',
      PAY_PERIOD: 'four_weeks',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
  });

  it('reads typed values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/banenpool',
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false',
      EMBEDDED_PROJECTOR: 'false',
      PAY_PERIOD: 'month',
      MASTER_KEY: Buffer.alloc(32, 1).toString('base64'), // required off the embedded default (ADR 0020)
    });
    expect(config).toMatchObject({
      PORT: 8080,
      EMBEDDED_PROJECTOR: false,
      PAY_PERIOD: 'month',
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['EVENTSTORE_CONNECTION_STRING', 'http://localhost:2113'],
    ['EMBEDDED_PROJECTOR', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['PAY_PERIOD', 'fortnight'],
  ])('refuses %s=%s and names it', (name, value) => {
    const attempt = () => loadConfig({ DATABASE_URL: 'postgres://localhost/db', [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`${name}=`));
  });

  it('reads API keys and refuses a malformed one by name', () => {
    expect(loadConfig({ API_KEYS: 'k7Hq1234=operator:anna, Zp2abcde=employer:planning:visschedijk' }).API_KEYS).toBeDefined();
    expect(() => loadConfig({ API_KEYS: 'short=operator:anna' })).toThrow(/at least 8 characters/);
    expect(() => loadConfig({ API_KEYS: 'k7Hq1234=admin:anna' })).toThrow(/role must be operator, employer or auditor/);
    expect(() => loadConfig({ API_KEYS: 'k7Hq1234=employer:planning' })).toThrow(/names its employer id/);
  });

  it('refuses an external projector in embedded mode', () => {
    expect(() => loadConfig({ EMBEDDED_PROJECTOR: 'false' })).toThrow(/EMBEDDED_PROJECTOR=false needs DATABASE_URL/);
  });
});
