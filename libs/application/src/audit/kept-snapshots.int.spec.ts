import { stateAsAppliedOn, stateAsKnownAt, type AuditSubject, type KeptSnapshots } from '@banenpool/audit';
import { workerDecider } from '@banenpool/domain';
import { openTestStack, STACK_KINDS, type TestStack } from '@banenpool/testing';
import fc from 'fast-check';
import { instantsAround, workerStream, writtenWorker } from '../../../audit/src/worker-stream.fixtures.js';
import { foldHistory } from '../command-executor.js';
import { snapshottingFor } from '../streams/snapshot-kinds.js';
import { PostgresStreamSnapshots } from '../streams/postgres-stream-snapshots.js';
import { snapshotDue, type StreamSnapshot } from '../streams/stream-snapshots.js';
import { keptSnapshotsOf } from './kept-snapshots.js';
import { GetAuditStateHandler, GetAuditStateQuery } from './subject-audit.handlers.js';

// An as-of answer started from the snapshot a command keeps must be the answer replayed from the
// stream's first event, at every instant; it says which of the two it was (ADR 0023).

/** An answer as sent, without the part that says where its fold started. */
const asSent = (answer: object) => JSON.parse(JSON.stringify({ ...answer, replayedFrom: undefined })) as unknown;

describe.each(STACK_KINDS)('as-of answers from kept snapshots (on %s)', (kind) => {
  let stack: TestStack;
  let store: PostgresStreamSnapshots;
  let kept: KeptSnapshots;

  beforeAll(async () => {
    stack = await openTestStack(kind);
    store = new PostgresStreamSnapshots(stack.connection.pool);
    kept = keptSnapshotsOf(store);
  });
  afterAll(() => stack.cleanup());

  /** The snapshot a command that loaded the worker's stream up to `revision` keeps (snapshotDue). */
  async function snapshotAt(streamId: string, revision: number): Promise<StreamSnapshot> {
    const recent = await stack.store.readStream(streamId, { toRevision: revision });
    const snapshotting = snapshottingFor(workerDecider, store)!;
    const loaded = { state: foldHistory(workerDecider, recent), version: revision, recent };
    const { snapshot } = snapshotDue(streamId, loaded, { ...snapshotting, every: 1 })!;
    await store.write(snapshot, []);
    return snapshot;
  }

  it('gives the answer of a full replay at every instant, from the snapshot exactly when it folds only events known by then', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        async (weeks, sizes, at) => {
          const workerId = await writtenWorker(stack.store, workerStream('w', weeks), sizes);
          const streamId = `worker-${workerId}`;
          const whole = await stack.store.readStream(streamId);
          const snapshot = await snapshotAt(streamId, at % whole.length);
          expect(snapshot).toMatchObject({ eventId: whole[snapshot.revision].eventId, hash: whole[snapshot.revision].hash });
          const subjects: AuditSubject[] = [
            { kind: 'worker', id: workerId },
            { kind: 'contract', workerId, contractId: 'c1' },
          ];
          for (const knownAt of instantsAround(whole.map((e) => e.recordedAt))) {
            for (const subject of subjects) {
              const [full, fromSnapshot] = await Promise.all([
                stateAsKnownAt(stack.store, subject, knownAt),
                stateAsKnownAt(stack.store, subject, knownAt, kept),
              ]);
              expect(asSent(fromSnapshot)).toStrictEqual(asSent(full));
              if (knownAt >= snapshot.recordedUntil! && subject.kind === 'worker')
                expect(fromSnapshot.replayedFrom).toEqual({
                  snapshot: true,
                  revision: snapshot.revision,
                  eventId: snapshot.eventId,
                  hash: snapshot.hash,
                });
              if (knownAt < snapshot.recordedUntil!)
                expect(fromSnapshot.replayedFrom).toEqual({ snapshot: false, because: 'snapshot_after_instant' });
            }
            const on = '2026-01-14';
            expect(asSent(await stateAsAppliedOn(stack.store, subjects[1], on, knownAt, kept))).toStrictEqual(
              asSent(await stateAsAppliedOn(stack.store, subjects[1], on, knownAt)),
            );
          }
        },
      ),
      { numRuns: kind === 'pglite' ? 8 : 12 },
    );
  });

  it('replays from the first event when the snapshot is not of this chain, is unbounded, or there is none, and says why', async () => {
    const workerId = await writtenWorker(stack.store, workerStream('w', 3), [2]);
    const streamId = `worker-${workerId}`;
    const subject: AuditSubject = { kind: 'worker', id: workerId };
    const now = new Date(Date.now() + 60_000);
    const full = await stateAsKnownAt(stack.store, subject, now);
    const answerWith = async (snapshot?: Partial<StreamSnapshot>) => {
      const answer = await stateAsKnownAt(
        stack.store,
        subject,
        now,
        async () => snapshot && { ...(await snapshotAt(streamId, 2)), ...snapshot },
      );
      expect(asSent(answer)).toStrictEqual(asSent(full));
      return answer.replayedFrom;
    };

    expect(full.replayedFrom).toEqual({ snapshot: false, because: 'no_snapshots_for_stream' });
    expect(await answerWith()).toEqual({ snapshot: false, because: 'no_snapshot' });
    expect(await answerWith({ recordedUntil: undefined })).toEqual({ snapshot: false, because: 'snapshot_after_instant' });
    expect(await answerWith({ eventId: 'another-event' })).toEqual({ snapshot: false, because: 'snapshot_not_of_this_chain' });
    expect(await answerWith({ hash: '00'.repeat(32) })).toEqual({ snapshot: false, because: 'snapshot_not_of_this_chain' });
    // A state that is not the fold of those events would change the answer: the check above is what keeps it out.
    expect(await answerWith({})).toMatchObject({ snapshot: true, revision: 2 });
  });

  it('the audit query answers from the snapshots the commands keep, when they are bound', async () => {
    const workerId = await writtenWorker(stack.store, workerStream('w', 2), [5]);
    const snapshot = await snapshotAt(`worker-${workerId}`, 3);
    const query = new GetAuditStateQuery({ kind: 'contract', workerId, contractId: 'c1' }, { on: '2026-01-06' });
    expect(await new GetAuditStateHandler(stack.store, store).execute(query)).toMatchObject({
      replayedFrom: { snapshot: true, revision: snapshot.revision },
      eventsReplayed: 5,
    });
    expect(await new GetAuditStateHandler(stack.store).execute(query)).toMatchObject({
      replayedFrom: { snapshot: false, because: 'no_snapshots_for_stream' },
      eventsReplayed: 5,
    });
  });
});
