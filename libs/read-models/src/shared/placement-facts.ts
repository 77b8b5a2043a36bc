import type { LocalDate, PlacementEvent, Period } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { Column, PrimaryColumn, type EntityManager } from 'typeorm';
import { anyOf } from './sql.js';
import { toQuarterHours } from './hours.js';
import { saveRows } from './rows.js';

export const PLACEMENT_EVENT_TYPES: ReadonlySet<PlacementEvent['type']> = new Set<PlacementEvent['type']>([
  'PlacementProposed',
  'PlacementConfirmed',
  'PlacementExtended',
  'PlacementEndedEarly',
  'PlacementEnded',
  'PlacementWithdrawn',
]);

export type PlacementStatus = 'proposed' | 'confirmed' | 'ended' | 'withdrawn';

/**
 * What a read model knows about one placement, folded from the placement's events so that the
 * order of the events does not matter: terms are the same in PlacementProposed and
 * PlacementConfirmed, an extension only ever moves the end later (the latest end is the largest),
 * ending and withdrawing are one-way. Applying an event twice, or a stream's events in another
 * order, gives the same facts. Each read model keeps its own table of these (its own lookup,
 * emptied and rebuilt with it), declared by extending this class.
 */
export abstract class PlacementFactsColumns {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @Column({ name: 'worker_id', type: 'text', nullable: true })
  workerId: string | null;

  @Column({ name: 'employer_id', type: 'text', nullable: true })
  employerId: string | null;

  @Column({ name: 'site_id', type: 'text', nullable: true })
  siteId: string | null;

  @Column({ name: 'function_name', type: 'text', nullable: true })
  functionName: string | null;

  @Column({ name: 'capacity_request_id', type: 'text', nullable: true })
  capacityRequestId: string | null;

  @Column({ name: 'legal_form', type: 'text', nullable: true })
  legalForm: string | null;

  @Column({ name: 'hours_quarters', type: 'integer', nullable: true })
  hoursQuarters: number | null;

  @Column({ name: 'bill_rate_cents', type: 'integer', nullable: true })
  billRateCents: number | null;

  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom: LocalDate | null;

  /** The agreed end, including extensions. */
  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo: LocalDate | null;

  @Column({ type: 'boolean', default: false })
  confirmed: boolean;

  /**
   * From PlacementConfirmed: the agreed CAO, scale and step, and the first day's hourly wage with the
   * CAO version it came from (null while that day's minimum wage was not published at confirmation).
   */
  @Column({ name: 'hourly_cents', type: 'integer', nullable: true })
  hourlyCents: number | null;

  @Column({ name: 'wage_basis', type: 'text', nullable: true })
  wageBasis: string | null;

  @Column({ name: 'cao_code', type: 'text', nullable: true })
  caoCode: string | null;

  @Column({ name: 'cao_version_from', type: 'date', nullable: true })
  caoVersionFrom: LocalDate | null;

  @Column({ name: 'cao_revision', type: 'integer', nullable: true })
  caoRevision: number | null;

  @Column({ name: 'cao_scale', type: 'text', nullable: true })
  caoScale: string | null;

  @Column({ name: 'cao_step', type: 'integer', nullable: true })
  caoStep: number | null;

  /** The day it ended: early (PlacementEndedEarly) or at its agreed end (PlacementEnded). */
  @Column({ name: 'last_day', type: 'date', nullable: true })
  lastDay: LocalDate | null;

  @Column({ name: 'ended_early', type: 'boolean', default: false })
  endedEarly: boolean;

  @Column({ type: 'boolean', default: false })
  withdrawn: boolean;
}

export type PlacementFacts = { -readonly [K in keyof PlacementFactsColumns]: PlacementFactsColumns[K] };

export function emptyPlacementFacts(placementId: string): PlacementFacts {
  return {
    placementId,
    workerId: null,
    employerId: null,
    siteId: null,
    functionName: null,
    capacityRequestId: null,
    legalForm: null,
    hoursQuarters: null,
    billRateCents: null,
    periodFrom: null,
    periodTo: null,
    confirmed: false,
    hourlyCents: null,
    wageBasis: null,
    caoCode: null,
    caoVersionFrom: null,
    caoRevision: null,
    caoScale: null,
    caoStep: null,
    lastDay: null,
    endedEarly: false,
    withdrawn: false,
  };
}

const later = (a: LocalDate | null, b: LocalDate | null): LocalDate | null => (a === null ? b : b === null ? a : a >= b ? a : b);
const earlier = (a: LocalDate | null, b: LocalDate | null): LocalDate | null => (a === null ? b : b === null ? a : a <= b ? a : b);

