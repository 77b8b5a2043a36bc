import { recordAuditAccess, recordPersonalDataRead, type PersonalDataAccess } from '@banenpool/audit';
import { DomainError, workerStreamId } from '@banenpool/domain';
import { openTestStack, STACK_KINDS, type TestStack } from '@banenpool/testing';
import { GetWorkerAccessLogHandler, GetWorkerAccessLogQuery } from './get-worker-access-log.handler.js';

const read = (workerIds: string[], purpose: string): PersonalDataAccess => ({
  actor: 'auditor:uwv',
  role: 'auditor',
  route: 'GET /board',
  target: '/board',
  parameters: {},
  workerIds,
  categories: ['personal'],
  purpose,
  correlationId: `c-${purpose}`,
});

describe.each(STACK_KINDS)('the worker’s access log over the day streams of the access record (on %s)', (kind) => {
  let stack: TestStack;
  const ask = (workerId: string, from: string, to: string, limit = 50, offset = 0) =>
    new GetWorkerAccessLogHandler(stack.store).execute(new GetWorkerAccessLogQuery(workerId, from, to, { limit, offset }));

  beforeEach(async () => {
    stack = await openTestStack(kind);
    await stack.store.appendToStream(
      workerStreamId('w-anna'),
      [
        {
          type: 'SkillAdded',
          data: { workerId: 'w-anna', skill: 'x' },
          schemaVersion: 1,
          metadata: { actor: 'test', correlationId: 'c' },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    // Three days: Anna read on the 1st and 3rd, Bram alone on the 2nd, and an audit question about Anna on the 3rd.
    await recordPersonalDataRead(stack.store, read(['w-anna', 'w-bram'], 'invoice_audit'), new Date('2026-11-01T09:00:00Z'));
    await recordPersonalDataRead(stack.store, read(['w-bram'], 'payroll_audit'), new Date('2026-11-02T09:00:00Z'));
    await recordPersonalDataRead(stack.store, read(['w-anna'], 'subject_access'), new Date('2026-11-03T09:00:00Z'));
    await recordAuditAccess(
      stack.store,
      { actor: 'auditor:uwv', action: 'history', target: '/audit/workers/w-anna/history', parameters: {}, correlationId: 'c-h' },
      new Date('2026-11-03T10:00:00Z'),
    );
  });
  afterEach(() => stack.cleanup());

  it('lists the reads about the worker in the period, newest first, with days without a stream read as empty', async () => {
    const log = await ask('w-anna', '2026-10-25', '2026-11-05');
    expect(log.total).toBe(3);
    expect(log.items.map((item) => [item.at, item.what, item.purpose])).toEqual([
      ['2026-11-03T10:00:00.000Z', 'history', undefined],
      ['2026-11-03T09:00:00.000Z', 'GET /board', 'subject_access'],
      ['2026-11-01T09:00:00.000Z', 'GET /board', 'invoice_audit'],
    ]);
    expect(log.items[2]).toMatchObject({ workerCount: 2, categories: ['personal'], role: 'auditor' });
  });

  it('pages and keeps to the period', async () => {
    expect((await ask('w-anna', '2026-10-25', '2026-11-05', 1, 1)).items.map((item) => item.purpose)).toEqual(['subject_access']);
    expect((await ask('w-anna', '2026-11-02', '2026-11-02')).total).toBe(0);
    expect((await ask('w-anna', '2026-11-01', '2026-11-01')).items).toHaveLength(1);
  });

  it('refuses an unknown worker (404) and a period over a year', async () => {
    await expect(ask('w-nobody', '2026-11-01', '2026-11-05')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(ask('w-anna', '2025-01-01', '2026-11-05')).rejects.toBeInstanceOf(DomainError);
  });
});
