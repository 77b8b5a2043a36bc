// A generated pool for bench:payroll: `workers` workers (a quarter of them under 21, some with guaranteed hours)
// with one confirmed placement each, and their approved timesheets for every ISO week of one pay period; a hirer
// for every five workers (400 for 2,000) under three CAOs, each with a rate agreement above the cost price, so
// that every hour of the period can be invoiced. Every event is decided by its stream's decider, as the API's
// commands would decide it, and checked against its zod schema, so the run pays a store the service itself could
// have written.
import { randomUUID } from 'node:crypto';
import {
  addDays,
  caoDecider,
  caoStreamId,
  caoVersions,
  costFactorOn,
  coveredPlacementCosts,
  employerDecider,
  employerStreamId,
  isoWeekOf,
  isPaid,
  parsePoolEvent,
  placementDecider,
  placementStreamId,
  rateAgreementDecider,
  rateAgreementsStreamId,
  schemaVersionOf,
  siteFactsOf,
  timesheetDecider,
  timesheetIdOf,
  timesheetStreamId,
  wagedPlacement,
  weekStartsIn,
  workerDecider,
  workerFactsFor,
  workerStreamId,
  type CaoVersionContent,
  type CostedPlacement,
  type Decider,
  type EmployerState,
  type HourType,
  type LegalForm,
  type PayPeriod,
  type PlacementState,
  type Rate,
  type RateCostFacts,
  type ResolvedCaoVersion,
  type RuleBook,
  type TimesheetLine,
  type WorkerState,
} from '@banenpool/domain';
import type { NewEvent } from '@banenpool/event-store';

/** One stream's events, appended in one call with expectedVersion no_stream. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: NewEvent[];
}

export interface PayrollPool {
  /** CAOs and hirers first, then per worker its worker, placement and timesheet streams, then the hirers' rate agreements. */
  readonly appends: StreamAppend[];
  readonly workers: number;
  /** Hirers, each with hours in the period and one rate agreement: the invoices a run for every hirer issues. */
  readonly hirers: number;
  readonly sheets: number;
  /** Days with a line in the period (worked, sick or on leave). */
  readonly days: number;
  /** Approved lines in the period: the pay lines the run must produce. */
  readonly lines: number;
  readonly events: number;
}

// ---- the CAOs and hirers (illustrative figures, not from published CAOs) ---------------------------------

const CAO_FROM = '2026-01-01';
const evening = (surchargeBp: number) =>
  (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((weekday) => ({
    weekday,
    start: '19:00',
    end: '24:00',
    surchargeBp,
  }));

const CAOS: Record<string, CaoVersionContent> = {
  // No youth wages of its own: the statutory youth minimum wage is the floor for its young workers.
  schoonmaak: {
    wageScales: { A: [1480, 1520, 1560, 1600] },
    surcharges: { timeBands: evening(2000), publicHolidayBp: 10_000, overtimeBp: 2500 },
    holidayPayBp: 800,
    pensionPremium: { employeeBp: 750, employerBp: 1250 },
    fullTimeHoursPerWeek: 38,
    seasonalClause: false,
    illustrative: true,
  },
  // Youth wages, no pension premium kept.
  recreatie: {
    wageScales: { A: [1450, 1500, 1550], B: [1600, 1680] },
    youthBp: { 16: 4500, 17: 5000, 18: 6000, 19: 7000, 20: 8500 },
    surcharges: { timeBands: evening(1500), publicHolidayBp: 10_000, overtimeBp: 2000 },
    holidayPayBp: 800,
    fullTimeHoursPerWeek: 36,
    seasonalClause: false,
    illustrative: true,
  },
  metaal: {
    wageScales: { A: [1700, 1780, 1860], B: [1900, 2000] },
    youthBp: { 16: 5000, 17: 6000, 18: 7000, 19: 8000, 20: 9000 },
    surcharges: { timeBands: evening(3000), publicHolidayBp: 10_000, overtimeBp: 3500 },
    holidayPayBp: 850,
    pensionPremium: { employeeBp: 900, employerBp: 1700 },
    fullTimeHoursPerWeek: 40,
    seasonalClause: false,
    illustrative: true,
  },
};

/** The kinds of hirer, taken in turn: hirer n is `<name>-<n>`, its CAO and its one function this kind's. */
const HIRER_KINDS = [
  { name: 'visschedijk', caoCode: 'schoonmaak', functionName: 'schoonmaker', scale: 'A' },
  { name: 'hemmes', caoCode: 'schoonmaak', functionName: 'glazenwasser', scale: 'A' },
  { name: 'de-waarbeek', caoCode: 'recreatie', functionName: 'attractiemedewerker', scale: 'A' },
  { name: 'hulsbeek', caoCode: 'recreatie', functionName: 'gastheer', scale: 'B' },
  { name: 'stork', caoCode: 'metaal', functionName: 'monteur', scale: 'B' },
  { name: 'apollo', caoCode: 'metaal', functionName: 'operator', scale: 'A' },
] as const;

/** Workers a hirer: 2,000 workers are placed at 400 hirers, so a run for every hirer issues 400 invoices. */
export const WORKERS_PER_HIRER = 5;

const SITE = 'hengelo';
const OPERATOR = 'operator:bench';

// ---- deciding and recording -------------------------------------------------------------------------

/** Decides `commands` in order on a fresh stream, each on the state the previous ones left. */
function decideAll<C, E extends { type: string; data: unknown }, S>(
  decider: Decider<C, E, S>,
  commands: readonly C[],
  now: Date,
): { events: E[]; state: S } {
  let state = decider.initialState;
  const events: E[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state, now);
    events.push(...decided);
    state = decided.reduce(decider.evolve, state);
  }
  return { events, state };
}

