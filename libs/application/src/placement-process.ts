import {
  addDays,
  capacityDecider,
  capacityStreamId,
  DomainError,
  placementDecider,
  placementStreamId,
  schemaVersionOf,
  workerDecider,
  workerStreamId,
  type CommitHours,
  type LocalDate,
  type Period,
  type Placement,
  type PlacementEvent,
  type PlacementExtended,
  type PlacementTerms,
} from '@banenpool/domain';
import type { EventMetadata, EventStore, Reaction, RecordedEvent } from '@banenpool/event-store';
import { executeCommand, loadState, type DomainEventShape, type StreamDecider } from './command-executor.js';
import { snapshottingFor } from './streams/snapshot-kinds.js';
import type { StreamSnapshots } from './streams/stream-snapshots.js';
import { RuleBookReader } from './rules/rule-book-reader.js';
import { StreamStates } from './shared/stream-states.js';

export const PLACEMENT_PROCESS_ACTOR = 'system:placement-process';

/**
 * Keeps the worker's committed hours and the capacity request in step with each placement —
 * three streams and no multi-stream transaction. On PlacementConfirmed it fills a place of the
 * request and commits the worker's hours; if either is refused (the request filled up, or another
 * placement took the hours meanwhile) it withdraws the placement with the reason and gives back
 * what it took. When a placement ends early or is withdrawn, it releases hours and place.
 *
 * Handling an event twice (a retried batch, a crash half-way, another projector process) appends
 * nothing twice: every command is a named step of that event's handling (`once`), and a step found
 * in its target stream is not carried out again, so a re-handling only completes the steps left.
 * A placement withdrawn since gets nothing taken for it (its withdrawal gives back only what was
 * taken before), and a withdrawal that lands while the process is taking is caught by looking again after.
 *
 * The worker's hours are judged by the Working Hours Act limits of the rule tables as they are when
 * the hours are committed (read from the same store, unless `rules` is given).
 */
export function placementProcess(
  store: EventStore,
  rules: RuleBookSource = new RuleBookReader(new StreamStates(store)),
  snapshots?: StreamSnapshots,
): Reaction {
  return {
    kind: 'reaction',
    name: 'placement-process',
    async react(events) {
      const tally: Tally = { appended: 0 };
      for (const event of events) {
        if (event.streamId.startsWith('placement-'))
          await handle(store, rules, event as RecordedEvent<PlacementEvent['data']>, { snapshots, tally });
      }
      return tally;
    },
  };
}

/** Where the rule tables come from: the RuleBookReader, or a stand-in. */
export type RuleBookSource = Pick<RuleBookReader, 'read'>;

/** What one batch's handling appended, counted as its steps run. */
interface Tally {
  appended: number;
}

interface Stepping {
  readonly snapshots: StreamSnapshots | undefined;
  readonly tally: Tally;
}

async function handle(
  store: EventStore,
  rules: RuleBookSource,
  recorded: RecordedEvent<PlacementEvent['data']>,
  stepping: Stepping,
): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as PlacementEvent;
  const step = stepper(store, recorded, stepping);
  switch (event.type) {
    case 'PlacementConfirmed':
      return confirmed(store, step, rules, event.data);
    case 'PlacementExtended':
      return extended(store, step, rules, event.data);
    case 'PlacementEndedEarly':
      return release(step, await placementTerms(store, event.data.placementId), addDays(event.data.lastDay, 1));
    case 'PlacementWithdrawn':
      return release(step, await placementTerms(store, event.data.placementId));
    case 'PlacementProposed':
    case 'PlacementEnded':
      return;
  }
}

/** Takes a place and the hours, or withdraws the placement with the refusal; then gives back what an end meanwhile left. */
async function confirmed(store: EventStore, step: Step, rules: RuleBookSource, terms: PlacementTerms): Promise<void> {
  const { placementId, capacityRequestId } = terms;
  if (!(await confirmedNow(store, placementId))) return;
  try {
    if (capacityRequestId) {
      await step('reserve-slot', capacityDecider, capacityStreamId(capacityRequestId), { type: 'ReserveSlot', placementId });
    }
    await commitHours(step, rules, terms, terms.period);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const undo = { type: 'WithdrawPlacement' as const, reason: `Confirmation undone: ${error.message}` };
    await ignoringRefusal(() => step('undo-confirmation', placementDecider, placementStreamId(placementId), undo));
  }
  await releaseIfEnded(store, step, placementId);
}

