import { DomainError, workerDecider, type DomainEvent } from '@banenpool/domain';
import { connectPostgres, migrateEventStore, PostgresEventStore, type PostgresConnection } from '@banenpool/event-store';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import fc from 'fast-check';
import { asAppliedOn, contractState, stateAsAppliedOn, stateAsKnownAt } from './as-of.js';
import type { AuditSubject } from './audit-subject.js';
import { foldStream } from './replay.js';
import { loadReplayEvents } from './subject-events.js';
import { instantsAround, workerStream, writtenWorker } from './worker-stream.fixtures.js';

// The store cuts the subject's stream at the instant (loadReplayEvents): each answer must be the
// fold of exactly the events recorded by then, as if the whole stream had been read and cut here.

let database: ScratchDatabase;
let connection: PostgresConnection;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createScratchDatabase();
  connection = connectPostgres({ url: database.url, poolSize: 4 });
  await migrateEventStore(connection.pool);
  store = new PostgresEventStore(connection.pool);
});
afterAll(async () => {
  await connection.close();
  await database.drop();
});

const written = (events: readonly DomainEvent<string, unknown>[], sizes: readonly number[]) => writtenWorker(store, events, sizes);

describe('as known at an instant, cut by the store', () => {
  it('equals folding the events recorded up to that instant, for a worker and its contract', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        async (weeks, sizes) => {
          const workerId = await written(workerStream('w', weeks), sizes);
          const whole = await store.readStreamForReplay(`worker-${workerId}`);
          const subjects: AuditSubject[] = [
            { kind: 'worker', id: workerId },
            { kind: 'contract', workerId, contractId: 'c1' },
          ];
          for (const knownAt of instantsAround(whole.map((e) => e.recordedAt))) {
            const known = whole.filter((e) => e.recordedAt.getTime() <= knownAt.getTime());
            const worker = foldStream(workerDecider, known);
            const [asWorker, asContract] = await Promise.all(subjects.map((subject) => stateAsKnownAt(store, subject, knownAt)));
            expect(asWorker.state).toEqual(worker);
            expect(asContract.state).toEqual(contractState(worker, 'c1'));
            expect(asWorker.eventsReplayed).toBe(known.length);
            expect(asWorker.lastEvent?.revision).toBe(known.at(-1)?.revision);
            const on = '2026-01-14';
            expect(await stateAsAppliedOn(store, subjects[1], on, knownAt)).toEqual(
              asAppliedOn(await loadReplayEvents(store, subjects[1]), on, knownAt),
            );
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a subject recorded only later is answered as not yet known; one never recorded is not found', async () => {
    const workerId = await written(workerStream('w', 1), [1]);
    const [first] = await store.readStreamForReplay(`worker-${workerId}`);
    const before = new Date(first.recordedAt.getTime() - 1);
    expect(await stateAsKnownAt(store, { kind: 'worker', id: workerId }, before)).toMatchObject({
      eventsReplayed: 0,
      state: { status: 'none' },
    });
    // Registered by then, but the contract was agreed in the next append.
    expect((await stateAsKnownAt(store, { kind: 'contract', workerId, contractId: 'c1' }, first.recordedAt)).state).toEqual({
      status: 'none',
    });
    const never = stateAsKnownAt(store, { kind: 'worker', id: 'never-recorded' }, new Date());
    await expect(never).rejects.toBeInstanceOf(DomainError);
    await expect(never).rejects.toMatchObject({ code: 'audit_subject_not_found' });
  });
});
