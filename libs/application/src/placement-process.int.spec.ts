import { placementDecider, workerDecider, type PlacementEvent, type WorkerEvent } from '@banenpool/domain';
import { START } from '@banenpool/event-store';
import { openTestStack, type TestStack } from '@banenpool/testing';
import { annaFacts, officeFacts, proposed, schoonmaakFacts, terms } from '../../domain/src/placement/placement.fixtures.js';
import { agreed, annaRegistered, committed, indefinite } from '../../domain/src/worker/worker.fixtures.js';
import { loadState } from './command-executor.js';
import { placementProcess } from './placement-process.js';

/** The process manager's refusal paths, fed straight from histories written to the store. */
describe('placement process (on PGlite)', () => {
  let stack: TestStack;
  const now = new Date('2026-01-02T09:00:00Z');

  const write = (streamId: string, events: readonly (PlacementEvent | WorkerEvent)[]) =>
    stack.store.appendToStream(streamId, events, { expectedVersion: 'any' });
  const reactToEverything = async () => placementProcess(stack.store).react(await stack.store.readAll({ after: START, limit: 1_000 }));

  beforeAll(async () => {
    stack = await openTestStack('pglite');
    // Anna may work 32 h; another placement already holds 16 h of them in March.
    await write('worker-anna', [annaRegistered, agreed('c1', indefinite('2026-01-01', 32)), committed('other', 16, '2026-03-02', '2026-03-29')]);
    const confirmed = placementDecider.decide(
      { type: 'ConfirmPlacement', worker: { ...annaFacts, otherCommittedHoursPerWeek: 0, contractMaxHoursPerWeek: 32 }, site: officeFacts, cao: schoonmaakFacts },
      placementDecider.evolve(placementDecider.initialState, proposed),
      now,
    );
    const shortTerms = { ...terms, capacityRequestId: undefined, period: { from: '2026-01-05', to: '2026-02-22' } };
    await write('placement-p1', [{ type: 'PlacementProposed', data: shortTerms }, { ...confirmed[0], data: { ...confirmed[0].data, ...shortTerms } } as PlacementEvent]);
  });
  afterAll(() => stack.cleanup());

  it('commits the hours of a confirmed placement', async () => {
    await reactToEverything();
    const { state } = await loadState(stack.store, workerDecider, 'worker-anna');
    expect(state.status === 'registered' && state.commitments.map((c) => c.placementId)).toEqual(['other', 'p1']);
  });

  it('undoes an extension the worker’s hours cannot take, instead of stalling on it', async () => {
    // Extended into March on stale facts: 20 h + the other placement's 16 h exceed 32 h.
    await write('placement-p1', [{ type: 'PlacementExtended', data: { placementId: 'p1', previousTo: '2026-02-22', to: '2026-03-15' } }]);
    await reactToEverything();
    await reactToEverything(); // handled again (at-least-once): nothing changes

    const placement = (await stack.store.readStream('placement-p1')).map((e) => e.type);
    expect(placement.filter((t) => t === 'PlacementEndedEarly')).toHaveLength(1);
    const { state } = await loadState(stack.store, placementDecider, 'placement-p1');
    expect(state).toMatchObject({ status: 'ended', lastDay: '2026-02-22', earlyEndReason: expect.stringMatching(/^Extension undone: .*32/) });
    const worker = await loadState(stack.store, workerDecider, 'worker-anna');
    const commitment = worker.state.status === 'registered' ? worker.state.commitments.find((c) => c.placementId === 'p1') : undefined;
    expect(commitment?.period).toEqual({ from: '2026-01-05', to: '2026-02-22' });
  });
});