/**
 * The events as the command executor stores them, each checked against its type's schema first.
 * `actor` is who caused them: one caller for the stream, or per event type.
 */
function recorded(
  events: readonly { type: string; data: unknown }[],
  actor: string | ((type: string) => string),
  correlationId: string,
): NewEvent[] {
  return events.map(({ type, data }) => {
    const schemaVersion = schemaVersionOf(type);
    const parsed = parsePoolEvent(type, schemaVersion, data);
    if (!parsed.ok) throw new Error(`Generated ${type} does not fit its schema (${parsed.reason}): ${parsed.detail}`);
    const metadata = { actor: typeof actor === 'string' ? actor : actor(type), correlationId };
    return { type, data, schemaVersion, eventId: randomUUID(), metadata };
  });
}

/** A small deterministic generator (mulberry32), so every run pays the same pool. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const line = (day: string, start: number, minutes: number, hourType: HourType): TimesheetLine => {
  // A shift over 5½ hours has a break of half an hour (Working Hours Act).
  const breakMinutes = minutes > 330 ? 30 : 0;
  return { day, start: clock(start), end: clock(start + minutes + breakMinutes), breakMinutes, hourType };
};

// ---- the pool -----------------------------------------------------------------------------------------

const SET_UP = new Date('2025-12-01T09:00:00Z');
const PLACEMENT_PERIOD = { from: '2026-01-05', to: '2026-06-28' };

/** A hirer of the pool: its kind's CAO and function, and its stream's state. */
interface PoolHirer {
  readonly employerId: string;
  readonly kind: (typeof HIRER_KINDS)[number];
  readonly state: EmployerState;
}

/** What every worker's streams are made with: the draws, the request's correlation id, the rules, CAOs and hirers. */
interface Generation {
  readonly next: () => number;
  readonly correlationId: string;
  readonly rules: RuleBook;
  readonly versions: readonly ResolvedCaoVersion[];
  readonly hirers: readonly PoolHirer[];
  /** The Mondays of the ISO weeks inside the period. */
  readonly mondays: readonly string[];
}

interface PoolWorker {
  readonly workerId: string;
  readonly birthDate: string;
  /** 19 or older in the period: may work overtime. */
  readonly adult: boolean;
  readonly state: WorkerState;
}

interface Placed {
  readonly placementId: string;
  readonly employerId: string;
  readonly hoursPerWeek: number;
  /** As the cost price of a fixed rate is worked out from it. */
  readonly costed: CostedPlacement;
}

