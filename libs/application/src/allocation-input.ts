// Builds the allocation engine's input from facts read at one position (allocation-facts.ts reads
// them). Pure: the same facts in any order give the same AllocationInput, and so the same hash.
import type { AllocationInput, CapacityDemand, DistanceTable, WorkerSupply } from '@banenpool/allocation';
import {
  addDays,
  contains,
  overlaps,
  roadKm,
  WEEKDAYS,
  weekStartsIn,
  type Availability,
  type AllocationScope,
  type CapacityRequested,
  type Hours,
  type LocalDate,
  type Location,
  type Unplaceable,
  type OpenPeriod,
  type Period,
} from '@banenpool/domain';

/** A capacity request as the capacity-gaps read model holds it, with its open places per week. */
export interface RequestFact extends Readonly<CapacityRequested['data']> {
  /**
   * Places held by placements over the whole request (the capacity stream counts a place per
   * placement, not per week): the request can take at most headcount − this many more placements.
   */
  readonly reservedSlots: number;
  /** Places still open per week (the gaps read model: asked minus filled by confirmed placements). */
  readonly openByWeek: Readonly<Record<LocalDate, number>>;
}

/** A site as the employer-view read model holds it. */
export interface SiteFact {
  readonly employerId: string;
  readonly siteId: string;
  /** The town's name (or the postcode); before locations, the area as typed. */
  readonly area: string;
  /** From the employer stream (the read model holds only `area`). Absent: no distance is known, never staffed, reported. */
  readonly location?: Location;
  readonly membership: OpenPeriod;
  readonly closures: readonly Period[];
}

export interface ContractFact {
  readonly period: OpenPeriod;
  readonly guaranteedHoursPerWeek: Hours;
  readonly maxHoursPerWeek: Hours;
}

/** Hours a confirmed placement takes in one week (worker-hours read model). */
export interface PlacementWeekFact {
  readonly placementId: string;
  readonly employerId: string;
  readonly weekStart: LocalDate;
  readonly hours: Hours;
}

export interface WorkerFact {
  readonly workerId: string;
  readonly skills: readonly string[];
  /** From the worker stream (no read model holds them), folded up to the same position. */
  readonly homeArea: string;
  /** Absent: registered before locations with an area the table of places does not know; never proposed, reported. */
  readonly location?: Location;
  readonly availability: Availability;
  readonly contracts: readonly ContractFact[];
  /** Every week of the worker's confirmed placements up to the scope's last week. */
  readonly placementWeeks: readonly PlacementWeekFact[];
  /** Weeks of the scope in which the pool released the worker and owes them hours (released-workers read model). */
  readonly releasedWeeks?: readonly LocalDate[];
  /**
   * Weeks in which a confirmed placement of theirs takes no hours because a closure of its site,
   * declared after the confirmation, covers every day it is worked then (placement-conflicts read model).
   */
  readonly closedPlacementWeeks?: readonly ClosedPlacementWeekFact[];
}

export interface ClosedPlacementWeekFact {
  readonly placementId: string;
  readonly weekStart: LocalDate;
}

export interface AllocationFacts {
  readonly requests: readonly RequestFact[];
  readonly sites: readonly SiteFact[];
  readonly workers: readonly WorkerFact[];
}

/** The weeks of a scope, by their Mondays. */
export const scopeWeeks = (scope: AllocationScope): LocalDate[] => weekStartsIn({ from: scope.fromWeek, to: addDays(scope.toWeek, 6) });

const daysOf = (weekStart: LocalDate): Period => ({ from: weekStart, to: addDays(weekStart, 6) });

/**
 * The engine's input. Workers and sites without a location are left out (no distance to them is
 * known): `unplaceableIn` names them, and a run records that list.
 */
