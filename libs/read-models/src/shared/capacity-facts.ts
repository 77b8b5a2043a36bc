import type { CapacityEvent, LocalDate } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { Column, PrimaryColumn, type EntityManager } from 'typeorm';
import { anyOf } from './sql.js';
import { toQuarterHours } from './hours.js';
import { latestBy, saveRows } from './rows.js';

export const CAPACITY_EVENT_TYPES: ReadonlySet<CapacityEvent['type']> = new Set<CapacityEvent['type']>([
  'CapacityRequested',
  'CapacityRequestAmended',
  'CapacityRequestWithdrawn',
  'CapacitySlotReserved',
  'CapacitySlotReleased',
]);

/**
 * A capacity request as a read model keeps it. The fixed parts come from CapacityRequested; the
 * terms that an amendment may change (period, hours, headcount) are last-writer-wins by the
 * event's revision in the request's stream, so an older event never overwrites a newer one.
 */
export abstract class CapacityRequestFactsColumns {
  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId: string;

  @Column({ name: 'employer_id', type: 'text', nullable: true })
  employerId: string | null;

  @Column({ name: 'site_id', type: 'text', nullable: true })
  siteId: string | null;

  @Column({ name: 'function_name', type: 'text', nullable: true })
  functionName: string | null;

  @Column({ name: 'required_skill', type: 'text', nullable: true })
  requiredSkill: string | null;

  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom: LocalDate | null;

  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo: LocalDate | null;

  @Column({ name: 'hours_quarters', type: 'integer', nullable: true })
  hoursQuarters: number | null;

  @Column({ type: 'integer', nullable: true })
  headcount: number | null;

  /** Revision of the event the terms come from (-1: none yet). */
  @Column({ name: 'terms_revision', type: 'integer', default: -1 })
  termsRevision: number;

  @Column({ type: 'boolean', default: false })
  withdrawn: boolean;
}

/** Whether a placement holds a place of a request: last-writer-wins by revision. */
export abstract class CapacitySlotFactsColumns {
  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId: string;

  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @Column({ type: 'boolean' })
  reserved: boolean;

  @Column({ type: 'integer' })
  revision: number;
}

export type CapacityRequestFacts = { -readonly [K in keyof CapacityRequestFactsColumns]: CapacityRequestFactsColumns[K] };
export type CapacitySlotFacts = { -readonly [K in keyof CapacitySlotFactsColumns]: CapacitySlotFactsColumns[K] };

/** A request whose CapacityRequested has been seen. */
export type KnownCapacityRequest = CapacityRequestFacts & {
  employerId: string;
  siteId: string;
  functionName: string;
  requiredSkill: string;
  periodFrom: LocalDate;
  periodTo: LocalDate;
  hoursQuarters: number;
  headcount: number;
};

export const isKnownRequest = (request: CapacityRequestFacts): request is KnownCapacityRequest =>
  request.employerId !== null &&
  request.periodFrom !== null &&
  request.periodTo !== null &&
  request.hoursQuarters !== null &&
  request.headcount !== null;

export function applyCapacityEvent(facts: CapacityRequestFacts, event: CapacityEvent, revision: number): CapacityRequestFacts {
  switch (event.type) {
    case 'CapacityRequested': {
      const { employerId, siteId, functionName, requiredSkill } = event.data;
      return withTerms({ ...facts, employerId, siteId, functionName, requiredSkill }, event.data, revision);
    }
    case 'CapacityRequestAmended':
      return withTerms(facts, event.data, revision);
    case 'CapacityRequestWithdrawn':
      return { ...facts, withdrawn: true };
    default:
      return facts;
  }
}

function withTerms(
  facts: CapacityRequestFacts,
  terms: { period: { from: LocalDate; to: LocalDate }; hoursPerWeek: number; headcount: number },
  revision: number,
): CapacityRequestFacts {
  if (revision <= facts.termsRevision) return facts;
  return {
    ...facts,
    periodFrom: terms.period.from,
    periodTo: terms.period.to,
    hoursQuarters: toQuarterHours(terms.hoursPerWeek),
    headcount: terms.headcount,
    termsRevision: revision,
  };
}

export interface MergedCapacity {
  /** Requests whose own facts or slots the batch touched. */
  requestIds: Set<string>;
}

/** Folds the batch's capacity events into the read model's request and slot tables. */
export async function mergeCapacityFacts<R extends CapacityRequestFactsColumns, S extends CapacitySlotFactsColumns>(
  manager: EntityManager,
  requestEntity: new () => R,
  slotEntity: new () => S,
  events: readonly RecordedEvent[],
): Promise<MergedCapacity> {
  const capacityEvents = events.filter((e) => CAPACITY_EVENT_TYPES.has(e.type as CapacityEvent['type']));
  const requestIds = new Set(capacityEvents.map((e) => (e.data as { requestId: string }).requestId));
  if (capacityEvents.length === 0) return { requestIds };

  const existing = (await manager.findBy(requestEntity, { requestId: anyOf([...requestIds]) } as never)) as CapacityRequestFacts[];
  const requests = new Map(existing.map((row) => [row.requestId, { ...row }]));
  const touched = new Set<string>();
  for (const recorded of capacityEvents) {
    const event = { type: recorded.type, data: recorded.data } as CapacityEvent;
    if (event.type === 'CapacitySlotReserved' || event.type === 'CapacitySlotReleased') continue;
    const id = event.data.requestId;
    requests.set(id, applyCapacityEvent(requests.get(id) ?? emptyRequest(id), event, recorded.revision));
    touched.add(id);
  }
  await saveRows(
    manager,
    requestEntity,
    [...touched].map((id) => requests.get(id)!),
    ['requestId'],
  );

  const slotEvents = latestBy(
    capacityEvents.filter((e) => e.type === 'CapacitySlotReserved' || e.type === 'CapacitySlotReleased'),
    (e) => slotKey(e.data as { requestId: string; placementId: string }),
    (e) => e.revision,
  );
  if (slotEvents.length > 0) {
    const slotRows = (await manager.findBy(slotEntity, {
      requestId: anyOf([...new Set(slotEvents.map((e) => (e.data as { requestId: string }).requestId))]),
    } as never)) as CapacitySlotFacts[];
    const slots = new Map(slotRows.map((row) => [slotKey(row), row]));
    const changed: CapacitySlotFacts[] = [];
    for (const event of slotEvents) {
      const { requestId, placementId } = event.data as { requestId: string; placementId: string };
      const current = slots.get(slotKey({ requestId, placementId }));
      if (current && current.revision >= event.revision) continue;
      changed.push({ requestId, placementId, reserved: event.type === 'CapacitySlotReserved', revision: event.revision });
    }
    await saveRows(manager, slotEntity, changed, ['requestId', 'placementId']);
  }
  return { requestIds };
}

const slotKey = ({ requestId, placementId }: { requestId: string; placementId: string }) => `${requestId}\u0000${placementId}`;

function emptyRequest(requestId: string): CapacityRequestFacts {
  return {
    requestId,
    employerId: null,
    siteId: null,
    functionName: null,
    requiredSkill: null,
    periodFrom: null,
    periodTo: null,
    hoursQuarters: null,
    headcount: null,
    termsRevision: -1,
    withdrawn: false,
  };
}
