// The allocation engine's input snapshot, weights, options and output. Pure data: the caller reads
// the read models at one position, builds an AllocationInput, and records the result as events.
import type { Hours, LocalDate } from '@banenpool/domain';

/**
 * A week is named by its Monday ('YYYY-MM-DD', checked with `mondayOf`). Mondays sort like the weeks
 * they start and make consecutive weeks easy to recognise (`addDays(monday, 7)`); `isoWeekOf` gives
 * the 'YYYY-Www' label used in explanations.
 */
export type WeekStart = LocalDate;

// ---- demand -------------------------------------------------------------------------------------

export interface DemandWeek {
  readonly weekStart: WeekStart;
  /** Places still open in this week (headcount asked minus places already filled by confirmed placements). */
  readonly openHeadcount: number;
}

/** One capacity request: `openHeadcount` places of `hoursPerWeek` hours, per week. */
export interface CapacityDemand {
  readonly requestId: string;
  readonly employerId: string;
  readonly siteId: string;
  /** The site's area (a key of the distance table). */
  readonly area: string;
  /** The one skill every placed worker must have. */
  readonly skill: string;
  /** Hours per person per week (quarter hours). */
  readonly hoursPerWeek: Hours;
  /**
   * The weeks with open places. Weeks in which the site is closed are simply not listed: the engine
   * never proposes a week that is not here, and `checkProposals` flags one that is not.
   */
  readonly weeks: readonly DemandWeek[];
  /**
   * Proposals the request can still take over its whole period (the capacity stream gives every
   * placement one place for its whole period: headcount minus places already held). A proposal is one
   * worker on one unbroken run of weeks, so a worker who can take the request only in two separate
   * stretches uses two places. Absent: no limit beyond the open places of each week.
   */
  readonly places?: number;
}

// ---- supply -------------------------------------------------------------------------------------

/** Hours already committed to a confirmed placement in one week. Confirmed placements are never changed. */
export interface Commitment {
  readonly weekStart: WeekStart;
  readonly hours: Hours;
  readonly employerId: string;
  readonly placementId?: string;
}

export interface WorkerWeekAvailability {
  readonly weekStart: WeekStart;
  /**
   * Hours the worker can work in this week in total, already net of unavailability (holiday,
   * sickness, training). Committed hours count against it: a worker available 32 h with 12 h
   * committed can take at most 20 h more.
   */
  readonly availableHours: Hours;
}

export interface WorkerSupply {
  readonly workerId: string;
  readonly skills: readonly string[];
  /** Home area (a key of the distance table). */
  readonly homeArea: string;
  /** Maximum hours a week of the worker's pool contract. */
  readonly contractMaxHours: Hours;
  /** Hours a week the pool contract guarantees (0 for none); committed hours below it are a shortfall. */
  readonly guaranteedHours: Hours;
  /** Availability per week. A week that is not listed is a week without availability. */
  readonly availability: readonly WorkerWeekAvailability[];
  /** Confirmed placements' hours per week. They stay as they are and count against every limit. */
  readonly commitments: readonly Commitment[];
  /** Employers the worker worked for before (continuity: returning there is rewarded). */
  readonly pastEmployerIds: readonly string[];
  /** Hours worked in the pool so far (the fairness figure: fewer hours so far → preferred). */
  readonly hoursWorkedSoFar: Hours;
  /**
   * Weeks in which the pool released the worker — a placement of theirs ended or their site closed
   * (the park staff in winter) — and still owes them guaranteed hours (the released-workers read
   * model). Hours proposed in these weeks earn the `released` weight. None when left out.
   */
  readonly releasedWeeks?: readonly WeekStart[];
}

// ---- the snapshot ---------------------------------------------------------------------------------

/** Kilometres between areas: `distancesKm[a][b]`; looked up both ways; the same area is 0 km. */
export type DistanceTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface AllocationInput {
  readonly demand: readonly CapacityDemand[];
  readonly workers: readonly WorkerSupply[];
  readonly distancesKm: DistanceTable;
  /**
   * Hard travel cut-off: a worker is never proposed at a site further than this from home, nor at a
   * site whose distance is missing from the table. Default 40 km (all of Twente but its far corners).
   */
  readonly maxTravelKm?: number;
}

export const DEFAULT_MAX_TRAVEL_KM = 40;

// ---- weights ---------------------------------------------------------------------------------------

/**
 * Weights of the objective, which is maximised and measured in "hour equivalents": with the defaults
 * one filled hour is worth 1. Every term is linear in the proposals (see `objectiveOf`).
 */