/**
 * The pool: per worker a registration and an indefinite contract (a quarter guarantee 32 hours a
 * week, so some weeks need a top-up), one placement of 25–38 hours a week spread over Monday to
 * Friday, and for each ISO week of `period` a sheet registered, submitted and approved by the hirer.
 * Worker n is placed at hirer n mod the hirers, so every hirer has hours to invoice.
 */
export function payrollPool(workers: number, period: PayPeriod, rules: RuleBook, seed = 2026): PayrollPool {
  const correlationId = randomUUID();
  const caos = caoStreams(correlationId);
  const hirers = hirerStreams(Math.max(1, Math.ceil(workers / WORKERS_PER_HIRER)), correlationId);
  const generation: Generation = {
    next: random(seed),
    correlationId,
    rules,
    versions: caos.versions,
    hirers: hirers.hirers,
    mondays: weekStartsIn(period).filter((monday) => monday >= period.from && addDays(monday, 6) <= period.to),
  };
  const appends = [...caos.appends, ...hirers.appends];
  const placedAt = hirers.hirers.map((): CostedPlacement[] => []);
  let lines = 0;
  for (let w = 0; w < workers; w++) {
    const h = w % hirers.hirers.length;
    const worker = poolWorker(generation, w);
    const placement = placed(generation, worker.worker, hirers.hirers[h]);
    const sheets = approvedSheets(generation, worker.worker, placement.placed);
    appends.push(worker.append, placement.append, ...sheets.appends);
    placedAt[h].push(placement.placed.costed);
    lines += sheets.lines;
  }
  appends.push(...hirers.hirers.map((hirer, h) => rateAgreement(generation, hirer, h, placedAt[h])));
  const sheets = workers * generation.mondays.length;
  const events = appends.reduce((n, a) => n + a.events.length, 0);
  return { appends, workers, hirers: generation.hirers.length, sheets, days: sheets * 5, lines, events };
}

function caoStreams(correlationId: string): { appends: StreamAppend[]; versions: ResolvedCaoVersion[] } {
  const decided = Object.entries(CAOS).map(([code, content]) => {
    const register = { type: 'RegisterCao', code, name: `CAO ${code} (illustrative)` } as const;
    const { events, state } = decideAll(caoDecider, [register, { type: 'PublishCaoVersion', effectiveFrom: CAO_FROM, content }], SET_UP);
    return { append: { streamId: caoStreamId(code), events: recorded(events, OPERATOR, correlationId) }, versions: caoVersions(state) };
  });
  return { appends: decided.map((d) => d.append), versions: decided.flatMap((d) => d.versions) };
}

function hirerStreams(count: number, correlationId: string): { appends: StreamAppend[]; hirers: PoolHirer[] } {
  const decided = Array.from({ length: count }, (_, h) => {
    const kind = HIRER_KINDS[h % HIRER_KINDS.length];
    const { caoCode, functionName, scale } = kind;
    const employerId = `${kind.name}-${String(h + 1).padStart(3, '0')}`;
    const { events, state } = decideAll(
      employerDecider,
      [
        { type: 'JoinPool', employerId, name: employerId, memberFrom: '2025-01-01' },
        { type: 'ApplyCao', caoCode, from: CAO_FROM },
        { type: 'AddSite', siteId: SITE, name: 'Hengelo', area: 'hengelo' },
        { type: 'ClassifyFunction', functionName, scale, from: CAO_FROM },
      ],
      SET_UP,
    );
    const append = { streamId: employerStreamId(employerId), events: recorded(events, OPERATOR, correlationId) };
    return { hirer: { employerId, kind, state }, append };
  });
  return { appends: decided.map((d) => d.append), hirers: decided.map((d) => d.hirer) };
}