/** Commits the longer period, or ends the placement on its old end with the refusal. */
async function extended(
  store: EventStore,
  step: Step,
  rules: RuleBookSource,
  { placementId, previousTo, to }: PlacementExtended['data'],
): Promise<void> {
  const placement = await confirmedNow(store, placementId);
  if (!placement) return;
  try {
    await commitHours(step, rules, placement, { from: placement.period.from, to });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The worker's hours keep the old end; so does the placement. Thrown on, the refusal would stall the process.
    const undo = { type: 'EndPlacementEarly' as const, lastDay: previousTo, reason: `Extension undone: ${error.message}` };
    await ignoringRefusal(() => step('undo-extension', placementDecider, placementStreamId(placementId), undo));
  }
  await releaseIfEnded(store, step, placementId);
}

/** Commits the placement's hours a week, on the days of its pattern, over `period`. */
async function commitHours(step: Step, rules: RuleBookSource, placement: PlacementTerms, period: Period): Promise<void> {
  const { placementId, workerId, hoursPerWeek, pattern } = placement;
  const command: CommitHours = { type: 'CommitHours', placementId, hoursPerWeek, period, pattern, rules: await rules.read() };
  await step('commit-hours', workerDecider, workerStreamId(workerId), command);
}

/**
 * A placement withdrawn or ended early since the event gets nothing taken for it: its end gives
 * back only what was taken before, and a late handling (another process's, or a retry) must not
 * take more. One that has since run to its agreed end was worked in full, so it still takes.
 */
async function confirmedNow(store: EventStore, placementId: string): Promise<Placement | undefined> {
  const placement = await placementTerms(store, placementId);
  const held = placement.status === 'confirmed' || (placement.status === 'ended' && placement.earlyEndReason === undefined);
  return held ? placement : undefined;
}

/**
 * Looked at again after taking: a withdrawal or early end (ours, undoing, or one that landed while
 * we took) may have been handled before what we took existed, so it gives that back here.
 */
async function releaseIfEnded(store: EventStore, step: Step, placementId: string): Promise<void> {
  const placement = await placementTerms(store, placementId);
  if (placement.status === 'withdrawn') await release(step, placement);
  const endedEarly = placement.status === 'ended' && placement.earlyEndReason !== undefined;
  if (endedEarly) await release(step, placement, addDays(placement.lastDay, 1));
}

/** Gives back the worker's hours (from a day, or all) and the place; what is not held is left alone. */
async function release(step: Step, placement: Placement, from?: LocalDate): Promise<void> {
  const { placementId, workerId, capacityRequestId } = placement;
  await step('release-hours', workerDecider, workerStreamId(workerId), { type: 'ReleaseHours', placementId, ...(from ? { from } : {}) });
  if (capacityRequestId) {
    await step('release-slot', capacityDecider, capacityStreamId(capacityRequestId), { type: 'ReleaseSlot', placementId });
  }
}

type Step = ReturnType<typeof stepper>;

/** The commands of one event's handling: the process is the actor, the event is the cause, each command a named step done once. */
function stepper(store: EventStore, cause: RecordedEvent, { snapshots, tally }: Stepping) {
  const correlationId = cause.metadata.correlationId ?? cause.eventId;
  const metadata: EventMetadata = { actor: PLACEMENT_PROCESS_ACTOR, causationId: cause.eventId, correlationId };
  return async <C, E extends DomainEventShape, S>(once: string, decider: StreamDecider<C, E, S>, streamId: string, command: C) => {
    const result = await executeCommand(store, decider, streamId, command, {
      metadata,
      now: new Date(),
      schemaVersionOf,
      once,
      snapshots: snapshottingFor(decider, snapshots),
    });
    tally.appended += result.events.length;
    return result;
  };
}

/** A compensation refused as no longer possible (the placement was withdrawn or ended meanwhile) must not stop the process. */
async function ignoringRefusal(compensate: () => Promise<unknown>): Promise<void> {
  try {
    await compensate();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

async function placementTerms(store: EventStore, placementId: string): Promise<Placement> {
  const { state } = await loadState(store, placementDecider, placementStreamId(placementId));
  if (state.status === 'none') throw new Error(`Placement ${placementId} has no history`);
  return state;
}
