import {
  capacityDecider,
  decideInOrder,
  placementDecider,
  RULE_TABLE_SEED,
  ruleTableStreamId,
  workerDecider,
  type CapacityEvent,
  type ConfirmPlacement,
  type Period,
  type PlacementEvent,
  type PlacementTerms,
  type RuleEvent,
  type WorkerEvent,
  type WorkerFacts,
  schemaVersionOf,
} from '@banenpool/domain';
import { START, type EventStore } from '@banenpool/event-store';
import { openTestStack, type TestStack } from '@banenpool/testing';
import { schoonmaakVersions, shippedRules, visschedijk } from '../../domain/src/placement/placement-pay.fixtures.js';
import { annaFacts, officeFacts, terms } from '../../domain/src/placement/placement.fixtures.js';
import { agreed, annaRegistered, committed, indefinite } from '../../domain/src/worker/worker.fixtures.js';
import { loadState } from './command-executor.js';
import { placementProcess } from './placement-process.js';

/** The process manager's refusal paths, fed straight from histories written to the store. */
describe('placement process (on PGlite)', () => {
  let stack: TestStack;
  const now = new Date('2026-01-02T09:00:00Z');

  const write = (streamId: string, events: readonly (PlacementEvent | WorkerEvent | CapacityEvent | RuleEvent)[]) =>
    stack.store.appendToStream(
      streamId,
      events.map((e) => ({ ...e, schemaVersion: schemaVersionOf(e.type) })),
      { expectedVersion: 'any' },
    );
  const feed = () => stack.store.readAll({ after: START, limit: 10_000 });
  const reactToEverything = async () => placementProcess(stack.store).react(await feed());
  const eventsOf = async (placementId: string) =>
    (await feed())
      .filter((e) => !e.streamId.startsWith('placement-') && (e.data as { placementId?: string }).placementId === placementId)
      .map((e) => e.type);
  /** The pay facts of a confirmation: step 0 of Visschedijk's scale for cleaners; Visschedijk states no placement limits. */
  const pay = {
    step: 0,
    hirer: visschedijk,
    caoVersions: schoonmaakVersions,
    rules: shippedRules,
    hirerLimits: { employerId: 'visschedijk', otherPlacements: [] },
  };
  /** Anna's facts as a confirmation read them: no other placements, a contract of 32 h a week. */
  const annaAlone: WorkerFacts = { ...annaFacts, otherCommitments: [], contractMaxHoursPerWeek: 32 };
  /** A placement proposed and confirmed on `worker`'s facts (not yet handled by the process). */
  const confirmation = (proposal: PlacementTerms, worker: WorkerFacts = annaAlone): PlacementEvent[] => {
    const proposed: PlacementEvent = { type: 'PlacementProposed', data: proposal };
    const hirerLimits = { employerId: proposal.employerId, otherPlacements: [] };
    const confirm: ConfirmPlacement = { type: 'ConfirmPlacement', worker, site: officeFacts, ...pay, hirerLimits };
    return [proposed, ...placementDecider.decide(confirm, placementDecider.evolve(placementDecider.initialState, proposed), now)];
  };
  /** A placement on the June–September request, proposed and confirmed. */
  const confirmedPlacement = (placementId: string, period: Period): PlacementEvent[] =>
    confirmation({ ...terms, placementId, capacityRequestId: 'summer', period });
  const withdrawal = (placementId: string): PlacementEvent => ({
    type: 'PlacementWithdrawn',
    data: { placementId, reason: 'No longer needed' },
  });

  beforeAll(async () => {
    stack = await openTestStack('pglite');
    // The process reads the Working Hours Act limits from the rule table's stream, as the service seeds it.
    await write(ruleTableStreamId('working-time'), decideInOrder(RULE_TABLE_SEED['working-time'], now));
    // Anna may work 32 h; another placement already holds 16 h of them in March.
    await write('worker-anna', [
      annaRegistered,
      agreed('c1', indefinite('2026-01-01', 32)),
      committed('other', 16, '2026-03-02', '2026-03-29'),
    ]);
    await write('placement-p1', confirmation({ ...terms, capacityRequestId: undefined, period: { from: '2026-01-05', to: '2026-02-22' } }));
    const summer = { from: '2026-06-01', to: '2026-09-27' };
    const request = {
      requestId: 'summer',
      employerId: 'visschedijk',
      siteId: 'office',
      functionName: 'cleaner',
      requiredSkill: 'cleaning',
    };
    await write('capacity-summer', [{ type: 'CapacityRequested', data: { ...request, period: summer, hoursPerWeek: 20, headcount: 3 } }]);
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
    await reactToEverything(); // handled again: nothing changes

    const placement = (await stack.store.readStream('placement-p1')).map((e) => e.type);
    expect(placement.filter((t) => t === 'PlacementEndedEarly')).toHaveLength(1);
    const { state } = await loadState(stack.store, placementDecider, 'placement-p1');
    expect(state).toMatchObject({
      status: 'ended',
      lastDay: '2026-02-22',
      earlyEndReason: expect.stringMatching(/^Extension undone: .*32/),
    });
    const worker = await loadState(stack.store, workerDecider, 'worker-anna');
    const commitment = worker.state.status === 'registered' ? worker.state.commitments.find((c) => c.placementId === 'p1') : undefined;
    expect(commitment?.period).toEqual({ from: '2026-01-05', to: '2026-02-22' });
  });

  it('handles the same events again without appending anything', async () => {
    await write('placement-p2', confirmedPlacement('p2', { from: '2026-06-01', to: '2026-06-28' }));
    await reactToEverything();
    expect(await eventsOf('p2')).toEqual(['CapacitySlotReserved', 'HoursCommitted']);
    const before = (await feed()).length;
    await reactToEverything();
    await reactToEverything();
    expect((await feed()).length).toBe(before);
  });

  it('a second handling of a confirmation after the placement’s withdrawal takes nothing again', async () => {
    const confirmation = (await stack.store.readStream('placement-p2')).find((e) => e.type === 'PlacementConfirmed')!;
    await write('placement-p2', [withdrawal('p2')]);
    const withdrawn = (await feed()).length;
    // It says what it appended, so that the projector looks at the feed again for it.
    expect(await reactToEverything()).toEqual({ appended: 2 });
    expect((await feed()).length).toBe(withdrawn + 2);
    expect(await eventsOf('p2')).toEqual(['CapacitySlotReserved', 'HoursCommitted', 'HoursReleased', 'CapacitySlotReleased']);
    const before = (await feed()).length;
    expect(await placementProcess(stack.store).react([confirmation])).toEqual({ appended: 0 }); // another projector, late
    await reactToEverything();
    expect((await feed()).length).toBe(before);
  });

  it('takes nothing for a placement withdrawn before the process reached its confirmation', async () => {
    await write('placement-p3', [...confirmedPlacement('p3', { from: '2026-07-06', to: '2026-07-26' }), withdrawal('p3')]);
    await reactToEverything();
    expect(await eventsOf('p3')).toEqual([]);
  });

  it('still takes the place and hours of a placement that ran to its agreed end before the process reached it', async () => {
    // Without a capacity request, so the summer request's places stay for the tests below.
    const history = confirmedPlacement('p3b', { from: '2026-10-05', to: '2026-10-18' }).map(
      (e) => ({ ...e, data: { ...e.data, capacityRequestId: undefined } }) as PlacementEvent,
    );
    const ended: PlacementEvent = { type: 'PlacementEnded', data: { placementId: 'p3b', lastDay: '2026-10-18' } };
    await write('placement-p3b', [...history, ended]);
    await reactToEverything();
    expect(await eventsOf('p3b')).toEqual(['HoursCommitted']);
  });

  it('after a crash half-way, completes the steps left without repeating the one done', async () => {
    await write('placement-p4', confirmedPlacement('p4', { from: '2026-08-03', to: '2026-08-30' }));
    const confirmation = (await stack.store.readStream('placement-p4')).find((e) => e.type === 'PlacementConfirmed')!;
    // The first handling reserved the place, then died; the place was released since (an operator's correction).
    const firstHandling = { actor: 'system:placement-process', causationId: confirmation.eventId, step: 'reserve-slot' };
    await stack.store.appendToStream(
      'capacity-summer',
      [{ type: 'CapacitySlotReserved', data: { requestId: 'summer', placementId: 'p4' }, metadata: firstHandling }],
      {
        expectedVersion: 'any',
      },
    );
    await write('capacity-summer', [{ type: 'CapacitySlotReleased', data: { requestId: 'summer', placementId: 'p4' } }]);
    await placementProcess(stack.store).react([confirmation]);
    expect(await eventsOf('p4')).toEqual(['CapacitySlotReserved', 'CapacitySlotReleased', 'HoursCommitted']);
  });

  it('gives back what it took when the withdrawal was handled while it was taking', async () => {
    await write('placement-p5', confirmedPlacement('p5', { from: '2026-09-07', to: '2026-09-27' }));
    const confirmation = (await stack.store.readStream('placement-p5')).find((e) => e.type === 'PlacementConfirmed')!;
    let withdrawn = false;
    const racing = withAppendHook(stack.store, async (streamId) => {
      if (withdrawn || streamId !== 'capacity-summer') return;
      withdrawn = true;
      await write('placement-p5', [withdrawal('p5')]);
      await placementProcess(stack.store).react((await stack.store.readStream('placement-p5')).slice(-1));
    });
    await placementProcess(racing).react([confirmation]);
    const capacity = await loadState(stack.store, capacityDecider, 'capacity-summer');
    expect(capacity.state.status === 'open' && capacity.state.placementIds).not.toContain('p5');
    const worker = await loadState(stack.store, workerDecider, 'worker-anna');
    expect(worker.state.status === 'registered' && worker.state.commitments.map((c) => c.placementId)).not.toContain('p5');
  });

  describe('the Working Hours Act, judged by the worker stream with the rule table in the store', () => {
    // Carla may work 60 h a week under her contract; 2026-03-02 is the Monday of 2026-W10.
    const twelveADay = {
      monday: { hours: 12 },
      tuesday: { hours: 12 },
      wednesday: { hours: 12 },
      thursday: { hours: 12 },
      friday: { hours: 12 },
    };
    const carlaFacts: WorkerFacts = { workerId: 'carla', birthDate: '1990-01-01', otherCommitments: [], contractMaxHoursPerWeek: 60 };
    const carlaPlacement = (placementId: string, period: Period): PlacementTerms => ({
      ...terms,
      placementId,
      workerId: 'carla',
      capacityRequestId: undefined,
      hoursPerWeek: 60,
      period,
      pattern: twelveADay,
    });

    beforeAll(() =>
      write('worker-carla', [
        { type: 'WorkerRegistered', data: { ...annaRegistered.data, workerId: 'carla', name: 'Carla Jansen', birthDate: '1990-01-01' } },
        { type: 'PoolContractAgreed', data: { workerId: 'carla', contractId: 'c1', terms: indefinite('2026-01-01', 60) } },
      ] as WorkerEvent[]),
    );

    it('commits the hours on the days of the placement’s pattern', async () => {
      await write('placement-c1', confirmation(carlaPlacement('c1', { from: '2026-03-02', to: '2026-03-15' }), carlaFacts));
      await reactToEverything();
      const { state } = await loadState(stack.store, workerDecider, 'worker-carla');
      expect(state.status === 'registered' && state.commitments).toEqual([
        { placementId: 'c1', contractId: 'c1', hoursPerWeek: 60, period: { from: '2026-03-02', to: '2026-03-15' }, pattern: twelveADay },
      ]);
    });

    it('undoes a confirmation made on stale facts that would break the 4-week average', async () => {
      // Confirmed as if Carla had no other placement: the two weeks before hold 60 h each.
      await write('placement-c2', confirmation(carlaPlacement('c2', { from: '2026-03-16', to: '2026-03-29' }), carlaFacts));
      await reactToEverything();
      const { state } = await loadState(stack.store, placementDecider, 'placement-c2');
      expect(state).toMatchObject({
        status: 'withdrawn',
        reason: expect.stringMatching(
          /^Confirmation undone: From 2026-W10 to 2026-W13 the worker would work 240 h .* average of 55 h a week over 4 weeks/,
        ),
      });
      expect(await eventsOf('c2')).toEqual([]);
    });
  });
});

/** The store, calling `before` ahead of each append (to let something happen in between). */
function withAppendHook(store: EventStore, before: (streamId: string) => Promise<void>): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'appendToStream') return Reflect.get(target, key, receiver);
      return async (...args: Parameters<EventStore['appendToStream']>) => {
        await before(args[0]);
        return target.appendToStream(...args);
      };
    },
  });
}
