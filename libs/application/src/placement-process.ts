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
  type PlacementEvent,
} from '@banenpool/domain';
import type { EventMetadata, EventStore, RecordedEvent } from '@banenpool/event-store';
import type { Reaction } from '@banenpool/projector';
import { executeCommand, loadState, type DomainEventShape, type StreamDecider } from './command-executor.js';

export const PLACEMENT_PROCESS_ACTOR = 'system:placement-process';

/**
 * Keeps the worker's committed hours and the capacity request in step with each placement —
 * three streams and no multi-stream transaction. On PlacementConfirmed it fills a place of the
 * request and commits the worker's hours; if either is refused (the request filled up, or another
 * placement took the hours meanwhile) it undoes what it did and withdraws the placement with the
 * reason. When a placement ends early or is withdrawn, it releases hours and place.
 * Every command it sends is idempotent, so handling an event twice changes nothing.
 */
export function placementProcess(store: EventStore): Reaction {
  return {
    kind: 'reaction',
    name: 'placement-process',
    async react(events) {
      for (const event of events) {
        if (event.streamId.startsWith('placement-')) await handle(store, event as RecordedEvent<PlacementEvent['data']>);
      }
    },
  };
}

async function handle(store: EventStore, recorded: RecordedEvent<PlacementEvent['data']>): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as PlacementEvent;
  const send = sender(store, recorded);
  switch (event.type) {
    case 'PlacementConfirmed': {
      const { placementId, workerId, capacityRequestId, hoursPerWeek, period } = event.data;
      try {
        if (capacityRequestId) await send(capacityDecider, capacityStreamId(capacityRequestId), { type: 'ReserveSlot', placementId });
        await send(workerDecider, workerStreamId(workerId), { type: 'CommitHours', placementId, hoursPerWeek, period });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (capacityRequestId) await send(capacityDecider, capacityStreamId(capacityRequestId), { type: 'ReleaseSlot', placementId });
        await withdraw(send, placementId, `Confirmation undone: ${error.message}`);
      }
      return;
    }
    case 'PlacementExtended': {
      const placement = await placementTerms(store, event.data.placementId);
      try {
        await send(workerDecider, workerStreamId(placement.workerId), {
          type: 'CommitHours',
          placementId: placement.placementId,
          hoursPerWeek: placement.hoursPerWeek,
          period: { from: placement.period.from, to: event.data.to },
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // The worker's hours keep the old end; so does the placement. Thrown on, the refusal would stall the process.
        await ignoringRefusal(() =>
          send(placementDecider, placementStreamId(placement.placementId), {
            type: 'EndPlacementEarly',
            lastDay: event.data.previousTo,
            reason: `Extension undone: ${error.message}`,
          }),
        );
      }
      return;
    }
    case 'PlacementEndedEarly':
    case 'PlacementWithdrawn': {
      const placement = await placementTerms(store, event.data.placementId);
      const from = event.type === 'PlacementEndedEarly' ? addDays(event.data.lastDay, 1) : undefined;
      await send(workerDecider, workerStreamId(placement.workerId), { type: 'ReleaseHours', placementId: placement.placementId, ...(from ? { from } : {}) });
      if (placement.capacityRequestId) {
        await send(capacityDecider, capacityStreamId(placement.capacityRequestId), { type: 'ReleaseSlot', placementId: placement.placementId });
      }
      return;
    }
    case 'PlacementProposed':
    case 'PlacementEnded':
      return;
  }
}

/** Commands caused by one event: the process is the actor, the event is the cause. */
function sender(store: EventStore, cause: RecordedEvent) {
  const metadata: EventMetadata = { actor: PLACEMENT_PROCESS_ACTOR, causationId: cause.eventId, correlationId: cause.metadata.correlationId ?? cause.eventId };
  return <C, E extends DomainEventShape, S>(decider: StreamDecider<C, E, S>, streamId: string, command: C) =>
    executeCommand(store, decider, streamId, command, { metadata, now: new Date(), schemaVersionOf });
}

/** Withdrawing twice (a retried batch) is refused by the decider as already done: that is fine here. */
function withdraw(send: ReturnType<typeof sender>, placementId: string, reason: string): Promise<void> {
  return ignoringRefusal(() => send(placementDecider, placementStreamId(placementId), { type: 'WithdrawPlacement', reason }));
}

/** A compensation refused as already done (or no longer possible) must not stop the process. */
async function ignoringRefusal(compensate: () => Promise<unknown>): Promise<void> {
  try {
    await compensate();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

async function placementTerms(store: EventStore, placementId: string) {
  const { state } = await loadState(store, placementDecider, placementStreamId(placementId));
  if (state.status === 'none') throw new Error(`Placement ${placementId} has no history`);
  return state;
}
