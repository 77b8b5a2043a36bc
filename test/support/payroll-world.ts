/**
 * A small pool with finalized pay runs, built over HTTP with the demo keys, for e2e tests that start
 * where payroll ends (invoices, LKS claims, the banenafspraak statement). `buildPayrollWorld(app)` makes,
 * with the default four-week pay period and by default for 2026-P02 and 2026-P03:
 *
 * - two hirers with a CAO each: `visschedijk` under CAO `schoonmaak` (scale A: step 0 € 14,50, below
 *   the 2026 minimum wage of € 14,71; step 1 € 16,50, with youth percentages) and `waarbeek` under CAO
 *   `groen` (scale B: € 17,20 and € 18,10, above the minimum wage, with pension premiums);
 * - four workers, none with guaranteed hours (so a run pays exactly the approved hours): `anna` (adult,
 *   visschedijk step 0: paid the minimum wage), `joris` (visschedijk step 1, 17 until he turns 18 on the
 *   Wednesday of the first week with hours), `sem` (waarbeek step 0, in the target-group register with a
 *   wage value of 60 % from the first day) and `lotte` (adult, waarbeek step 1);
 * - a confirmed payroll placement `<workerId>-<employerId>` each, over all the periods;
 * - for the first `weeksPerPeriod` weeks of each period, each worker's sheet registered and submitted by
 *   the operator and approved by the hirer for the whole week (`WEEK_PATTERN` says which days and hours);
 * - the pay run of each period calculated and finalized, in order.
 *
 * It returns what it registered (`hours`: one row per worker and day) and the figures it published
 * (`caos`, `minimumWage`), so a test computes what it expects on its own, plus `http` to go on with
 * (its `lastPosition` is what to `waitFor`). Periods after 30 June 2026 need `minimumWage` rows
 * published (the shipped table ends there): pass them in `options.minimumWage`. `beforePayRuns` adds
 * what must stand before the runs (rate agreements, say); `leaveLastOpen` leaves the last run calculated.
 * The building blocks it is made of (`publishCao`, `registerHirer`, `registerWorker`, `placeWorker`,
 * `registerWeekHours`, `approveWeek`, `runAndFinalize`, ...) are exported for pools of one's own.
 */
import type { INestApplication } from '@nestjs/common';
import { AUDITOR, employerKey, OPERATOR, PoolHttp } from './pool-http.js';

export { AUDITOR, employerKey, OPERATOR, PoolHttp } from './pool-http.js';

// ---------------------------------------------------------------------------------------------
// Dates: ISO weeks and the four-week pay periods (period n of a year is ISO weeks 4n−3 to 4n, the
// thirteenth also week 53), computed here so the tests do not lean on the code they test.

const DAY_MS = 86_400_000;
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => toDay(new Date(toDate(day).getTime() + days * DAY_MS));

/** The Monday of ISO week 1: the week with 4 January in it. */
const mondayOfWeekOne = (year: number) => {
  const january4 = `${year}-01-04`;
  return addDays(january4, -((toDate(january4).getUTCDay() + 6) % 7));
};
const weeksInYear = (year: number) => (addDays(mondayOfWeekOne(year), 52 * 7) < mondayOfWeekOne(year + 1) ? 53 : 52);

