import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import {
  AUDITOR,
  buildPayrollWorld,
  daysOfWeek,
  employerKey,
  hoursLine,
  OPERATOR,
  placeWorker,
  registerWeekHours,
  registerWorker,
  submitSheet,
  type PayrollWorld,
} from './support/payroll-world.js';

/**
 * The banenafspraak statement per hirer and quarter over HTTP, on the shared payroll world: its pay
 * runs 2026-P02 and P03 (ISO weeks 5 to 12) lie in 2026-Q1, which has the 13 weeks 2026-W01 to W13
 * (1 January 2026 is a Thursday, 2 April the Thursday of W14). Sem is in the target-group register
 * at De Waarbeek from the world's first day. Added here: Anna (Visschedijk) is recorded in the
 * register from that day until Monday 23 February (W09), so her Wednesday of W09 and her week 10 do
 * not count; Noor, in the register, is placed at De Waarbeek but her week 11 is rejected and her
 * week 12 never submitted.
 */
const QUARTER = '2026-Q1';
const QUARTER_WEEKS = Array.from({ length: 13 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`);
const ANNA_UNTIL = '2026-02-23';

/** numerator / denominator with two decimals, rounded half up, on integers (the test's own arithmetic). */
const twoDecimals = (numerator: number, denominator: number) => {
  const hundredths = Math.floor((200 * numerator + denominator) / (2 * denominator));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
};
const hours = (minutes: number) => twoDecimals(minutes, 60);
/** 25.5 hours a week is one job, averaged over `weeks` weeks. */
const jobs = (minutes: number, weeks: number) => twoDecimals(minutes, 1530 * weeks);

interface Figure {
  minutes: number;
  hours: string;
  jobs: string;
}
interface Statement {
  employerId: string;
  quarter: string;
  from: string;
  to: string;
  weekCount: number;
  totals: Figure & { workers: number };
  weeks: (Figure & { week: string; workers: number })[];
  workers: (Figure & { workerId: string; name: string; weeks: (Figure & { week: string })[] })[];
}

describe('the banenafspraak statement per hirer per quarter', () => {
  let app: INestApplication;
  let world: PayrollWorld;
  const statementPath = (employerId: string, query = `quarter=${QUARTER}`) =>
    `/employers/${employerId}/banenafspraak-statement?${query}&purpose=banenafspraak_audit`;
  const statementOf = async (employerId: string, key = OPERATOR): Promise<Statement> => world.http.read(statementPath(employerId), key);
  const statusOf = async (employerId: string, key: string, query?: string) =>
    (await world.http.as(key).get(statementPath(employerId, query))).status;

  /** What the statement must hold for one worker: the approved minutes of the days `counts`, per week. */
  const expectedWeeks = (workerId: string, counts: (day: string) => boolean) => {
    const byWeek = new Map<string, number>();
    for (const day of world.hours.filter((d) => d.workerId === workerId && counts(d.day)))
      byWeek.set(day.week, (byWeek.get(day.week) ?? 0) + day.minutes);
    return [...byWeek].map(([week, minutes]) => ({ week, minutes, hours: hours(minutes), jobs: jobs(minutes, 1) }));
  };
  const totalOf = (weeks: { minutes: number }[]) => weeks.reduce((sum, w) => sum + w.minutes, 0);

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app);
    const { http, periods } = world;
    const first = periods[0].from;
    await http.post('/workers/anna/target-group-status', { inRegister: true, validFrom: first, validUntil: ANNA_UNTIL });

    await registerWorker(http, { workerId: 'noor', birthDate: '1992-02-02', contractFrom: first, targetGroup: { inRegister: true } });
    await placeWorker(http, {
      placementId: 'noor-waarbeek',
      workerId: 'noor',
      employerId: 'waarbeek',
      functionName: 'hovenier',
      step: 0,
      from: first,
      to: periods.at(-1)!.to,
    });
    const fullDay = (week: string) => [hoursLine(daysOfWeek(week)[1], '08:00', '16:30', 30)];
    await registerWeekHours(http, 'noor-waarbeek-2026-W11', fullDay('2026-W11'));
    await submitSheet(http, 'noor-waarbeek-2026-W11');
    await http.post('/timesheets/noor-waarbeek-2026-W11/rejection', { reason: 'Tuesday was not worked' }, employerKey('waarbeek'));
    await registerWeekHours(http, 'noor-waarbeek-2026-W12', fullDay('2026-W12'));
  }, 180_000);
  afterAll(() => app?.close());

  it('counts the approved hours of a target-group worker per week of the quarter, and the jobs they make', async () => {
    const statement = await statementOf('waarbeek');
    const sem = expectedWeeks('sem', () => true);
    const minutes = totalOf(sem);
    expect(minutes).toBeGreaterThan(0);
    expect(statement).toMatchObject({ employerId: 'waarbeek', quarter: QUARTER, from: '2025-12-29', to: '2026-03-29', weekCount: 13 });
    // Lotte is not in the register; Noor's rejected and unsubmitted weeks count nothing.
    expect(statement.workers).toEqual([
      {
        workerId: 'sem',
        name: 'sem',
        minutes,
        hours: hours(minutes),
        jobs: jobs(minutes, 13),
        weeks: sem.map((w) => expect.objectContaining(w)),
      },
    ]);
    expect(statement.totals).toEqual({ minutes, hours: hours(minutes), jobs: jobs(minutes, 13), workers: 1 });
    expect(statement.weeks.map((w) => w.week)).toEqual(QUARTER_WEEKS);
    expect(statement.weeks.filter((w) => w.minutes > 0)).toEqual(sem.map((w) => ({ ...w, weekStart: expect.any(String), workers: 1 })));
  });

  it('matches the hours the finalized pay runs paid the worker at that hirer', async () => {
    let paid = 0;
    for (const { periodId } of world.payRuns) {
      const exported = (await world.http.read(`/pay-runs/${periodId}/export`)) as {
        rows: { workerId: string; costCentre: string; component: string; minutes: number }[];
      };
      for (const row of exported.rows)
        if (row.workerId === 'sem' && row.costCentre === 'waarbeek' && row.component === 'wage') paid += row.minutes;
    }
    expect((await statementOf('waarbeek')).totals.minutes).toBe(paid);
  });

  it('counts a worker whose register entry ends mid-quarter only on the days it holds, mid-week too', async () => {
    const statement = await statementOf('visschedijk');
    const anna = expectedWeeks('anna', (day) => day <= ANNA_UNTIL);
    const minutes = totalOf(anna);
    // Weeks 5 and 6 whole, of week 9 only Monday 23 February, week 10 not at all; Joris is not in the register.
    expect(anna.map((w) => w.week)).toEqual(['2026-W05', '2026-W06', '2026-W09']);
    expect(minutes).toBeLessThan(totalOf(expectedWeeks('anna', () => true)));
    expect(statement.workers).toEqual([
      {
        workerId: 'anna',
        name: 'anna',
        minutes,
        hours: hours(minutes),
        jobs: jobs(minutes, 13),
        weeks: anna.map((w) => expect.objectContaining(w)),
      },
    ]);
    expect(statement.totals).toEqual({ minutes, hours: hours(minutes), jobs: jobs(minutes, 13), workers: 1 });
  });

  it('gives an empty statement for a quarter without approved hours', async () => {
    const statement: Statement = await world.http.read(statementPath('waarbeek', 'quarter=2027-Q1'));
    expect(statement).toMatchObject({ weekCount: 12, totals: { minutes: 0, hours: '0.00', jobs: '0.00', workers: 0 }, workers: [] });
  });

  it('lets an employer read its own statement only; operators and auditors read any', async () => {
    expect((await statementOf('waarbeek', employerKey('waarbeek'))).totals.workers).toBe(1);
    expect((await statementOf('visschedijk', AUDITOR)).totals.workers).toBe(1);
    expect(await statusOf('visschedijk', employerKey('waarbeek'))).toBe(403);
    expect(await statusOf('no-such-hirer', employerKey('waarbeek'))).toBe(403);
    expect(await statusOf('no-such-hirer', OPERATOR)).toBe(404);
  });

  it('refuses a quarter that is not YYYY-Qn, or none, with a 400', async () => {
    for (const query of ['quarter=2026-Q5', 'quarter=2026Q1', 'quarter=2026-03', '', 'quarter=2026-Q1&format=xml'])
      expect([query, await statusOf('waarbeek', OPERATOR, query)]).toEqual([query, 400]);
  });

  it('writes CSV: a row per worker and week, the worker’s total, each week’s total and the quarter’s', async () => {
    const response = await world.http
      .as(employerKey('waarbeek'))
      .get(statementPath('waarbeek', `quarter=${QUARTER}&format=csv`))
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="banenafspraak-waarbeek-${QUARTER}.csv"`);
    const rows = response.text
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const sem = expectedWeeks('sem', () => true);
    const minutes = totalOf(sem);
    expect(rows[0]).toEqual([
      'row',
      'employer_id',
      'quarter',
      'week',
      'week_start',
      'worker_id',
      'worker_name',
      'minutes',
      'hours',
      'jobs',
    ]);
    const pick = (kind: string) => rows.filter((r) => r[0] === kind).map((r) => [r[3], r[5], r[7], r[8], r[9]].join(' '));
    expect(pick('worker_week')).toEqual(sem.map((w) => `${w.week} sem ${w.minutes} ${w.hours} ${w.jobs}`));
    expect(pick('worker_total')).toEqual([` sem ${minutes} ${hours(minutes)} ${jobs(minutes, 13)}`]);
    expect(pick('week_total').map((r) => r.split(' ')[0])).toEqual(QUARTER_WEEKS);
    expect(pick('quarter_total')).toEqual([`  ${minutes} ${hours(minutes)} ${jobs(minutes, 13)}`]);
    expect(rows.at(-1)![0]).toBe('quarter_total');
  });
});