export interface AllocationWeights {
  /** Per filled hour (each proposed worker-week earns `fill × hoursPerWeek`). */
  readonly fill: number;
  /**
   * Per hour of guaranteed-hours shortfall covered. A worker's shortfall in a week is
   * max(0, guaranteed − committed); the proposals cover min(shortfall, proposed hours). This is what
   * puts released workers (the park staff in winter) first: their hours count double by default.
   */
  readonly shortfall: number;
  /**
   * Per hour proposed to a worker in one of their released weeks (`WorkerSupply.releasedWeeks`), on top
   * of fill and shortfall: of the workers with a shortfall, those whose placement ended or whose site
   * closed go first (the "first cover … the released park staff").
   */
  readonly released: number;
  /**
   * Cost per new working relationship: each distinct worker × employer pair in the proposals whose
   * employer the worker has not worked for before (past employers and employers of the worker's
   * confirmed placements are not new). Keeping one worker on a request for many weeks pays it once;
   * rotating workers pays it every time.
   */
  readonly continuity: number;
  /** Bonus per proposed worker-week at an employer the worker worked for before (returning). */
  readonly returning: number;
  /**
   * Cost per additional employer in one worker-week: with no confirmed placement that week the first
   * employer is free; otherwise every employer the proposals add to the week's confirmed ones costs.
   */
  readonly extraEmployer: number;
  /** Cost per km from home area to site area, per proposed worker-week. */
  readonly travel: number;
  /**
   * Bonus per proposed hour × the worker's fairness factor in [0, 1]: 1 for the worker with the fewest
   * hours worked so far among the input's workers, 0 for the one with the most (linear between).
   */
  readonly fairness: number;
}

export const DEFAULT_WEIGHTS: AllocationWeights = Object.freeze({
  fill: 1,
  shortfall: 1,
  released: 1,
  continuity: 4,
  returning: 1,
  extraEmployer: 3,
  travel: 0.05,
  fairness: 0.1,
});

// ---- options -----------------------------------------------------------------------------------------

export interface SolveOptions {
  /** Wall-clock budget for the whole solve (pricing rounds and MIP), seconds. Default 10. */
  readonly timeLimitSeconds?: number;
  /** Stop when (bound − objective) / objective ≤ this. Default 0.005 (0.5 %). */
  readonly relativeGap?: number;
  /** HiGHS `random_seed` (fixed for reproducible runs). Default 0. */
  readonly randomSeed?: number;
  /**
   * 'full': one MIP in which every candidate (worker, request, week) is a variable; HiGHS proves the
   * bound. 'decomposed': a Lagrangian bound over every candidate, plans from the Lagrangian heuristic
   * and a local search, then HiGHS sub-MIPs per week window (large-neighbourhood search). 'auto' (default): 'full' up to
   * `fullModelLimit` candidates, 'decomposed' above.
   */
  readonly mode?: 'auto' | 'full' | 'decomposed';
  /** Largest candidate count solved as one MIP in 'auto' mode. Default 4 000. */
  readonly fullModelLimit?: number;
  /** 'full' mode: give HiGHS the greedy solution as its first incumbent ('decomposed' always starts from it). Default true. */
  readonly warmStart?: boolean;
  /**
   * 'decomposed' mode: split every Lagrangian relaxation with a helper thread (worker_threads), which
   * then goes on lowering the bound while this thread searches. The proposals are the same with or
   * without it. Only when running as compiled JavaScript. Default true.
   */
  readonly parallel?: boolean;
  /** Progress lines (model sizes, bound, windows). Default: none. */
  readonly log?: (line: string) => void;
}

// ---- output ----------------------------------------------------------------------------------------------

export type ContinuityKind = 'returning' | 'new';

export interface ProposalReasons {
  readonly skill: string;
  /** Guaranteed-hours shortfall hours this proposal covers, summed over its weeks. */
  readonly shortfallHoursCovered: Hours;
  /** How many of its weeks are weeks in which the worker was released (placement ended, site closed). */
  readonly releasedWeeks: number;
  /** 'returning': the worker worked for this employer before (or has a confirmed placement there). */
  readonly continuity: ContinuityKind;
  /** How many consecutive weeks the worker stays on this request in this proposal. */
  readonly consecutiveWeeks: number;
  readonly distanceKm: number;
  readonly homeArea: string;
  readonly siteArea: string;
}

