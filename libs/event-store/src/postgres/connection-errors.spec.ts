import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { EventStoreUnavailableError } from '../errors.js';
import { isLostConnection, rowsUnlessLost } from './connection-errors.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isLostConnection', () => {
  it.each([
    ['a backend terminated by an administrator (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a crashed server (57P02)', withCode('57P02')],
    ['a server still starting (57P03)', withCode('57P03')],
    ['a server out of connection slots (53300)', withCode('53300')],
    ['a connection exception (class 08)', withCode('08006')],
    ['a reset socket', withCode('ECONNRESET')],
    ['a refused connect', withCode('ECONNREFUSED')],
    ['a broken pipe', withCode('EPIPE')],
    ["pg's socket end", new Error('Connection terminated unexpectedly')],
    ["pg-pool's connect timeout", new Error('timeout exceeded when trying to connect')],
    ['a client used after its connection failed', new Error('Client has encountered a connection error and is not queryable')],
    ["TypeORM's QueryFailedError around one", new QueryFailedError('SELECT 1', [], withCode('57P01'))],
    ['one given as the cause', new Error('wrapped', { cause: new Error('Connection terminated unexpectedly') })],
    ["Node's AggregateError for a host with several addresses", new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
    ['a connect to a Unix socket that is not there', Object.assign(withCode('ENOENT'), { syscall: 'connect' })],
  ])('recognises %s', (_, error) => {
    expect(isLostConnection(error)).toBe(true);
  });

  it("recognises pg's own error for a server whose socket folder holds no socket", async () => {
    const client = new pg.Client({ host: mkdtempSync(join(tmpdir(), 'banenpool-no-server-')), port: 5432, user: 'postgres' });
    const error: unknown = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isLostConnection(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a serialization failure', withCode('40001')],
    ['a cancelled statement (statement timeout)', withCode('57014')],
    ['a missing table', new QueryFailedError('SELECT 1', [], withCode('42P01'))],
    ['a missing file that is not a socket', Object.assign(withCode('ENOENT'), { syscall: 'open' })],
    ['an error without a code', new Error('boom')],
    ['something that is no error', 'Connection terminated unexpectedly'],
    ['nothing', undefined],
  ])('does not take %s for one', (_, error) => {
    expect(isLostConnection(error)).toBe(false);
  });
});

describe('rowsUnlessLost', () => {
  it('answers the rows', async () => {
    expect(await rowsUnlessLost('lost', async () => ({ rows: [1, 2] }))).toEqual([1, 2]);
  });

  it('makes a lost connection EventStoreUnavailableError, with the error as its cause', async () => {
    const lost = withCode('57P01');
    const refused = rowsUnlessLost('The store was lost', () => Promise.reject(lost));
    await expect(refused).rejects.toThrow(EventStoreUnavailableError);
    await expect(refused).rejects.toMatchObject({ message: 'The store was lost', cause: lost });
  });

  it('passes any other error on as it is', async () => {
    const unique = withCode('23505');
    await expect(rowsUnlessLost('lost', () => Promise.reject(unique))).rejects.toBe(unique);
  });
});