/** Registered with an indefinite contract; a quarter are 16 to 20 in the period (some turn 18 or 21 in it), the rest 21 to 66. */
function poolWorker({ next, rules, correlationId }: Generation, w: number): { worker: PoolWorker; append: StreamAppend } {
  const workerId = `bench-w${String(w).padStart(5, '0')}`;
  const young = next() < 0.25;
  const birthYear = young ? 2005 + Math.floor(next() * 5) : 1960 + Math.floor(next() * 45);
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  const birthDate = `${birthYear}-${twoDigits(1 + Math.floor(next() * 12))}-${twoDigits(1 + Math.floor(next() * 28))}`;
  const guaranteedHoursPerWeek = next() < 0.25 ? 32 : 0;
  const { events, state } = decideAll(
    workerDecider,
    [
      {
        type: 'RegisterWorker',
        workerId,
        name: `Werknemer ${w}`,
        birthDate,
        homeArea: 'hengelo',
        skills: ['cleaning'],
        availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
      },
      {
        type: 'OfferContract',
        contractId: 'c1',
        terms: { kind: 'indefinite', from: '2025-09-01', guaranteedHoursPerWeek, maxHoursPerWeek: 40 },
        rules,
      },
    ],
    SET_UP,
  );
  return {
    worker: { workerId, birthDate, adult: birthYear < 2007, state: state as WorkerState },
    append: { streamId: workerStreamId(workerId), events: recorded(events, OPERATOR, correlationId) },
  };
}

/** Proposed and confirmed at the hirer, 25–38 hours a week, at a step drawn from the function's scale. */
function placed(generation: Generation, worker: PoolWorker, hirer: PoolHirer): { placed: Placed; append: StreamAppend } {
  const { next, versions, rules, correlationId } = generation;
  const { employerId, kind, state: employer } = hirer;
  const placementId = `${worker.workerId}-${employerId}`;
  const hoursPerWeek = 25 + Math.floor(next() * 14);
  const legalForm: LegalForm = next() < 0.7 ? 'payroll' : 'secondment';
  const terms = {
    placementId,
    workerId: worker.workerId,
    employerId,
    siteId: SITE,
    functionName: kind.functionName,
    legalForm,
    hoursPerWeek,
    period: PLACEMENT_PERIOD,
    billRateCents: 3150,
  };
  const { events, state } = decideAll(
    placementDecider,
    [
      { type: 'ProposePlacement', ...terms },
      {
        type: 'ConfirmPlacement',
        worker: workerFactsFor(worker.state, PLACEMENT_PERIOD, placementId),
        site: siteFactsOf(employer, SITE),
        step: Math.floor(next() * CAOS[kind.caoCode].wageScales[kind.scale].length),
        hirer: employer,
        caoVersions: versions,
        rules,
        hirerLimits: { employerId, otherPlacements: [] },
      },
    ],
    SET_UP,
  );
  return {
    placed: { placementId, employerId, hoursPerWeek, costed: costedPlacement(state, employer, worker) },
    append: { streamId: placementStreamId(placementId), events: recorded(events, OPERATOR, correlationId) },
  };
}

function costedPlacement(placement: PlacementState, hirer: EmployerState, worker: PoolWorker): CostedPlacement {
  if (!isPaid(placement)) throw new Error(`Placement of ${worker.workerId} was not confirmed`);
  return {
    waged: wagedPlacement(placement, hirer),
    hirerTermsApply: placement.hirerTerms.applies,
    worker: { workerId: worker.workerId, birthDate: worker.birthDate },
  };
}

/**
 * The hirer's one rate agreement, for all its placements from the CAO's first day on, open-ended:
 * two hirers in three a factor 0.15 to 0.45 above the cost factor (1.85 against 1.55, say), the third a fixed hourly rate 20
 * to 50 % over the cost of its dearest placement's hour; surcharges on overtime and irregular
 * hours, and every other hirer a share paid to the G-account. Decided as AgreeRate decides it,
 * against the cost facts the application would read.
 */
