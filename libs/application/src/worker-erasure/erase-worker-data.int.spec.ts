import type { EventBus } from '@nestjs/cqrs';
import {
  DomainError,
  WORKER_STATE_VERSION,
  workerDecider,
  workerStreamId,
  type ErasurePayFacts,
  type WorkerCommand,
} from '@banenpool/domain';
import { reclaimErasedSpace } from '@banenpool/event-store';
import { openTestStack, type TestStack } from '@banenpool/testing';
import type { DataSource } from 'typeorm';
import { PostgresStreamSnapshots } from '../streams/postgres-stream-snapshots.js';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor } from '../shared/use-case-executor.js';
import { EraseWorkerDataCommand, EraseWorkerDataHandler } from './erase-worker-data.handler.js';
import type { ErasurePayFactsReader } from './erasure-pay-facts.js';
import { InMemoryPersonalDataKeys } from './in-memory-personal-data-keys.testing.js';

const context: RequestContext = { caller: { label: 'operator:test' }, correlationId: 'erasure-spec' };
const KIND = { name: 'worker', version: WORKER_STATE_VERSION };
/** Nothing owed: no sheets (the read models are not part of this stack; erasure-pay.ts's spec weighs sheets and runs). */
const PAID: ErasurePayFacts = { timesheets: [], finalizedPayRuns: [], payPeriodKind: 'month' };

// Only the columns the purge reads: the real table is TypeORM's (IdempotencyRecord).
const IDEMPOTENCY_TABLE = `CREATE TABLE IF NOT EXISTS api_idempotency_keys (
  scope text PRIMARY KEY, state text NOT NULL, stream_id text, response_body jsonb)`;

// Only the columns the purge reads and writes: the real table is the timesheets read model's (TimesheetRow).
const TIMESHEETS_TABLE = `CREATE TABLE IF NOT EXISTS rm_timesheets (
  timesheet_id text PRIMARY KEY, worker_id text NOT NULL, lines jsonb NOT NULL, approved_lines jsonb, rejection_reason text)`;