/** Folds one placement event into the facts; commutative and idempotent (see the class). */
export function applyPlacementEvent(facts: PlacementFacts, event: PlacementEvent): PlacementFacts {
  switch (event.type) {
    case 'PlacementProposed':
    case 'PlacementConfirmed': {
      const terms = event.data;
      const next: PlacementFacts = {
        ...facts,
        workerId: facts.workerId ?? terms.workerId,
        employerId: facts.employerId ?? terms.employerId,
        siteId: facts.siteId ?? terms.siteId,
        functionName: facts.functionName ?? terms.functionName,
        capacityRequestId: facts.capacityRequestId ?? terms.capacityRequestId ?? null,
        legalForm: facts.legalForm ?? terms.legalForm,
        hoursQuarters: facts.hoursQuarters ?? toQuarterHours(terms.hoursPerWeek),
        billRateCents: facts.billRateCents ?? terms.billRateCents ?? null,
        periodFrom: facts.periodFrom ?? terms.period.from,
        periodTo: later(facts.periodTo, terms.period.to),
      };
      if (event.type === 'PlacementProposed') return next;
      const { agreed, firstDayPay } = event.data;
      const firstDay = firstDayPay.known ? firstDayPay.wage : undefined;
      return {
        ...next,
        confirmed: true,
        hourlyCents: firstDay?.hourlyCents ?? null,
        wageBasis: firstDay?.basis ?? null,
        caoCode: agreed.caoCode,
        caoVersionFrom: firstDay?.cao.effectiveFrom ?? null,
        caoRevision: firstDay?.cao.revision ?? null,
        caoScale: agreed.scale,
        caoStep: agreed.step,
      };
    }
    case 'PlacementExtended':
      return { ...facts, periodTo: later(facts.periodTo, event.data.to) };
    case 'PlacementEndedEarly':
      return { ...facts, lastDay: earlier(facts.lastDay, event.data.lastDay), endedEarly: true };
    case 'PlacementEnded':
      return { ...facts, lastDay: earlier(facts.lastDay, event.data.lastDay) };
    case 'PlacementWithdrawn':
      return { ...facts, withdrawn: true };
  }
}

export function placementStatus(facts: PlacementFacts): PlacementStatus {
  if (facts.withdrawn) return 'withdrawn';
  if (facts.lastDay !== null) return 'ended';
  return facts.confirmed ? 'confirmed' : 'proposed';
}

/** A placement that is being (or was) worked: confirmed with known terms, and not withdrawn. */
export type ActivePlacement = PlacementFacts & {
  workerId: string;
  employerId: string;
  siteId: string;
  functionName: string;
  hoursQuarters: number;
  periodFrom: LocalDate;
  periodTo: LocalDate;
};

export function isActive(facts: PlacementFacts): facts is ActivePlacement {
  return (
    facts.confirmed &&
    !facts.withdrawn &&
    facts.workerId !== null &&
    facts.periodFrom !== null &&
    facts.periodTo !== null &&
    facts.hoursQuarters !== null
  );
}

/** The days it is worked: from its start to its last day (early end) or agreed end (extensions included). */
export function workedPeriod(placement: ActivePlacement): Period | undefined {
  const to = earlier(placement.periodTo, placement.lastDay)!;
  return to >= placement.periodFrom ? { from: placement.periodFrom, to } : undefined;
}

export const asPlacementEvent = (event: RecordedEvent): PlacementEvent => ({ type: event.type, data: event.data }) as PlacementEvent;

type FactsEntity<T extends PlacementFactsColumns> = new () => T;

/** The facts of the placements a batch touched, and which of them the read model held before the batch. */
export type MergedPlacements = Map<string, PlacementFacts> & {
  /** Rows derived from a placement exist only when its facts did before (they are written together): no other has any to delete. */
  readonly stored: ReadonlySet<string>;
};

/**
 * Folds the batch's placement events into the read model's own placement table and returns the
 * facts of every placement the batch touched, as they now stand.
 */
export async function mergePlacementFacts<T extends PlacementFactsColumns>(
  manager: EntityManager,
  entity: FactsEntity<T>,
  events: readonly RecordedEvent[],
): Promise<MergedPlacements> {
  const placementEvents = events.filter((e) => PLACEMENT_EVENT_TYPES.has(e.type as PlacementEvent['type'])).map(asPlacementEvent);
  const ids = [...new Set(placementEvents.map((e) => e.data.placementId))];
  if (ids.length === 0) return Object.assign(new Map<string, PlacementFacts>(), { stored: new Set<string>() });
  const existing = (await manager.findBy(entity, { placementId: anyOf(ids) } as never)) as PlacementFacts[];
  const stored = new Set(existing.map((row) => row.placementId));
  const facts = new Map<string, PlacementFacts>(
    existing.map((row) => [row.placementId, { ...emptyPlacementFacts(row.placementId), ...row }]),
  );
  for (const event of placementEvents) {
    const id = event.data.placementId;
    facts.set(id, applyPlacementEvent(facts.get(id) ?? emptyPlacementFacts(id), event));
  }
  await saveRows(manager, entity, [...facts.values()], ['placementId']);
  return Object.assign(facts, { stored });
}

/** The placements among `merged` that may have derived rows to replace (a rebuild's new ones have none: no DELETE). */
export const storedBefore = (merged: MergedPlacements): string[] => [...merged.keys()].filter((id) => merged.stored.has(id));

/** Every placement of these workers in the read model's placement table. */
export async function placementsOfWorkers<T extends PlacementFactsColumns>(
  manager: EntityManager,
  entity: FactsEntity<T>,
  workerIds: readonly string[],
): Promise<PlacementFacts[]> {
  if (workerIds.length === 0) return [];
  return (await manager.findBy(entity, { workerId: anyOf(workerIds) } as never)) as PlacementFacts[];
}