/**
 * One proposal = one worker on one request for one unbroken run of consecutive weeks, at the
 * request's hours per week. That is exactly the shape of one placement (a period with hours a week),
 * so accepting a proposal is one placement command; a worker who leaves and returns gets two.
 */
export interface AllocationProposal {
  /** Deterministic: `<requestId>:<workerId>:<first weekStart>`. */
  readonly proposalId: string;
  readonly workerId: string;
  readonly requestId: string;
  readonly employerId: string;
  readonly siteId: string;
  readonly hoursPerWeek: Hours;
  /** The Mondays of the proposed weeks, consecutive, ascending. */
  readonly weekStarts: readonly WeekStart[];
  /** First day (a Monday) and last day (a Sunday) of the run. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly reasons: ProposalReasons;
  /** One line for the operator: skill, shortfall covered, continuity, distance. */
  readonly explanation: string;
}

/** The objective split into its terms (each already multiplied by its weight; costs are negative). */
export interface ObjectiveBreakdown {
  readonly fill: number;
  readonly shortfall: number;
  readonly released: number;
  readonly continuity: number;
  readonly returning: number;
  readonly extraEmployer: number;
  readonly travel: number;
  readonly fairness: number;
  readonly total: number;
  /** Plain figures behind the terms. */
  readonly filledHours: Hours;
  readonly shortfallHoursCovered: Hours;
  /** Hours proposed to workers in their released weeks. */
  readonly releasedHours: Hours;
  readonly workerWeeks: number;
  readonly newRelationships: number;
  readonly extraEmployerWeeks: number;
  readonly travelKm: number;
}

export type AllocationStatus =
  /** The objective is proven optimal (gap ≤ 1e-6). */
  | 'optimal'
  /** The objective is proven within the requested relative gap of the bound. */
  | 'within_gap'
  /**
   * The time limit (or, in 'decomposed' mode, the search's work limits) stopped it before the gap was
   * proven; the proposals are valid and the honest gap is reported.
   */
  | 'time_limit'
  /** Greedy: no bound, no proof. */
  | 'heuristic';

export interface ModelStats {
  readonly mode: 'full' | 'decomposed';
  /** Every (worker, request, week) that passes skill, availability, hours and travel cut-offs. */
  readonly candidates: number;
  /** Candidates (x variables) in the MIP — in 'decomposed' mode, in the largest sub-MIP. */
  readonly candidatesInModel: number;
  readonly variables: number;
  readonly binaries: number;
  readonly constraints: number;
  readonly nonzeros: number;
  /** MIPs solved by HiGHS (1 in 'full' mode; windows in 'decomposed' mode). */
  readonly subproblems: number;
  /** Lagrangian relaxations evaluated for the bound ('decomposed' mode). */
  readonly boundIterations: number;
  readonly mipNodes: number | null;
  /** Milliseconds per phase. */
  readonly timings: Readonly<Record<string, number>>;
}

export interface AllocationResult {
  readonly method: 'mip' | 'greedy';
  readonly status: AllocationStatus;
  readonly proposals: readonly AllocationProposal[];
  /** objectiveOf(input, weights, proposals). */
  readonly objective: number;
  /** The objective HiGHS reported for its solution (equal to `objective` up to rounding); null for greedy. */
  readonly solverObjective: number | null;
  /**
   * A proven upper bound on the objective of ANY feasible set of proposals for this input and these
   * weights (not only those in the reduced model); null for greedy.
   */
  readonly bound: number | null;
  /** (bound − objective) / max(1, |objective|); null for greedy. */
  readonly gap: number | null;
  readonly breakdown: ObjectiveBreakdown;
  readonly solveTimeMs: number;
  readonly solver: { readonly name: string; readonly version: string };
  /** sha256 of the canonical JSON of the (normalised) input and the weights. */
  readonly inputHash: string;
  readonly weights: AllocationWeights;
  readonly model: ModelStats | null;
}

export interface Violation {
  readonly code:
    | 'stale_input'
    | 'unknown_worker'
    | 'unknown_request'
    | 'malformed_proposal'
    | 'missing_skill'
    | 'hours_mismatch'
    | 'no_open_demand'
    | 'duplicate_assignment'
    | 'over_filled'
    | 'over_places'
    | 'over_availability'
    | 'over_contract_max'
    | 'over_working_hours_act'
    | 'over_travel_cutoff';
  readonly message: string;
  readonly proposalId?: string;
  readonly workerId?: string;
  readonly requestId?: string;
  readonly weekStart?: WeekStart;
}
