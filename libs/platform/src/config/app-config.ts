import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { ApiKeyConfigError, parseApiKeys } from '../auth/actor.js';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
/**
 * 'true'/'false' (also 1/0, yes/no) as written in an environment variable or a query string;
 * anything else stays as given, so @IsBoolean refuses it by name.
 */
export function parseBooleanText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no'].includes(normalised)) return false;
  return value;
}
const toBool = ({ value }: { value: unknown }) => parseBooleanText(value);

/** Everything the service reads from its environment, validated once at start. See README. */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** Embedded mode's PGlite data folder (used when DATABASE_URL is not set); `memory://` keeps nothing. */
  @IsString()
  DATA_DIR = './data/pglite';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsOptional()
  @Matches(/^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/\S+$/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be a kurrentdb://, kurrentdb+discover:// or esdb:// connection string',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  EVENTSTORE_TIMEOUT_MS = 5000;

  /** Run the projector inside this process (always so in embedded mode, where no other process can reach the data). */
  @Transform(toBool)
  @IsBoolean()
  EMBEDDED_PROJECTOR = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  PROJECTOR_BATCH_SIZE = 1000;

  /** The longest a query waits for projections to reach a client's position (read-your-writes). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  READ_YOUR_WRITES_MAX_WAIT_MS = 5000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The pool's pay period: four ISO weeks (13 a year) or a calendar month (libs/domain PAY_PERIOD_KINDS). */
  @IsIn(['four_weeks', 'month'])
  PAY_PERIOD: 'four_weeks' | 'month' = 'four_weeks';

  /** "key=role:name[:employerId],…", a key given as itself or as `sha256:<hex>`; unset means the demo keys (see README). */
  @IsOptional()
  @IsString()
  API_KEYS?: string;

  /** A file of API_KEYS entries, one per line, re-read when it changes (rotation without a restart). */
  @IsOptional()
  @IsString()
  API_KEYS_FILE?: string;

  /** Accept the public demo keys even off the embedded default on loopback (a shared test server, say). */
  @Transform(toBool)
  @IsBoolean()
  ALLOW_DEMO_KEYS = false;

  /** Failed authentications one address may make per minute before it gets 429 for the rest of it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  AUTH_FAILURES_PER_MINUTE = 20;

  /** Base64 of the 32-byte master key that wraps the data keys of personal data (ADR 0020); required off the embedded default. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'MASTER_KEY must be the base64 of 32 bytes (openssl rand -base64 32)' })
  MASTER_KEY?: string;

  /** A file holding MASTER_KEY (e.g. a mounted secret). */
  @IsOptional()
  @IsString()
  MASTER_KEY_FILE?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the known variables (unset or empty means the default) and refuses a wrong value by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defaults = new AppConfig();
  const given = Object.fromEntries(
    Object.keys(defaults)
      .concat('DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING', 'API_KEYS', 'API_KEYS_FILE')
      .concat('MASTER_KEY', 'MASTER_KEY_FILE')
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  if (config.API_KEYS) {
    try {
      parseApiKeys(config.API_KEYS);
    } catch (error) {
      if (error instanceof ApiKeyConfigError) throw new ConfigError([error.message]);
      throw error;
    }
  }
  if (!config.DATABASE_URL && !config.EMBEDDED_PROJECTOR) {
    throw new ConfigError(['EMBEDDED_PROJECTOR=false needs DATABASE_URL: in embedded mode only this process can reach the data']);
  }
  if ((config.DATABASE_URL || config.EVENTSTORE_CONNECTION_STRING) && !config.MASTER_KEY && !config.MASTER_KEY_FILE) {
    throw new ConfigError([
      'MASTER_KEY (or MASTER_KEY_FILE) is required with DATABASE_URL or EVENTSTORE_CONNECTION_STRING: it wraps the keys of personal data (make one with `openssl rand -base64 32`, give every process the same one, keep it safe)',
    ]);
  }
  return config;
}