function rateAgreement(generation: Generation, hirer: PoolHirer, h: number, placements: readonly CostedPlacement[]): StreamAppend {
  const { next, rules, versions, correlationId } = generation;
  const { employerId, state } = hirer;
  const scope = { kind: 'employer' } as const;
  const margin = (lowBp: number) => lowBp + Math.floor(next() * 3000);
  let rate: Rate;
  let costs: RateCostFacts;
  if (h % 3 === 2) {
    costs = { kind: 'fixed', placements: coveredPlacementCosts(scope, { from: CAO_FROM }, placements, rules, versions) };
    const dearest = Math.max(...costs.placements.map((p) => p.cost.hourlyCents));
    if (!Number.isFinite(dearest)) throw new Error(`Hirer ${employerId} has no placement whose hour has a cost price`);
    rate = { kind: 'fixed', hourlyCents: Math.ceil((dearest * (10_000 + margin(2000))) / 10_000) };
  } else {
    costs = { kind: 'factor', cost: costFactorOn(state, CAO_FROM, rules, versions) };
    rate = { kind: 'factor', factorBp: costs.cost.costFactorBp + margin(1500) };
  }
  const { events } = decideAll(
    rateAgreementDecider,
    [
      {
        type: 'AgreeRate',
        agreementId: `rate-${employerId}`,
        employerId,
        scope,
        from: CAO_FROM,
        rate,
        surchargesBp: { overtime: 2500, irregular: 1500 },
        gAccountShareBp: h % 2 === 0 ? 0 : 2500,
        by: OPERATOR,
        costs,
      },
    ],
    SET_UP,
  );
  return { streamId: rateAgreementsStreamId(employerId), events: recorded(events, OPERATOR, correlationId) };
}

/**
 * A sheet per week, registered and submitted by the operator and approved with the hirer's own key
 * (recorded as the API records an employer caller), a day after the week.
 */
function approvedSheets(generation: Generation, worker: PoolWorker, placement: Placed): { appends: StreamAppend[]; lines: number } {
  const { next, rules, correlationId, mondays } = generation;
  const { placementId, employerId } = placement;
  const hirerLabel = `employer:planning@${employerId}`;
  const actor = (type: string) => (type === 'TimesheetApproved' ? hirerLabel : OPERATOR);
  const facts = {
    placement: { placementId, workerId: worker.workerId, employerId, period: PLACEMENT_PERIOD },
    closures: [],
    worker: { birthDate: worker.birthDate },
    otherShifts: [],
    rules,
  };
  const evenings = next() < 0.1;
  const appends = mondays.map((monday): [StreamAppend, number] => {
    const week = isoWeekOf(monday);
    const timesheetId = timesheetIdOf(placementId, week);
    const lines = weekLines(next, monday, placement.hoursPerWeek, { evenings, overtime: worker.adult });
    const { events } = decideAll(
      timesheetDecider,
      [
        { type: 'RegisterHours', timesheetId, week, lines, by: OPERATOR, facts },
        { type: 'SubmitTimesheet', by: OPERATOR },
        { type: 'ApproveTimesheet', actor: { by: hirerLabel } },
      ],
      new Date(`${addDays(monday, 7)}T10:00:00Z`),
    );
    return [{ streamId: timesheetStreamId(timesheetId), events: recorded(events, actor, correlationId) }, lines.length];
  });
  return { appends: appends.map(([append]) => append), lines: appends.reduce((n, [, count]) => n + count, 0) };
}

/**
 * Monday to Friday, the week's hours spread evenly from 08:00. About 3 % of days are sick days and
 * 2 % leave; adults work an hour of overtime after 5 % of their days; a tenth of the workers work
 * Friday evenings from 14:00 (irregular hours, in the CAOs' time bands; on Friday, so that the rest
 * before the next shift stays long enough, also for the young).
 */
function weekLines(
  next: () => number,
  monday: string,
  hoursPerWeek: number,
  { evenings, overtime }: { evenings: boolean; overtime: boolean },
): TimesheetLine[] {
  const dailyMinutes = Math.round((hoursPerWeek * 60) / 5);
  return [0, 1, 2, 3, 4].flatMap((d) => {
    const day = addDays(monday, d);
    const draw = next();
    const hourType: HourType = draw < 0.03 ? 'sick' : draw < 0.05 ? 'leave' : evenings && d === 4 ? 'irregular' : 'normal';
    const worked = line(day, hourType === 'irregular' ? 14 * 60 : 8 * 60, dailyMinutes, hourType);
    if (!(overtime && hourType === 'normal' && next() < 0.05)) return [worked];
    return [worked, line(day, minutesOf(worked.end), 60, 'overtime')];
  });
}
