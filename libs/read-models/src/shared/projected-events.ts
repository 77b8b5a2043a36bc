import { parsePoolEvent, type PoolEvent } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import type { Projection } from '@banenpool/projector';
import type { EntityManager } from 'typeorm';
import { reportSkip } from './skipped-events.js';

/** A recorded event with the data its type's schema made of it (upcast when older), typed by `type`. */
export type ProjectedEvent = Omit<RecordedEvent, 'type' | 'data'> & PoolEvent;

type Reading = { readonly ok: true; readonly event: ProjectedEvent } | Extract<ReturnType<typeof parsePoolEvent>, { ok: false }>;

// The projector hands every read model at one checkpoint the same recorded events: each is parsed once.
const readings = new WeakMap<RecordedEvent, Reading>();

function read(recorded: RecordedEvent): Reading {
  let reading = readings.get(recorded);
  if (reading === undefined) {
    const parsed = parsePoolEvent(recorded.type, recorded.schemaVersion, recorded.data);
    reading = parsed.ok ? { ok: true, event: { ...recorded, ...parsed.event } as ProjectedEvent } : parsed;
    readings.set(recorded, reading);
  }
  return reading;
}

/**
 * The events a read model can use: those its type's schema reads. The deciders write nothing
 * else, but a hand-written, legacy or corrupt event must not stop a read model for good (a
 * failing batch is retried forever), so such an event is skipped — logged and counted, never silently.
 */
export function usableEvents(projection: string, batch: readonly RecordedEvent[]): ProjectedEvent[] {
  const usable: ProjectedEvent[] = [];
  for (const recorded of batch) {
    const reading = read(recorded);
    if (reading.ok) usable.push(reading.event);
    else reportSkip({ projection, type: recorded.type, reason: reading.reason, detail: reading.detail, ...streamPlace(recorded) });
  }
  return usable;
}

const streamPlace = ({ streamId, revision }: RecordedEvent) => ({ streamId, revision });

export type PoolEventType = PoolEvent['type'];

/** The types of a stream's events map (`timesheetEvents`, …), typed. */
export const typesOf = <T extends object>(events: T): (keyof T & PoolEventType)[] => Object.keys(events) as (keyof T & PoolEventType)[];

/** A read model as the projector drives it, whose `apply` gets only the usable events of each batch, typed. */
export interface ReadModel {
  readonly name: string;
  readonly entities: Projection['entities'];
  /**
   * The event types `apply` reads: only these are parsed and handed to it. Parsing (schema checks and
   * upcasting) was the largest cost of a projection, most of it for events the read model passes over.
   */
  readonly eventTypes: Iterable<PoolEventType>;
  apply(events: readonly ProjectedEvent[], manager: EntityManager): Promise<void>;
}

export function readModel(model: ReadModel): Projection {
  const types: ReadonlySet<string> = new Set(model.eventTypes);
  return {
    name: model.name,
    entities: model.entities,
    apply: (batch, manager) =>
      model.apply(
        usableEvents(
          model.name,
          batch.filter((e) => types.has(e.type)),
        ),
        manager,
      ),
  };
}