export function buildAllocationInput(facts: AllocationFacts, scope: AllocationScope): AllocationInput {
  const weeks = scopeWeeks(scope);
  const sites = new Map(facts.sites.filter(isLocated).map((s) => [`${s.employerId}/${s.siteId}`, s]));
  const demand = facts.requests.flatMap((request) => {
    const site = sites.get(`${request.employerId}/${request.siteId}`);
    return site ? [demandOf(request, site, weeks)] : [];
  });
  const workers = facts.workers.filter(isLocated);
  return {
    demand,
    workers: workers.map((w) => supplyOf(w, weeks, scope.fromWeek)),
    distancesKm: distancesKm(workers.map(homeOf), [...sites.values()].map(siteOf)),
  };
}

/**
 * The open weeks of a request: in its period, inside the employer's membership, not touching a
 * closure of its site (a placement overlapping a closure is refused at confirmation), with no
 * more places than the request as a whole can still take; and those places, which the engine counts
 * per proposal (one worker, one unbroken run of weeks) as the capacity stream counts per placement.
 */
function demandOf(request: RequestFact, site: Located<SiteFact>, weeks: readonly LocalDate[]): CapacityDemand {
  const placesLeft = Math.max(0, request.headcount - request.reservedSlots);
  const open = weeks.flatMap((weekStart) => {
    const days = daysOf(weekStart);
    if (!overlaps(request.period, days) || !contains(site.membership, days) || site.closures.some((c) => overlaps(c, days))) return [];
    const openHeadcount = Math.min(request.openByWeek[weekStart] ?? 0, placesLeft);
    return openHeadcount > 0 ? [{ weekStart, openHeadcount }] : [];
  });
  return {
    requestId: request.requestId,
    employerId: request.employerId,
    siteId: request.siteId,
    area: siteOf(site).key,
    skill: request.requiredSkill,
    hoursPerWeek: request.hoursPerWeek,
    weeks: open,
    places: placesLeft,
  };
}

/**
 * A worker's supply. A week counts only when one pool contract covers all of it (a placement needs
 * a contract covering its whole period); that contract's maximum caps the week's availability, so
 * a worker whose contracts differ per week is still exact per week.
 */
function supplyOf(worker: Located<WorkerFact>, weeks: readonly LocalDate[], firstWeek: LocalDate): WorkerSupply {
  const covered = weeks.flatMap((weekStart) => {
    const contract = worker.contracts.find((c) => contains(c.period, daysOf(weekStart)));
    return contract ? [{ weekStart, contract }] : [];
  });
  const worked = workedPlacementWeeks(worker);
  const inScope = worked.filter((p) => p.weekStart >= firstWeek);
  const before = worked.filter((p) => p.weekStart < firstWeek);
  return {
    workerId: worker.workerId,
    skills: worker.skills,
    homeArea: homeOf(worker).key,
    contractMaxHours: Math.max(0, ...covered.map((c) => c.contract.maxHoursPerWeek)),
    guaranteedHours: covered.length === 0 ? 0 : Math.min(...covered.map((c) => c.contract.guaranteedHoursPerWeek)),
    availability: covered
      .map(({ weekStart, contract }) => ({
        weekStart,
        availableHours: Math.min(availableHoursIn(worker.availability, weekStart), contract.maxHoursPerWeek),
      }))
      .filter((a) => a.availableHours > 0),
    commitments: inScope.map(({ weekStart, hours, employerId, placementId }) => ({ weekStart, hours, employerId, placementId })),
    pastEmployerIds: [...new Set(before.map((p) => p.employerId))],
    hoursWorkedSoFar: before.reduce((sum, p) => sum + p.hours, 0),
    releasedWeeks: releasedWeeksOf(worker, weeks),
  };
}

const placementWeekKey = (p: { placementId: string; weekStart: LocalDate }) => `${p.placementId}/${p.weekStart}`;

/** The placement weeks that take the worker's hours: a week a closure released is free. */
function workedPlacementWeeks(worker: WorkerFact): readonly PlacementWeekFact[] {
  const closed = new Set((worker.closedPlacementWeeks ?? []).map(placementWeekKey));
  return worker.placementWeeks.filter((p) => !closed.has(placementWeekKey(p)));
}

