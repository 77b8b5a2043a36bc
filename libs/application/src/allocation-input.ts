// Builds the allocation engine's input from facts read at one position (allocation-facts.ts reads
// them). Pure: the same facts in any order give the same AllocationInput, and so the same hash.
import { twenteDistances, type AllocationInput, type CapacityDemand, type DistanceTable, type WorkerSupply } from '@banenpool/allocation';
import {
  addDays,
  contains,
  overlaps,
  WEEKDAYS,
  weekStartsIn,
  type Availability,
  type AllocationScope,
  type CapacityRequested,
  type Hours,
  type LocalDate,
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
  readonly area: string;
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
  readonly availability: Availability;
  readonly contracts: readonly ContractFact[];
  /** Every week of the worker's confirmed placements up to the scope's last week. */
  readonly placementWeeks: readonly PlacementWeekFact[];
  /** Weeks of the scope in which the pool released the worker and owes them hours (released-workers read model). */
  readonly releasedWeeks?: readonly LocalDate[];
}

export interface AllocationFacts {
  readonly requests: readonly RequestFact[];
  readonly sites: readonly SiteFact[];
  readonly workers: readonly WorkerFact[];
}

/** The weeks of a scope, by their Mondays. */
export const scopeWeeks = (scope: AllocationScope): LocalDate[] => weekStartsIn({ from: scope.fromWeek, to: addDays(scope.toWeek, 6) });

const daysOf = (weekStart: LocalDate): Period => ({ from: weekStart, to: addDays(weekStart, 6) });

export function buildAllocationInput(facts: AllocationFacts, scope: AllocationScope): AllocationInput {
  const weeks = scopeWeeks(scope);
  const sites = new Map(facts.sites.map((s) => [`${s.employerId}/${s.siteId}`, s]));
  const demand = facts.requests.flatMap((request) => {
    const site = sites.get(`${request.employerId}/${request.siteId}`);
    return site ? [demandOf(request, site, weeks)] : [];
  });
  return { demand, workers: facts.workers.map((w) => supplyOf(w, weeks, scope.fromWeek)), distancesKm: TWENTE_DISTANCES_KM };
}

/**
 * The open weeks of a request: in its period, inside the employer's membership, not touching a
 * closure of its site (a placement overlapping a closure is refused at confirmation), with no
 * more places than the request as a whole can still take.
 */
function demandOf(request: RequestFact, site: SiteFact, weeks: readonly LocalDate[]): CapacityDemand {
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
    area: site.area,
    skill: request.requiredSkill,
    hoursPerWeek: request.hoursPerWeek,
    weeks: open,
  };
}

/**
 * A worker's supply. A week counts only when one pool contract covers all of it (a placement needs
 * a contract covering its whole period); that contract's maximum caps the week's availability, so
 * a worker whose contracts differ per week is still exact per week.
 */
function supplyOf(worker: WorkerFact, weeks: readonly LocalDate[], firstWeek: LocalDate): WorkerSupply {
  const covered = weeks.flatMap((weekStart) => {
    const contract = worker.contracts.find((c) => contains(c.period, daysOf(weekStart)));
    return contract ? [{ weekStart, contract }] : [];
  });
  const inScope = worker.placementWeeks.filter((p) => p.weekStart >= firstWeek);
  const before = worker.placementWeeks.filter((p) => p.weekStart < firstWeek);
  return {
    workerId: worker.workerId,
    skills: worker.skills,
    homeArea: worker.homeArea,
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
    releasedWeeks: (worker.releasedWeeks ?? []).filter((week) => weeks.includes(week)),
  };
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

/**
 * Kilometres between the Twente areas workers live in and sites stand in. No stream or read model
 * records distances, so this is the engine's fixed table (road ≈ 1.3 × great circle between town
 * centres), keyed by area as the API writes it (lowercase). An area outside it has no distance, and
 * the engine then never proposes that trip.
 */
export const TWENTE_DISTANCES_KM: DistanceTable = lowercaseKeys(twenteDistances());

function lowercaseKeys(table: DistanceTable): DistanceTable {
  return Object.fromEntries(
    Object.entries(table).map(([from, row]) => [
      from.toLowerCase(),
      Object.fromEntries(Object.entries(row).map(([to, km]) => [to.toLowerCase(), km])),
    ]),
  );
}
