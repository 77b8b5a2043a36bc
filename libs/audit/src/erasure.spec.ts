import type { EventStore, RecordedEvent } from '@banenpool/event-store';
import { asAppliedOn, asKnownAt } from './as-of.js';
import { placementScenario, recorded } from './audit.fixtures.js';
import { erasureOfSubject, type ErasureEvent } from './erasure.js';
import { NO_RELATED_EVENTS, type SubjectEvents } from './subject-events.js';

const avail = { kind: 'hours_per_week', hoursPerWeek: 32, unavailable: [] };
const terms = { kind: 'fixed_term', from: '2026-01-01', to: '2026-06-30', guaranteedHoursPerWeek: 0, maxHoursPerWeek: 32 };
const erasedData = {
  workerId: 'anna',
  reason: 'data_subject_request',
  erasedOn: '2026-09-01',
  retained: {
    targetGroupStatuses: [
      { inRegister: true, validFrom: '2026-01-01', validUntil: '2026-03-31' },
      { inRegister: false, validFrom: '2026-04-01' },
    ],
  },
};

/** Anna's stream as the store reads it once her key is shredded: placeholders where her personal fields were. */
function erasedWorkerStream(): RecordedEvent[] {
  const erased = { personalDataErased: true };
  const marked = (event: RecordedEvent) => ({ ...event, metadata: { ...event.metadata, ...erased } });
  return [
    marked(
      recorded(
        'worker-anna',
        0,
        'WorkerRegistered',
        { workerId: 'anna', name: '[erased]', birthDate: '1900-01-01', homeArea: '[erased]', skills: ['cleaning'], availability: avail },
        '2025-12-01T09:00:00Z',
      ),
    ),
    marked(recorded('worker-anna', 1, 'TargetGroupStatusRecorded', { workerId: 'anna', inRegister: false }, '2025-12-01T09:01:00Z')),
    recorded('worker-anna', 2, 'PoolContractAgreed', { workerId: 'anna', contractId: 'c1', terms }, '2025-12-02T10:00:00Z'),
    marked(recorded('worker-anna', 3, 'TargetGroupStatusRecorded', { workerId: 'anna', inRegister: false }, '2026-03-20T09:00:00Z')),
    recorded('worker-anna', 4, 'WorkerDataErased', erasedData, '2026-09-01T08:00:00Z'),
  ];
}

const workerEvents = (stream: RecordedEvent[]): SubjectEvents => ({
  subject: { kind: 'worker', id: 'anna' },
  streamId: 'worker-anna',
  stream,
  own: stream,
  ...NO_RELATED_EVENTS,
});

describe('audit answers about a worker whose personal data was erased', () => {
  const stream = erasedWorkerStream();
  const events = workerEvents(stream);
  const erasure: ErasureEvent = { recordedAt: stream[4].recordedAt, data: erasedData as ErasureEvent['data'] };
  const beforeTheErasure = new Date('2026-01-15T00:00:00Z');

  it('without the erasure (the test can fail), the replay shows the placeholders as if recorded', () => {
    expect(asKnownAt(events, beforeTheErasure).state).toMatchObject({ name: '[erased]', birthDate: '1900-01-01' });
  });

  it('as known before the erasure: says when it was erased, and shows no placeholder as a name or birth date', () => {
    const answer = asKnownAt(events, beforeTheErasure, erasure);
    expect(answer.erased).toEqual({ on: '2026-09-01', recordedAt: '2026-09-01T08:00:00.000Z' });
    expect(answer.state).toMatchObject({
      status: 'registered',
      workerId: 'anna',
      name: null,
      birthDate: null,
      homeArea: null,
      skills: ['cleaning'],
    });
    // Known by then: the first status only, as the erasure kept it (its register period, no wage value).
    expect(answer.state).toMatchObject({ targetGroupHistory: [erasedData.retained.targetGroupStatuses[0]] });
    expect(JSON.stringify(answer)).not.toMatch(/1900-01-01|\[erased\]/);
  });

  it('as known after the erasure: the erased state, and the same mark', () => {
    const answer = asKnownAt(events, new Date('2026-10-01T00:00:00Z'), erasure);
    expect(answer).toMatchObject({ erased: { on: '2026-09-01' }, state: { status: 'erased', erasedOn: '2026-09-01' } });
  });

  it('as applied on a date: the contract of the day, and the mark', () => {
    const answer = asAppliedOn(events, '2026-02-01', beforeTheErasure, erasure);
    expect(answer).toMatchObject({ erased: { on: '2026-09-01' }, applies: { registered: true, contract: { contractId: 'c1' } } });
  });

  it('of a contract of theirs: the mark', () => {
    const contract = { ...events, subject: { kind: 'contract' as const, workerId: 'anna', contractId: 'c1' } };
    expect(asKnownAt(contract, beforeTheErasure, erasure)).toMatchObject({ erased: { on: '2026-09-01' }, state: { status: 'agreed' } });
  });

  it('of a placement of theirs: no wage worked out from the placeholder birth date (an adult’s)', () => {
    const placement = placementScenario();
    const known = new Date('2026-03-05T00:00:00Z');
    expect(asKnownAt(placement, known).state).toMatchObject({ wageAtStartUnderRulesKnown: { wage: expect.any(Object) } });
    const answer = asKnownAt(placement, known, erasure);
    expect(answer).toMatchObject({
      erased: { on: '2026-09-01' },
      state: { wageAtStartUnderRulesKnown: { unavailable: expect.stringContaining('erased') } },
    });
    expect(asAppliedOn(placement, '2026-03-02', known, erasure).applies).toMatchObject({
      wageOnDate: { unavailable: expect.stringContaining('erased') },
    });
  });
});

describe('erasureOfSubject', () => {
  const stream = erasedWorkerStream();
  const storeOf = (events: RecordedEvent[]) => {
    const reads: string[] = [];
    const store = {
      async readStream(streamId: string, options?: { toRevision?: number }) {
        reads.push(`readStream ${streamId} to ${options?.toRevision}`);
        return events.filter((e) => e.streamId === streamId && e.revision <= (options?.toRevision ?? Infinity));
      },
      async readStreamForReplay(streamId: string) {
        reads.push(`readStreamForReplay ${streamId}`);
        return events.filter((e) => e.streamId === streamId);
      },
    } as unknown as EventStore;
    return { store, reads };
  };

  it('finds the WorkerDataErased of a worker whose registration reads as erased', async () => {
    const { store } = storeOf(stream);
    const found = await erasureOfSubject(store, workerEvents(stream.slice(0, 2)));
    expect(found).toEqual({ recordedAt: stream[4].recordedAt, data: erasedData });
  });

  it('reads one event and no more for a worker whose data was not erased', async () => {
    const plain = stream.map((e) => ({ ...e, metadata: { actor: 'operator:anna' } })).slice(0, 4);
    const { store, reads } = storeOf(plain);
    expect(await erasureOfSubject(store, workerEvents(plain))).toBeUndefined();
    expect(reads).toEqual(['readStream worker-anna to 0']);
  });

  it('reads nothing for a subject about no worker', async () => {
    const { store, reads } = storeOf(stream);
    const employer = { ...workerEvents([]), subject: { kind: 'employer' as const, id: 'waarbeek' } };
    expect(await erasureOfSubject(store, employer)).toBeUndefined();
    expect(reads).toEqual([]);
  });
});