describe.each(['pglite', 'postgres'] as const)('EraseWorkerDataHandler (on %s)', (kind) => {
  let stack: TestStack;
  let keys: InMemoryPersonalDataKeys;
  let handler: EraseWorkerDataHandler;
  let executor: UseCaseExecutor;
  let payFacts = PAID;
  /** What the projector commits while the erasure waits for the read models. */
  let whileReadModelsCatchUp = async (): Promise<void> => undefined;
  const query = async (text: string, params: readonly unknown[] = []) => (await stack.connection.pool.query(text, [...params])).rows;

  const run = (workerId: string, command: WorkerCommand) => executor.step(workerDecider, workerStreamId(workerId), command, context);
  const register = async (workerId: string) => {
    await run(workerId, {
      type: 'RegisterWorker',
      workerId,
      name: 'Fenna Oosterhuis',
      birthDate: '1983-11-27',
      homeArea: 'hengelo',
      skills: ['cleaning'],
      availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
      targetGroup: { inRegister: true, wageValueBp: 5500 },
    });
  };
  const typesIn = async (workerId: string) =>
    (await stack.store.readStream(workerStreamId(workerId))).map((event: { type: string }) => event.type);

  beforeAll(async () => {
    stack = await openTestStack(kind);
    const snapshots = new PostgresStreamSnapshots(stack.connection.pool);
    executor = new UseCaseExecutor(stack.store, { publish: () => undefined } as unknown as EventBus, snapshots);
    keys = new InMemoryPersonalDataKeys();
    const payFactsReader = { read: async () => payFacts } as unknown as ErasurePayFactsReader;
    const readModels = {
      waitFor: async () => {
        await whileReadModelsCatchUp();
        return true;
      },
    };
    const space = { reclaim: (tables: readonly string[]) => reclaimErasedSpace(stack.connection, tables) };
    handler = new EraseWorkerDataHandler(executor, keys, { query } as unknown as DataSource, payFactsReader, readModels, space);
    await query(IDEMPOTENCY_TABLE);
    await query(TIMESHEETS_TABLE);
    await snapshots.write({ streamId: 'worker-other', kind: KIND, revision: 0, eventId: 'e0', state: { name: 'Other' } }, []);
  });
  afterAll(() => stack.cleanup());

  it('appends WorkerDataErased, shreds the key and purges the snapshot and the stored answers about the worker', async () => {
    await register('fenna');
    const snapshots = new PostgresStreamSnapshots(stack.connection.pool);
    await snapshots.write({ streamId: 'worker-fenna', kind: KIND, revision: 0, eventId: 'e1', state: { name: 'Fenna Oosterhuis' } }, [
      'key:k1',
    ]);
    await query(`INSERT INTO api_idempotency_keys VALUES ('op:k1', 'done', 'worker-fenna', '{"streamId":"worker-fenna"}'),
      ('op:k2', 'done', 'placement-p1', '{"workerId":"fenna"}'), ('op:k3', 'done', 'placement-p2', '{"workerId":"fennas"}')`);

    const accepted = await handler.execute(new EraseWorkerDataCommand('fenna', 'data_subject_request', context));

    expect(accepted).toMatchObject({ events: ['WorkerDataErased'], position: expect.any(String) });
    expect(await typesIn('fenna')).toContain('WorkerDataErased');
    expect(await keys.isShredded('fenna')).toBe(true);
    expect(await query('SELECT stream_id FROM stream_snapshots ORDER BY stream_id')).toEqual([{ stream_id: 'worker-other' }]);
    expect(await query(`SELECT mark FROM stream_snapshot_marks WHERE stream_id = 'worker-fenna'`)).toEqual([]);
    expect(await query('SELECT scope FROM api_idempotency_keys ORDER BY scope')).toEqual([{ scope: 'op:k3' }]);
  });

  it('rewrites the tables that held plain text once the read models applied the erasure, and leaves the others', async () => {
    await register('ilse');
    const fileOf = async (table: string) => (await query('SELECT pg_relation_filenode($1) AS file', [table]))[0];
    const before = await Promise.all(['rm_timesheets', 'stream_snapshots', 'es_events'].map(fileOf));

    await handler.execute(new EraseWorkerDataCommand('ilse', 'data_subject_request', context));

    const after = await Promise.all(['rm_timesheets', 'stream_snapshots', 'es_events'].map(fileOf));
    expect(after[0]).not.toEqual(before[0]);
    expect(after[1]).not.toEqual(before[1]);
    expect(after[2]).toEqual(before[2]);
  });

  it('finishes an erasure whose process died between the append and the shredding, when it is sent again', async () => {
    await register('joost');
    keys.failNextShred();
    await expect(handler.execute(new EraseWorkerDataCommand('joost', 'data_subject_request', context))).rejects.toThrow('died');
    expect(await typesIn('joost')).toContain('WorkerDataErased');
    expect(await keys.isShredded('joost')).toBe(false);

    const again = await handler.execute(new EraseWorkerDataCommand('joost', 'data_subject_request', context));

    expect(again.events).toEqual([]); // no second event
    expect((await typesIn('joost')).filter((type) => type === 'WorkerDataErased')).toHaveLength(1);
    expect(await keys.isShredded('joost')).toBe(true);
  });

  it('shreds nothing when the erasure is refused', async () => {
    await register('lotte');
    await run('lotte', {
      type: 'OfferContract',
      contractId: 'c1',
      terms: { kind: 'indefinite', from: '2025-01-01', guaranteedHoursPerWeek: 0, maxHoursPerWeek: 32 },
      rules: undefined as never, // an indefinite contract reads no rule table
    });
    const calls = keys.shredCalls;
    const refused = handler.execute(new EraseWorkerDataCommand('lotte', 'data_subject_request', context));
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'worker_has_contract', kind: 'conflict' });
    expect(keys.shredCalls).toBe(calls);
    await expect(handler.execute(new EraseWorkerDataCommand('nobody', 'data_subject_request', context))).rejects.toMatchObject({
      code: 'worker_not_found',
    });
  });

  it('appends and shreds nothing while a sheet of the worker is approved but unpaid, and erases once it is paid', async () => {
    await register('sanne');
    const sheet = { timesheetId: 'sanne-p1-2026-W02', week: '2026-W02', status: 'approved', lineCount: 2, approvedVersion: 1 } as const;
    payFacts = { ...PAID, timesheets: [sheet] };
    const calls = keys.shredCalls;
    await expect(handler.execute(new EraseWorkerDataCommand('sanne', 'data_subject_request', context))).rejects.toMatchObject({
      code: 'worker_has_unpaid_hours',
      kind: 'conflict',
      message: expect.stringContaining('sanne-p1-2026-W02'),
    });
    expect(await typesIn('sanne')).not.toContain('WorkerDataErased');
    expect(keys.shredCalls).toBe(calls);

    payFacts = {
      ...PAID,
      timesheets: [{ ...sheet, lock: { payRunId: '2026-01', approvedVersion: 1 } }],
      finalizedPayRuns: [{ payRunId: '2026-01', to: '2026-01-31' }],
    };
    expect((await handler.execute(new EraseWorkerDataCommand('sanne', 'data_subject_request', context))).events).toEqual([
      'WorkerDataErased',
    ]);
    expect(await keys.isShredded('sanne')).toBe(true);
    payFacts = PAID;
  });

  it("blanks the worker's line remarks and rejection reasons in the timesheets read model, as a rebuild reads them, hours kept", async () => {
    await register('mila');
    const line = { day: '2026-01-05', start: '08:00', end: '12:00', breakMinutes: 0, hourType: 'normal' };
    const remarked = JSON.stringify([line, { ...line, day: '2026-01-06', remark: 'Mila went home ill' }]);
    await query(
      `INSERT INTO rm_timesheets VALUES ('mila-w1', 'mila', $1, $1, NULL), ('mila-w2', 'mila', $1, NULL, 'Mila was ill'),
        ('mila-w3', 'mila', '[]', NULL, NULL), ('other-w1', 'other', $1, NULL, 'Other was ill')`,
      [remarked],
    );

    await handler.execute(new EraseWorkerDataCommand('mila', 'data_subject_request', context));

    const unremarked = [line, { ...line, day: '2026-01-06' }];
    expect(await query('SELECT timesheet_id, lines, approved_lines, rejection_reason FROM rm_timesheets ORDER BY timesheet_id')).toEqual([
      { timesheet_id: 'mila-w1', lines: unremarked, approved_lines: unremarked, rejection_reason: null },
      { timesheet_id: 'mila-w2', lines: unremarked, approved_lines: null, rejection_reason: '[erased]' },
      { timesheet_id: 'mila-w3', lines: [], approved_lines: null, rejection_reason: null },
      { timesheet_id: 'other-w1', lines: JSON.parse(remarked), approved_lines: null, rejection_reason: 'Other was ill' },
    ]);
  });

  it('purges after the read models applied the erasure, so a batch decrypted before the shred cannot bring a remark back', async () => {
    await register('noor');
    const remarked = JSON.stringify([
      { day: '2026-01-05', start: '08:00', end: '12:00', breakMinutes: 0, hourType: 'normal', remark: 'Noor ill' },
    ]);
    whileReadModelsCatchUp = async () => {
      await query(`INSERT INTO rm_timesheets VALUES ('noor-w1', 'noor', $1, NULL, 'Noor was ill')`, [remarked]);
    };
    try {
      await handler.execute(new EraseWorkerDataCommand('noor', 'data_subject_request', context));
    } finally {
      whileReadModelsCatchUp = async () => undefined;
    }
    expect(await query(`SELECT lines::text AS lines, rejection_reason FROM rm_timesheets WHERE worker_id = 'noor'`)).toEqual([
      { lines: expect.not.stringContaining('Noor ill'), rejection_reason: '[erased]' },
    ]);
  });
});
