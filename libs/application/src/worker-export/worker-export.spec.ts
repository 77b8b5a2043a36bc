import { retentionOn, shippedRuleBook, type RetentionValues, type RuleRow } from '@banenpool/domain';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@banenpool/event-store';
import type { DataSource } from 'typeorm';
import { runOfWorker } from '../payroll/worker-statement.js';
import { EXPORT_PAGES, WorkerExportReader } from './worker-export-reader.js';
import {
  accessIsAbout,
  foldRunAboutWorker,
  WORKER_EXPORT_CATEGORIES,
  workerExportHeader,
  workerExportJsonText,
  type RunAboutWorker,
  type WorkerExport,
} from './worker-export.js';

const at = new Date('2026-12-31T23:30:00Z'); // already 1 January 2027 in Amsterdam

function event(streamId: string, revision: number, type: string, data: unknown): RecordedEvent {
  return {
    eventId: `${streamId}#${revision}`,
    streamId,
    revision,
    position: { commit: BigInt(revision + 1), prepare: BigInt(revision + 1) },
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'operator:anna', correlationId: `c-${revision}` },
    recordedAt: at,
  } as RecordedEvent;
}

async function* pagesOf<T>(...pages: T[][]): AsyncGenerator<T[]> {
  for (const page of pages) yield page;
}

async function textOf(exported: WorkerExport): Promise<string> {
  let text = '';
  for await (const piece of workerExportJsonText(exported)) text += piece;
  return text;
}

const shippedRetention = retentionOn(shippedRuleBook(at), '2027-01-01');
const header = workerExportHeader('anna', { label: 'operator:anna', correlationId: 'req-1' }, at, 'De Twentse Banenpool', shippedRetention);