/** The scope's weeks in which the pool released the worker: after a placement's end, or by a closure under their placement. */
function releasedWeeksOf(worker: WorkerFact, weeks: readonly LocalDate[]): LocalDate[] {
  const released = new Set([...(worker.releasedWeeks ?? []), ...(worker.closedPlacementWeeks ?? []).map((c) => c.weekStart)]);
  return weeks.filter((week) => released.has(week));
}

/**
 * Hours the worker can work in the week that starts on `weekStart`, net of the periods they cannot:
 * by weekday, the hours of the days still available; as hours a week, the share of the days still
 * available, rounded down to a quarter hour.
 */
export function availableHoursIn(availability: Availability, weekStart: LocalDate): Hours {
  const free = WEEKDAYS.map((weekday, i) => ({ weekday, day: addDays(weekStart, i) })).filter(
    ({ day }) => !availability.unavailable.some((p) => contains(p, day)),
  );
  if (availability.kind === 'by_weekday') return free.reduce((sum, { weekday }) => sum + (availability.hoursByWeekday[weekday] ?? 0), 0);
  return Math.floor((availability.hoursPerWeek * free.length * 4) / WEEKDAYS.length) / 4;
}

// ---- where workers live and sites stand ------------------------------------------------------------

/** A place in the engine's distance table: its key (also what its explanations show) and its point. */
interface TravelPoint {
  readonly key: string;
  readonly location: Location;
}

type Located<Fact> = Fact & { readonly location: Location };

const isLocated = <Fact extends { readonly location?: Location }>(fact: Fact): fact is Located<Fact> => fact.location !== undefined;

/**
 * "Hengelo (52.27, 6.79)": the town's name for the reader, the point so that one key is one point
 * (a worker who gave exact coordinates is not put at the town centre of another with the same name).
 */
const travelPoint = (name: string, location: Location): TravelPoint => ({
  key: `${name} (${location.coordinates.lat}, ${location.coordinates.lon})`,
  location,
});
const homeOf = (worker: Located<WorkerFact>): TravelPoint => travelPoint(worker.homeArea, worker.location);
const siteOf = (site: Located<SiteFact>): TravelPoint => travelPoint(site.area, site.location);

/**
 * Road km from every home to every site of the run (1.3 × the great circle, whole km: see
 * libs/domain geography). Computed from the points, so any Dutch region works; the engine's
 * `maxTravelKm` still decides how far is too far.
 */
function distancesKm(homes: readonly TravelPoint[], sites: readonly TravelPoint[]): DistanceTable {
  const table: Record<string, Record<string, number>> = {};
  for (const home of homes) {
    table[home.key] ??= {};
    for (const site of sites) table[home.key][site.key] = roadKm(home.location.coordinates, site.location.coordinates);
  }
  return table;
}

/**
 * The workers and the requested sites left out of the input for want of a location: registered
 * before locations with an area the table of places does not know. Said in the run, so that no one
 * is silently never proposed.
 */
export function unplaceableIn(facts: AllocationFacts): Unplaceable[] {
  const requested = new Set(facts.requests.map((r) => `${r.employerId}/${r.siteId}`));
  const workers = facts.workers
    .filter((w) => !isLocated(w))
    .sort((a, b) => compareText(a.workerId, b.workerId))
    .map(({ workerId, homeArea }): Unplaceable => ({ kind: 'worker', workerId, reason: unknownArea('home area', homeArea) }));
  const sites = facts.sites
    .filter((s) => !isLocated(s) && requested.has(`${s.employerId}/${s.siteId}`))
    .sort((a, b) => compareText(`${a.employerId}/${a.siteId}`, `${b.employerId}/${b.siteId}`))
    .map(({ employerId, siteId, area }): Unplaceable => ({ kind: 'site', employerId, siteId, reason: unknownArea('area', area) }));
  return [...workers, ...sites];
}

const unknownArea = (what: string, area: string): string =>
  `Recorded before postcodes with the ${what} "${area}", which the table of places does not know: no travel distance can be computed.`;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