/** The seven days of an ISO week such as `2026-W07`, Monday first. */
export function daysOfWeek(week: string): string[] {
  const [, year, number] = /^(\d{4})-W(\d\d)$/.exec(week)!;
  const monday = addDays(mondayOfWeekOne(Number(year)), (Number(number) - 1) * 7);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export interface PayPeriod {
  id: string;
  from: string;
  to: string;
  weeks: string[];
}

/** A four-week pay period such as `2026-P02`: its days and ISO weeks. */
export function fourWeekPeriod(id: string): PayPeriod {
  const [, year, number] = /^(\d{4})-P(\d\d)$/.exec(id)!;
  const last = Number(number) === 13 ? weeksInYear(Number(year)) : Number(number) * 4;
  const weeks = Array.from(
    { length: last - (Number(number) - 1) * 4 },
    (_, i) => `${year}-W${String((Number(number) - 1) * 4 + i + 1).padStart(2, '0')}`,
  );
  return { id, from: daysOfWeek(weeks[0])[0], to: daysOfWeek(weeks.at(-1)!)[6], weeks };
}

// ---------------------------------------------------------------------------------------------
// Rules and CAOs.

export const MINIMUM_YOUTH_BP = { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 } as const;

export interface MinimumWagePeriod {
  from: string;
  until: string;
  adultHourlyCents: number;
}

/** The shipped minimum wage the default world is paid under (`rule-tables.seed.ts`; adult age 21). */
export const SHIPPED_MINIMUM_WAGE: readonly MinimumWagePeriod[] = [
  { from: '2025-07-01', until: '2025-12-31', adultHourlyCents: 1440 },
  { from: '2026-01-01', until: '2026-06-30', adultHourlyCents: 1471 },
];

/** Publishes a period of the minimum wage with the statutory youth percentages; illustrative figures. */
export function publishMinimumWage(
  http: PoolHttp,
  { from, until, adultHourlyCents }: MinimumWagePeriod,
  title = 'Illustrative figure for a test',
) {
  return http.post('/rules/minimum-wage', {
    effectiveFrom: from,
    effectiveUntil: until,
    values: { adultHourlyCents, adultAge: 21, youthBp: MINIMUM_YOUTH_BP },
    source: { title, url: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon' },
  });
}

export interface CaoFigures {
  /** Cents an hour per step, per scale. */
  wageScales: Record<string, readonly number[]>;
  youthBp?: Record<number, number>;
  holidayPayBp?: number;
  overtimeBp?: number;
  pensionPremium?: { employeeBp: number; employerBp: number };
}

/** The content of an illustrative CAO version (not from a published CAO): 38 hours full time, no time bands. */
export const caoContent = ({ wageScales, youthBp, holidayPayBp = 800, overtimeBp, pensionPremium }: CaoFigures) => ({
  wageScales,
  ...(youthBp && { youthBp }),
  surcharges: { timeBands: [], publicHolidayBp: 10000, ...(overtimeBp !== undefined && { overtimeBp }) },
  holidayPayBp,
  ...(pensionPremium && { pensionPremium }),
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
});

/** Registers a CAO and publishes its versions, oldest first. */
export async function publishCao(http: PoolHttp, code: string, versions: { effectiveFrom: string; figures: CaoFigures }[]) {
  await http.post('/caos', { code, name: `CAO ${code} (illustrative)` });
  for (const { effectiveFrom, figures } of versions)
    await http.post(`/caos/${code}/versions`, { effectiveFrom, content: caoContent(figures) });
}

/** Publishes one more version of a registered CAO. */
export const publishCaoVersion = (http: PoolHttp, code: string, effectiveFrom: string, figures: CaoFigures) =>
  http.post(`/caos/${code}/versions`, { effectiveFrom, content: caoContent(figures) });

/** Corrects a published version from its effective date (a retroactive change: the next pay run settles the differences). */
export const correctCaoVersion = (http: PoolHttp, code: string, effectiveFrom: string, figures: CaoFigures, reason: string) =>
  http.post(`/caos/${code}/corrections`, { effectiveFrom, content: caoContent(figures), reason });

export interface RateAgreement {
  agreementId?: string;
  from: string;
  rate: { kind: 'factor'; factorBp: number } | { kind: 'fixed'; hourlyCents: number };
  gAccountShareBp?: number;
}

/** Agrees a rate for all of a hirer's placements (operator). */
export const agreeRate = (http: PoolHttp, employerId: string, { gAccountShareBp = 0, ...agreement }: RateAgreement) =>
  http.post(`/employers/${employerId}/rate-agreements`, { scope: { kind: 'employer' }, gAccountShareBp, ...agreement });

// ---------------------------------------------------------------------------------------------
// Hirers, workers, placements.

export interface Hirer {
  employerId: string;
  caoCode: string;
  /** From when it applies the CAO and classifies the function. */
  from: string;
  /** From when it is a member; default `from`. */
  memberFrom?: string;
  siteId?: string;
  area?: string;
  functionName?: string;
  scale?: string;
}

/** A member employer under a CAO with one site and one classified function. */
export async function registerHirer(
  http: PoolHttp,
  { employerId, caoCode, from, memberFrom = from, siteId = 'hengelo', area = 'hengelo', functionName = 'schoonmaker', scale = 'A' }: Hirer,
) {
  await http.post('/employers', { employerId, name: employerId, memberFrom });
  await http.post(`/employers/${employerId}/cao-applications`, { caoCode, from });
  await http.post(`/employers/${employerId}/sites`, { siteId, name: `${employerId} ${siteId}`, area });
  await http.post(`/employers/${employerId}/function-classifications`, { functionName, scale, from });
}

export interface Worker {
  workerId: string;
  /** Default: the worker's id. */
  name?: string;
  birthDate: string;
  /** Where the worker lives, given instead of the home area Hengelo (so the location is personal data too). */
  postcode?: string;
  /** The first day of the indefinite contract `c1`. */
  contractFrom: string;
  guaranteedHoursPerWeek?: number;
  maxHoursPerWeek?: number;
  availableHoursPerWeek?: number;
  targetGroup?: { inRegister: boolean; wageValueBp?: number; validFrom?: string };
}

/** A worker in Hengelo who cleans, with an indefinite contract `c1`. */
export async function registerWorker(http: PoolHttp, worker: Worker) {
  const {
    workerId,
    name = workerId,
    birthDate,
    postcode,
    contractFrom,
    guaranteedHoursPerWeek = 0,
    maxHoursPerWeek = 32,
    availableHoursPerWeek = 40,
    targetGroup,
  } = worker;
  await http.post('/workers', {
    workerId,
    name,
    birthDate,
    ...(postcode ? { postcode } : { homeArea: 'hengelo' }),
    skills: ['cleaning'],
    availability: { hoursPerWeek: availableHoursPerWeek },
    ...(targetGroup && { targetGroup }),
  });
  await http.post(`/workers/${workerId}/contracts`, {
    contractId: 'c1',
    kind: 'indefinite',
    from: contractFrom,
    guaranteedHoursPerWeek,
    maxHoursPerWeek,
  });
}

export interface Placement {
  placementId: string;
  workerId: string;
  employerId: string;
  from: string;
  to: string;
  hoursPerWeek?: number;
  legalForm?: 'payroll' | 'secondment';
  siteId?: string;
  functionName?: string;
}

/** Proposes a placement (the operator confirms it with a step later, or never). */
export function proposePlacement(
  http: PoolHttp,
  {
    placementId,
    workerId,
    employerId,
    from,
    to,
    hoursPerWeek = 16,
    legalForm = 'payroll',
    siteId = 'hengelo',
    functionName = 'schoonmaker',
  }: Placement,
) {
  return http.post('/placements', {
    placementId,
    workerId,
    employerId,
    siteId,
    functionName,
    legalForm,
    hoursPerWeek,
    period: { from, to },
  });
}

/** Proposes a placement and confirms it at a step of the function's scale. */
export async function placeWorker(http: PoolHttp, placement: Placement & { step: number }) {
  await proposePlacement(http, placement);
  return http.post(`/placements/${placement.placementId}/confirmation`, { step: placement.step });
}

/**
 * A test's own worker beside the world's: registered (contract `c1`), placed, and one week's hours
 * registered, submitted and approved by the hirer, before the pay runs.
 */
export async function addWorkingWorker(
  http: PoolHttp,
  {
    placement,
    week,
    hours,
    ...worker
  }: Worker & { placement: Omit<Placement, 'workerId'> & { step: number }; week: string; hours: readonly HoursLine[] },
) {
  await registerWorker(http, worker);
  await placeWorker(http, { ...placement, workerId: worker.workerId });
  const sheet = timesheetIdOf(placement.placementId, week);
  await registerWeekHours(http, sheet, hours);
  await submitSheet(http, sheet);
  await approveSheet(http, sheet, placement.employerId);
}

// ---------------------------------------------------------------------------------------------
// Hours, approvals, pay runs.

export interface HoursLine {
  day: string;
  start: string;
  end: string;
  breakMinutes: number;
  hourType: 'normal';
}

/** A line of normal hours on a day, `start`–`end` with an unpaid break. */
export const hoursLine = (day: string, start: string, end: string, breakMinutes = 0): HoursLine => ({
  day,
  start,
  end,
  breakMinutes,
  hourType: 'normal',
});

/** Paid minutes of a line. */
export const minutesOf = ({ start, end, breakMinutes }: Pick<HoursLine, 'start' | 'end' | 'breakMinutes'>) => {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return minutes(end) - minutes(start) - breakMinutes;
};

/** The sheet of a placement's week: `<placementId>-<YYYY-Www>`. */
export const timesheetIdOf = (placementId: string, week: string) => `${placementId}-${week}`;

/** Registers (replaces) the lines of a week's sheet, as the operator or a hirer. */
export const registerWeekHours = (http: PoolHttp, timesheetId: string, lines: readonly HoursLine[], key = OPERATOR) =>
  http.put(`/timesheets/${timesheetId}/hours`, { lines }, key);

/** Submits a sheet for the hirer's approval. */
export const submitSheet = (http: PoolHttp, timesheetId: string, key = OPERATOR) =>
  http.post(`/timesheets/${timesheetId}/submission`, {}, key);

/** The hirer approves one sheet. */
export const approveSheet = (http: PoolHttp, timesheetId: string, employerId: string) =>
  http.post(`/timesheets/${timesheetId}/approval`, {}, employerKey(employerId));

/** The hirer approves every submitted sheet of its placements in one ISO week; the answer (accepted, refused). */
export const approveWeek = (http: PoolHttp, employerId: string, week: string) =>
  http.post('/timesheets/approvals', { employerId, week }, employerKey(employerId));

/** Starts the pay run of a period and finalizes it; both answers. */
export async function runAndFinalize(http: PoolHttp, period: string) {
  const started = await http.post('/pay-runs', { period });
  const finalized = await http.post(`/pay-runs/${period}/finalization`);
  return { started, finalized };
}

// ---------------------------------------------------------------------------------------------
// The world.

/** The CAOs of the world, as published (from `CAO_FROM`). */
export const WORLD_CAOS = {
  schoonmaak: { wageScales: { A: [1450, 1650] }, youthBp: { 16: 4000, 17: 5000, 18: 6000, 19: 7000, 20: 8500 }, holidayPayBp: 800 },
  groen: { wageScales: { B: [1720, 1810] }, holidayPayBp: 800, pensionPremium: { employeeBp: 750, employerBp: 1500 } },
} as const satisfies Record<string, CaoFigures>;
export const CAO_FROM = '2025-07-01';

export const WORLD_HIRERS = [
  { employerId: 'visschedijk', caoCode: 'schoonmaak', functionName: 'schoonmaker', scale: 'A' },
  { employerId: 'waarbeek', caoCode: 'groen', functionName: 'hovenier', scale: 'B' },
] as const;

/** Which days of each week (0 = Monday) a worker works, and when. */
export const WEEK_PATTERN = {
  anna: [
    { weekday: 0, start: '08:00', end: '12:00', breakMinutes: 0 },
    { weekday: 2, start: '08:00', end: '12:00', breakMinutes: 0 },
  ],
  joris: [
    { weekday: 0, start: '13:00', end: '17:00', breakMinutes: 0 },
    { weekday: 3, start: '13:00', end: '17:00', breakMinutes: 0 },
  ],
  sem: [
    { weekday: 1, start: '08:00', end: '13:00', breakMinutes: 0 },
    { weekday: 4, start: '08:00', end: '13:00', breakMinutes: 0 },
  ],
  lotte: [{ weekday: 1, start: '08:00', end: '16:30', breakMinutes: 30 }],
} as const;

export interface WorldWorker {
  workerId: keyof typeof WEEK_PATTERN;
  employerId: string;
  placementId: string;
  step: number;
  birthDate: string;
  /** Sem's register status: in the register with a wage value, from the first day of the world. */
  targetGroup?: { inRegister: true; wageValueBp: number; validFrom: string };
}

/** One registered (and approved, and paid) day. */
export interface RegisteredDay extends HoursLine {
  workerId: string;
  employerId: string;
  placementId: string;
  timesheetId: string;
  week: string;
  periodId: string;
  minutes: number;
}

export interface PayrollWorldOptions {
  /** Consecutive four-week pay periods, in order; each is run and finalized. Default 2026-P02 and 2026-P03. */
  periods?: readonly string[];
  /** How many of each period's first weeks get hours. Default 2. */
  weeksPerPeriod?: number;
  /** Minimum-wage periods to publish first (the shipped table ends on 30 June 2026). */
  minimumWage?: readonly MinimumWagePeriod[];
  /** Leave the last period's run calculated, not finalized. Default false. */
  leaveLastOpen?: boolean;
  /** Runs after the hours are approved and before the first pay run (e.g. to record rate agreements). */
  beforePayRuns?: (http: PoolHttp) => Promise<unknown>;
}

export interface PayrollWorld {
  http: PoolHttp;
  keys: { operator: string; auditor: string; hirers: Record<string, string> };
  periods: PayPeriod[];
  hirers: typeof WORLD_HIRERS;
  workers: WorldWorker[];
  caos: typeof WORLD_CAOS;
  /** The shipped rows and those published, oldest first. */
  minimumWage: MinimumWagePeriod[];
  hours: RegisteredDay[];
  payRuns: { periodId: string; position: string; lockedTimesheets: number }[];
  /** The last command's position, to `waitFor` (also `http.lastPosition`, which moves on). */
  lastPosition: string;
}

const worldWorkers = (first: PayPeriod, firstWeek: string): WorldWorker[] => {
  const wednesday = daysOfWeek(firstWeek)[2];
  return [
    { workerId: 'anna', employerId: 'visschedijk', placementId: 'anna-visschedijk', step: 0, birthDate: '1990-04-12' },
    // Turns 18 on the Wednesday of the first week: his Monday is paid at 17, his Thursday at 18.
    {
      workerId: 'joris',
      employerId: 'visschedijk',
      placementId: 'joris-visschedijk',
      step: 1,
      birthDate: `${Number(wednesday.slice(0, 4)) - 18}${wednesday.slice(4)}`,
    },
    {
      workerId: 'sem',
      employerId: 'waarbeek',
      placementId: 'sem-waarbeek',
      step: 0,
      birthDate: '1985-09-20',
      targetGroup: { inRegister: true, wageValueBp: 6000, validFrom: first.from },
    },
    { workerId: 'lotte', employerId: 'waarbeek', placementId: 'lotte-waarbeek', step: 1, birthDate: '1978-06-03' },
  ];
};

/** The days a worker works in the first weeks of each period, per its `WEEK_PATTERN`. */
const plannedDays = (workers: WorldWorker[], periods: PayPeriod[], weeksPerPeriod: number): RegisteredDay[] =>
  periods.flatMap((period) =>
    period.weeks.slice(0, weeksPerPeriod).flatMap((week) =>
      workers.flatMap(({ workerId, employerId, placementId }) =>
        WEEK_PATTERN[workerId].map(({ weekday, start, end, breakMinutes }) => {
          const line = hoursLine(daysOfWeek(week)[weekday], start, end, breakMinutes);
          return {
            ...line,
            workerId,
            employerId,
            placementId,
            week,
            periodId: period.id,
            timesheetId: timesheetIdOf(placementId, week),
            minutes: minutesOf(line),
          };
        }),
      ),
    ),
  );

/** Each sheet registered and submitted by the operator, then each hirer approves its weeks in one go. */
async function registerAndApprove(http: PoolHttp, hours: RegisteredDay[]) {
  for (const timesheetId of new Set(hours.map((day) => day.timesheetId))) {
    const lines = hours
      .filter((day) => day.timesheetId === timesheetId)
      .map(({ day, start, end, breakMinutes }) => hoursLine(day, start, end, breakMinutes));
    await registerWeekHours(http, timesheetId, lines);
    await submitSheet(http, timesheetId);
  }
  const hirerWeeks = new Set(hours.map((day) => `${day.employerId} ${day.week}`));
  for (const hirerWeek of hirerWeeks) {
    const [employerId, week] = hirerWeek.split(' ');
    const answer = await approveWeek(http, employerId, week);
    if (answer.refused.length > 0) throw new Error(`approving ${hirerWeek} refused ${JSON.stringify(answer.refused)}`);
  }
}

/** Builds the world described at the top of this file on a started API (four-week pay periods). */
export async function buildPayrollWorld(app: INestApplication, options: PayrollWorldOptions = {}): Promise<PayrollWorld> {
  const { weeksPerPeriod = 2, minimumWage = [], leaveLastOpen = false } = options;
  const periods = (options.periods ?? ['2026-P02', '2026-P03']).map(fourWeekPeriod);
  const http = new PoolHttp(app);
  const [from, to] = [periods[0].from, periods.at(-1)!.to];

  for (const period of minimumWage) await publishMinimumWage(http, period);
  for (const [code, figures] of Object.entries(WORLD_CAOS)) await publishCao(http, code, [{ effectiveFrom: CAO_FROM, figures }]);
  for (const hirer of WORLD_HIRERS) await registerHirer(http, { ...hirer, from: CAO_FROM });
  const workers = worldWorkers(periods[0], periods[0].weeks[0]);
  for (const worker of workers) {
    await registerWorker(http, { ...worker, contractFrom: from });
    const { functionName } = WORLD_HIRERS.find((hirer) => hirer.employerId === worker.employerId)!;
    await placeWorker(http, { ...worker, functionName, from, to });
  }
  const hours = plannedDays(workers, periods, weeksPerPeriod);
  await registerAndApprove(http, hours);
  await options.beforePayRuns?.(http);

  const payRuns: PayrollWorld['payRuns'] = [];
  for (const [i, period] of periods.entries()) {
    if (leaveLastOpen && i === periods.length - 1) {
      await http.post('/pay-runs', { period: period.id });
      payRuns.push({ periodId: period.id, position: http.lastPosition, lockedTimesheets: 0 });
    } else {
      const { finalized } = await runAndFinalize(http, period.id);
      payRuns.push({ periodId: period.id, position: finalized.position, lockedTimesheets: finalized.lockedTimesheets });
    }
  }
  return {
    http,
    keys: {
      operator: OPERATOR,
      auditor: AUDITOR,
      hirers: Object.fromEntries(WORLD_HIRERS.map(({ employerId }) => [employerId, employerKey(employerId)])),
    },
    periods,
    hirers: WORLD_HIRERS,
    workers,
    caos: WORLD_CAOS,
    minimumWage: [...SHIPPED_MINIMUM_WAGE, ...minimumWage],
    hours,
    payRuns,
    lastPosition: http.lastPosition,
  };
}