describe('the subject access export as JSON text', () => {
  it('writes the header, every category in order with its pages joined, and complete last', async () => {
    const text = await textOf({
      header,
      categories: [
        { key: 'worker', pages: pagesOf([{ n: 1 }, { n: 2 }], [], [{ n: 3 }]) },
        { key: 'placements', pages: pagesOf() },
        { key: 'timesheets', pages: pagesOf([], [{ n: 4 }]) },
      ],
    });
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['header', 'worker', 'placements', 'timesheets', 'complete']);
    expect(parsed.worker).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(parsed.placements).toEqual([]);
    expect(parsed.timesheets).toEqual([{ n: 4 }]);
    expect(parsed.complete).toBe(true);
    expect(parsed.header.subject).toEqual({ workerId: 'anna' });
  });

  it('leaves a document cut off by a failed read unparseable, never a shorter whole one', async () => {
    async function* failing(): AsyncGenerator<unknown[]> {
      yield [{ n: 1 }];
      throw new Error('the database went away');
    }
    let text = '';
    await expect(
      (async () => {
        for await (const piece of workerExportJsonText({ header, categories: [{ key: 'worker', pages: failing() }] })) text += piece;
      })(),
    ).rejects.toThrow('the database went away');
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('the export header', () => {
  it('names the time in UTC and the day in Amsterdam, the controller, the requester and every category once', () => {
    expect(header).toMatchObject({
      generatedAt: '2026-12-31T23:30:00.000Z',
      generatedOn: '2027-01-01',
      requestedBy: 'operator:anna',
      correlationId: 'req-1',
      controller: { name: 'De Twentse Banenpool' },
    });
    expect(header.categories.map((c) => c.key)).toEqual([...WORKER_EXPORT_CATEGORIES]);
    for (const note of header.categories) expect(note.retention.length).toBeGreaterThan(0);
  });

  it('states the fiscal retention from the retention row it is given, naming that row', () => {
    const corrected: RuleRow<RetentionValues> = { ...shippedRetention, revision: 1, values: { fiscalRecordsYears: 10 } };
    const notes = workerExportHeader('anna', { label: 'x', correlationId: 'c' }, at, 'Pool', corrected).categories;
    const invoiceLines = notes.find((n) => n.key === 'invoiceLines');
    expect(invoiceLines?.retention).toContain('10 years after the end of the year they concern');
    expect(invoiceLines?.retention).toContain(`retention from ${shippedRetention.effectiveFrom}, revision 1`);
    expect(header.categories.find((n) => n.key === 'payRuns')?.retention).toMatch(/^7 years after/);
  });
});

describe('what an allocation run says about a worker', () => {
  const proposal = (proposalId: string, workerId: string) => ({ proposalId, workerId, requestId: 'r1', employerId: 'e1' });
  const completed = event('allocation-run1', 0, 'AllocationRunCompleted', {
    runId: 'run1',
    input: {
      unplaceable: [
        { kind: 'worker', workerId: 'anna', reason: 'no location' },
        { kind: 'worker', workerId: 'bram', reason: 'no location' },
      ],
    },
    proposals: [proposal('run1.p1', 'anna'), proposal('run1.p2', 'bram'), proposal('run1.p3', 'anna')],
  });
  const fold = (workerId: string, events: RecordedEvent[]) =>
    events.reduce<RunAboutWorker | undefined>((found, e) => foldRunAboutWorker(workerId, found, e), undefined);

  it('keeps only the worker’s proposals and the decisions on them', () => {
    const found = fold('anna', [
      completed,
      event('allocation-run1', 1, 'AllocationProposalAccepted', { runId: 'run1', proposalId: 'run1.p1', by: 'x', placementId: 'pl' }),
      event('allocation-run1', 2, 'AllocationProposalRejected', { runId: 'run1', proposalId: 'run1.p2', by: 'x', reason: 'no' }),
      event('allocation-run1', 3, 'AllocationProposalRefused', { runId: 'run1', proposalId: 'run1.p3', by: 'x', code: 'c', reason: 'r' }),
    ]);
    expect(found?.runId).toBe('run1');
    expect(found?.proposals.map((p) => p.proposalId)).toEqual(['run1.p1', 'run1.p3']);
    expect(found?.unplaceable).toEqual([{ reason: 'no location' }]);
    expect(found?.decisions.map((d) => [d.type, (d.data as { proposalId: string }).proposalId])).toEqual([
      ['AllocationProposalAccepted', 'run1.p1'],
      ['AllocationProposalRefused', 'run1.p3'],
    ]);
  });

  it('says nothing of a run that never named the worker', () => {
    expect(fold('carla', [completed])).toBeUndefined();
  });
});

describe('a pay run as one worker’s export states it', () => {
  const sheet = (timesheetId: string, workerId: string) => ({
    timesheetId,
    workerId,
    employerId: 'e',
    week: '2026-W05',
    status: 'draft' as const,
  });
  const run = {
    payRunId: '2026-P02',
    unpaid: [sheet('anna-e-2026-W07', 'anna'), sheet('bram-e-2026-W07', 'bram')],
    lockedTimesheets: [
      { timesheetId: 'anna-e-2026-W05', approvedVersion: 1 },
      { timesheetId: 'bram-e-2026-W05', approvedVersion: 1 },
    ],
  };

  it('keeps only the worker’s own unpaid and locked sheets', () => {
    const own = runOfWorker(run, { workerId: 'anna', lines: [{ timesheetId: 'anna-e-2026-W05' }] as never });
    expect(own.unpaid.map((s) => s.timesheetId)).toEqual(['anna-e-2026-W07']);
    expect(own.lockedTimesheets).toEqual([{ timesheetId: 'anna-e-2026-W05', approvedVersion: 1 }]);
    expect(own.payRunId).toBe('2026-P02');
  });

  it('leaves an open run without locked sheets', () => {
    const { lockedTimesheets: _locked, ...open } = run;
    expect(runOfWorker(open, { workerId: 'anna', lines: [] })).not.toHaveProperty('lockedTimesheets');
  });
});

describe('which access records are about a worker', () => {
  const placements = new Set(['anna-visschedijk']);
  const about = (data: unknown) => accessIsAbout('anna', placements, data);

  it('takes questions about the worker, its contracts, placements and their timesheets', () => {
    expect(about({ target: 'worker anna' })).toBe(true);
    expect(about({ target: 'contract c1 of worker anna' })).toBe(true);
    expect(about({ target: 'placement anna-visschedijk' })).toBe(true);
    expect(about({ target: 'timesheet anna-visschedijk-2026-W05' })).toBe(true);
    expect(about({ target: '/workers/anna/export' })).toBe(true);
    expect(about({ target: 'pay-run 2026-P02', parameters: { workerId: 'anna' } })).toBe(true);
    expect(about({ workerId: 'anna', action: 'read' })).toBe(true);
    expect(about({ target: '/timesheets', workerIds: ['bram', 'anna'] })).toBe(true);
  });

  it('leaves out other workers, other placements and ids that only start alike', () => {
    expect(about({ target: 'worker annabel' })).toBe(false);
    expect(about({ target: 'worker bram' })).toBe(false);
    expect(about({ target: 'placement bram-visschedijk' })).toBe(false);
    expect(about({ target: 'timesheet anna-visschedijk-x-2026-W05' })).toBe(false);
    expect(about({ target: 'store', parameters: {} })).toBe(false);
    expect(about(null)).toBe(false);
    expect(about({ target: '/timesheets', workerIds: ['bram', 'annabel'] })).toBe(false);
  });
});

describe('reading a long history a page at a time', () => {
  /** A store with one stream of `length` events that counts its reads and refuses to answer more than a page. */
  function storeWith(streamId: string, length: number) {
    const reads: ReadStreamOptions[] = [];
    const store = {
      async readStream(id: string, options: ReadStreamOptions = {}) {
        reads.push(options);
        if (id !== streamId) return [];
        const from = options.fromRevision ?? 0;
        const count = Math.min(options.maxCount ?? Infinity, Math.max(0, length - from));
        return Array.from({ length: count }, (_, i) =>
          event(streamId, from + i, 'SkillAdded', { workerId: 'anna', skill: `s${from + i}` }),
        );
      },
    } as unknown as EventStore;
    return { store, reads };
  }

  it('reads a worker stream of 20,000 events in pages of 500 and yields every fact once, in order', async () => {
    const { store, reads } = storeWith('worker-anna', 20_000);
    const reader = new WorkerExportReader(store, {} as DataSource);
    let seen = 0;
    let largest = 0;
    for await (const page of reader.workerFacts('anna')) {
      for (const fact of page) expect(fact.revision).toBe(seen++);
      largest = Math.max(largest, page.length);
    }
    expect(seen).toBe(20_000);
    expect(largest).toBe(EXPORT_PAGES.events);
    expect(reads.every((r) => r.maxCount === EXPORT_PAGES.events)).toBe(true);
    expect(reads).toHaveLength(41); // 40 full pages and the empty read that ends it
  });

  it('states each fact with its time, actor, request and day in Amsterdam', async () => {
    const { store } = storeWith('lks-anna', 1);
    const reader = new WorkerExportReader(store, {} as DataSource);
    const pages: unknown[][] = [];
    for await (const page of reader.wageCostSubsidyFacts('anna')) pages.push(page);
    expect(pages).toEqual([
      [
        {
          streamId: 'lks-anna',
          revision: 0,
          position: '1-1',
          type: 'SkillAdded',
          schemaVersion: 1,
          recordedAt: '2026-12-31T23:30:00.000Z',
          recordedOn: '2027-01-01',
          actor: 'operator:anna',
          correlationId: 'c-0',
          data: { workerId: 'anna', skill: 's0' },
        },
      ],
    ]);
  });

  it('knows a worker by its stream', async () => {
    const { store } = storeWith('worker-anna', 3);
    const reader = new WorkerExportReader(store, {} as DataSource);
    expect(await reader.exists('anna')).toBe(true);
    expect(await reader.exists('bram')).toBe(false);
  });
});

describe('reading many invoice lines a page at a time', () => {
  it('walks 450 lines of 30 documents after the last (year, number, line) of each page, each line once', async () => {
    const all = Array.from({ length: 450 }, (_, i) => ({
      invoiceId: `2026-${Math.floor(i / 15) + 1}`,
      year: 2026,
      sequence: Math.floor(i / 15) + 1,
      lineIndex: i % 15,
      line: { workerId: 'anna', n: i },
    }));
    const asked: unknown[][] = [];
    const dataSource = {
      async query(_sql: string, [, year, sequence, index, limit]: [string, number, number, number, number]) {
        asked.push([year, sequence, index, limit]);
        const after = (row: (typeof all)[number]) =>
          row.year > year || (row.year === year && (row.sequence > sequence || (row.sequence === sequence && row.lineIndex > index)));
        return all.filter(after).slice(0, limit);
      },
    } as unknown as DataSource;
    const reader = new WorkerExportReader({} as EventStore, dataSource);
    const seen: number[] = [];
    for await (const page of reader.invoiceLines('anna')) {
      expect(page.length).toBeLessThanOrEqual(EXPORT_PAGES.rows);
      for (const row of page) {
        expect(row).not.toHaveProperty('year');
        seen.push((row.line as { n: number }).n);
      }
    }
    expect(seen).toEqual(all.map((_, i) => i));
    expect(asked).toEqual([
      [0, 0, -1, 200],
      [2026, 14, 4, 200], // line 199 is the 5th line of document 14
      [2026, 27, 9, 200],
    ]);
  });
});
