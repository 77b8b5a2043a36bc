import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import * as pool from './support/payroll-world.js';

// The acceptance scenario of the payroll half over HTTP, with the default four-week pay period:
// 2026-P13 is ISO weeks 49–53, 30 November 2026 to 3 January 2027, so it crosses 1 January;
// 2027-P01 follows from 4 January. Every expected amount below is computed from the figures this
// test publishes, never copied from an answer.

/** The minimum wage after 30 June 2026 was not published when this was written: illustrative figures for a test. */
const MINIMUM_WAGE = { '2026-07-01': 1500, '2027-01-01': 1540 } as const;
const minimumWagePeriod = (from: keyof typeof MINIMUM_WAGE, until: string) => ({ from, until, adultHourlyCents: MINIMUM_WAGE[from] });

/**
 * Illustrative CAO (not from a published CAO). Scale A step 0 lies below the minimum wage, so a
 * worker there earns the minimum wage; step 1 lies above it. The version from 14 December (inside
 * 2026-P13) is corrected after that period is paid: step 1 was registered as 16,10 and is 16,50.
 */
const CAO_YOUTH_BP = { 17: 5000, 18: 6000, 19: 7000, 20: 8500 } as const;
const SCALE_A = { january: [1480, 1600], december: [1480, 1610], corrected: [1480, 1650] } as const;
const VERSION_FROM = { january: '2026-01-01', december: '2026-12-14' } as const;
const HOLIDAY_PAY_BP = 800;
const schoonmaak = (scaleA: readonly number[]) => ({ wageScales: { A: scaleA }, youthBp: CAO_YOUTH_BP, holidayPayBp: HOLIDAY_PAY_BP });

/** Basis points of an amount in cents, rounded half up (the amounts here are positive). */
const share = (cents: number, bp: number) => Math.floor((cents * bp + 5000) / 10000);
/** The wage of a day: the CAO's (with its youth percentage) against the minimum wage for the age, the higher one. */
const wageOf = ({ scaleCents, age, minimumCents }: { scaleCents: number; age: 17 | 18 | 'adult'; minimumCents: number }) =>
  age === 'adult'
    ? Math.max(scaleCents, minimumCents)
    : Math.max(share(scaleCents, CAO_YOUTH_BP[age]), share(minimumCents, pool.MINIMUM_YOUTH_BP[age]));

const OPERATOR = 'demo-operator';
const VISSCHEDIJK = 'demo-employer-visschedijk';
const SCHOONHUIS = 'demo-employer-schoonhuis';

/** Four hours, 08:00–12:00 without a break. */
const FOUR_HOURS = 4;
const morning = (day: string) => pool.hoursLine(day, '08:00', '12:00');

/**
 * Joris (born 10 December 2008) cleans for Visschedijk at scale A step 1 in December 2026 and turns
 * 18 on Thursday 10 December. Anna (an adult) cleans for Schoonhuis at step 0, below the minimum
 * wage, from 1 December 2026 into January 2027.
 */
const JORIS_DAYS = {
  'joris-vd-2026-W50': ['2026-12-07', '2026-12-09', '2026-12-10', '2026-12-11'],
  'joris-vd-2026-W51': ['2026-12-14', '2026-12-16'],
} as const;
const ANNA_SHEET = 'anna-sh-2026-W53';
const ANNA_DAYS = ['2026-12-30', '2027-01-02'] as const;

interface StatementLine {
  hourlyWage: { cents: number };
  wageSource: string;
  amounts: { wage: { cents: number }; holidayAllowance: { cents: number } };
}
interface Statement {
  days: { day: string; hours: string; lines: StatementLine[] }[];
  differences: {
    periodId: string;
    day: string;
    source: string;
    paidHours: string;
    dueHours: string;
    difference: { wage: { cents: number }; holidayAllowance: { cents: number } };
    reasons: string[];
  }[];
  totals: { gross: { cents: number } };
}
interface ExportRow {
  workerId: string;
  costCentre: string;
  component: string;
  hours: string | null;
  amountCents: number;
}

describe('the payroll scenario over HTTP: hours → approval → pay run → export, birthdays, 1 January, a retroactive CAO correction', () => {
  let app: INestApplication;
  let http: pool.PoolHttp;
  const as = (key: string) => http.as(key);
  const post = (path: string, body: object = {}, key = OPERATOR) => http.post(path, body, key);
  const statement = (payRunId: string, workerId: string): Promise<Statement> => http.read(`/pay-runs/${payRunId}/workers/${workerId}`);
  const exported = async (payRunId: string): Promise<ExportRow[]> => (await http.read(`/pay-runs/${payRunId}/export?format=json`)).rows;
  const sheet = (timesheetId: string, key = OPERATOR) => http.read(`/timesheets/${timesheetId}`, key);

  /** Joris's wage on a day of 2026-P13, as the CAO and minimum wage published before the run say. */
  const jorisWage = (day: string) =>
    wageOf({
      scaleCents: day >= VERSION_FROM.december ? SCALE_A.december[1] : SCALE_A.january[1],
      age: day >= '2026-12-10' ? 18 : 17,
      minimumCents: MINIMUM_WAGE['2026-07-01'],
    });
  const annaWage = (day: string) =>
    wageOf({
      scaleCents: SCALE_A.january[0],
      age: 'adult',
      minimumCents: day >= '2027-01-01' ? MINIMUM_WAGE['2027-01-01'] : MINIMUM_WAGE['2026-07-01'],
    });

  beforeAll(async () => {
    app = await startTestApi({ PAY_PERIOD: 'four_weeks' });
    http = new pool.PoolHttp(app);
    const title = 'Illustrative figure for a test (not published)';
    await pool.publishMinimumWage(http, minimumWagePeriod('2026-07-01', '2026-12-31'), title);
    await pool.publishMinimumWage(http, minimumWagePeriod('2027-01-01', '2027-06-30'), title);
    await pool.publishCao(http, 'schoonmaak', [
      { effectiveFrom: VERSION_FROM.january, figures: schoonmaak(SCALE_A.january) },
      { effectiveFrom: VERSION_FROM.december, figures: schoonmaak(SCALE_A.december) },
    ]);
    for (const employerId of ['visschedijk', 'schoonhuis'])
      await pool.registerHirer(http, { employerId, caoCode: 'schoonmaak', from: '2026-01-01' });
    // No guaranteed hours: the pool owes no top-ups, so the runs pay exactly the approved hours.
    for (const [workerId, birthDate] of [
      ['joris', '2008-12-10'],
      ['anna', '1990-04-12'],
    ]) {
      await pool.registerWorker(http, { workerId, birthDate, contractFrom: '2026-11-01', maxHoursPerWeek: 24, availableHoursPerWeek: 24 });
    }
    for (const [placementId, workerId, employerId, to, step] of [
      ['joris-vd', 'joris', 'visschedijk', '2026-12-31', 1],
      ['anna-sh', 'anna', 'schoonhuis', '2027-01-29', 0],
    ] as const) {
      await pool.placeWorker(http, { placementId, workerId, employerId, hoursPerWeek: 16, from: '2026-12-01', to, step });
    }
  });
  afterAll(() => app?.close());

  it('registers the hours, submits them, and each hirer approves its own: one by one, or a week in one go', async () => {
    for (const [timesheetId, days] of Object.entries(JORIS_DAYS)) {
      await pool.registerWeekHours(http, timesheetId, days.map(morning));
      await pool.submitSheet(http, timesheetId);
    }
    // The hirer itself registers and submits Anna's week.
    await pool.registerWeekHours(http, ANNA_SHEET, ANNA_DAYS.map(morning), SCHOONHUIS);
    await pool.submitSheet(http, ANNA_SHEET, SCHOONHUIS);

    for (const week of ['2026-W50', '2026-W51']) {
      const bulk = await pool.approveWeek(http, 'visschedijk', week);
      expect(bulk).toMatchObject({ accepted: [{ timesheetId: `joris-vd-${week}` }], refused: [] });
    }
    await pool.approveSheet(http, ANNA_SHEET, 'schoonhuis');

    expect(await sheet('joris-vd-2026-W50', VISSCHEDIJK)).toMatchObject({ status: 'approved', approved: { approvedVersion: 1 } });
    // Approved by the hirer itself, not by an operator on its behalf.
    const anna = await sheet(ANNA_SHEET, SCHOONHUIS);
    expect(anna).toMatchObject({ status: 'approved', approved: { by: 'employer:demo@schoonhuis' } });
    expect(anna.approved.onBehalfOf).toBeUndefined();
  });

  it('lets an employer key neither see nor approve another employer’s timesheets (403), nor start a pay run', async () => {
    await as(VISSCHEDIJK).get(`/timesheets/${ANNA_SHEET}`).expect(403);
    await as(VISSCHEDIJK).get(`/timesheets?employerId=schoonhuis&waitFor=${http.lastPosition}`).expect(403);
    const own = await http.read('/timesheets', VISSCHEDIJK);
    expect(own.items.map((item: { timesheetId: string }) => item.timesheetId).sort()).toEqual(Object.keys(JORIS_DAYS));

    // A sheet of Schoonhuis awaiting approval: Visschedijk may not decide on it, and nothing changes.
    const pending = 'anna-sh-2027-W01';
    await pool.registerWeekHours(http, pending, [morning('2027-01-04')], SCHOONHUIS);
    await pool.submitSheet(http, pending, SCHOONHUIS);
    const before = await sheet(pending);
    await as(VISSCHEDIJK).post(`/timesheets/${pending}/approval`).expect(403);
    await as(VISSCHEDIJK).post(`/timesheets/${pending}/rejection`).send({ reason: 'Not ours to judge' }).expect(403);
    await as(VISSCHEDIJK).post('/timesheets/approvals').send({ employerId: 'schoonhuis', week: '2027-W01' }).expect(403);
    expect(await sheet(pending)).toEqual({ ...before, status: 'submitted' });
    await pool.approveSheet(http, pending, 'schoonhuis');

    await as(VISSCHEDIJK).post('/pay-runs').send({ period: '2026-P13' }).expect(403);
    await as(VISSCHEDIJK).get('/pay-runs').expect(403);
    expect((await as(OPERATOR).get('/pay-runs').expect(200)).body).toMatchObject({ total: 0 });
  });

  describe('the run of 2026-P13 (30 November 2026 – 3 January 2027)', () => {
    beforeAll(async () => {
      const started = await post('/pay-runs', { period: '2026-P13' });
      expect(started).toMatchObject({ payRunId: '2026-P13', events: expect.arrayContaining(['PayRunStarted']) });
    });

    it('gives the 17-year-old who turns 18 in the period two wages, each on its own days, to the cent', async () => {
      const joris = await statement('2026-P13', 'joris');
      const days = Object.values(JORIS_DAYS).flat();
      expect(joris.days.map((d) => d.day)).toEqual(days);
      for (const day of joris.days) {
        const [line] = day.lines;
        const hourly = jorisWage(day.day);
        expect({ day: day.day, hours: day.hours, hourly: line.hourlyWage.cents, wage: line.amounts.wage.cents }).toEqual({
          day: day.day,
          hours: '4.00',
          hourly,
          wage: hourly * FOUR_HOURS,
        });
        expect(line.amounts.holidayAllowance.cents).toBe(share(hourly * FOUR_HOURS, HOLIDAY_PAY_BP));
        expect(line.wageSource).toContain(day.day < '2026-12-10' ? 'at age 17' : 'at age 18');
      }
      // 17 until Wednesday 9 December, 18 from Thursday 10 December: 50 % of scale A step 1, then 60 %, then 60 % of the new version.
      const [at17, at18, at18December] = [
        share(SCALE_A.january[1], CAO_YOUTH_BP[17]),
        share(SCALE_A.january[1], CAO_YOUTH_BP[18]),
        share(SCALE_A.december[1], CAO_YOUTH_BP[18]),
      ];
      expect(joris.days.map((d) => d.lines[0].hourlyWage.cents)).toEqual([at17, at17, at18, at18, at18December, at18December]);
      expect(joris.days[1].lines[0].wageSource).toContain(`version from ${VERSION_FROM.january}`);
      expect(joris.days[4].lines[0].wageSource).toContain(`version from ${VERSION_FROM.december}`);
    });

    it('pays the worker on the minimum wage the new minimum wage from 1 January', async () => {
      const anna = await statement('2026-P13', 'anna');
      expect(anna.days.map((d) => [d.day, d.lines[0].hourlyWage.cents])).toEqual([
        ['2026-12-30', MINIMUM_WAGE['2026-07-01']],
        ['2027-01-02', MINIMUM_WAGE['2027-01-01']],
      ]);
      expect(anna.days.map((d) => d.lines[0].hourlyWage.cents)).toEqual(ANNA_DAYS.map(annaWage));
      expect(anna.days[0].lines[0].wageSource).toContain('minimum-wage table from 2026-07-01');
      expect(anna.days[1].lines[0].wageSource).toContain('minimum-wage table from 2027-01-01');
      expect(anna.days[1].lines[0].amounts.wage.cents).toBe(MINIMUM_WAGE['2027-01-01'] * FOUR_HOURS);
    });

    it('exports one row per worker, hirer and component with the hours and cents, as JSON and CSV', async () => {
      const rows = await exported('2026-P13');
      const row = (workerId: string, component: string) => rows.find((r) => r.workerId === workerId && r.component === component);
      const jorisDays = Object.values(JORIS_DAYS).flat();
      const jorisWages = jorisDays.map((day) => jorisWage(day) * FOUR_HOURS);
      expect(row('joris', 'wage')).toMatchObject({
        costCentre: 'visschedijk',
        hours: `${jorisDays.length * FOUR_HOURS}.00`,
        amountCents: jorisWages.reduce((a, b) => a + b, 0),
      });
      expect(row('joris', 'holiday_allowance_reserve')).toMatchObject({
        costCentre: 'visschedijk',
        amountCents: jorisWages.reduce((sum, wage) => sum + share(wage, HOLIDAY_PAY_BP), 0),
      });
      expect(row('anna', 'wage')).toMatchObject({
        costCentre: 'schoonhuis',
        hours: '8.00',
        amountCents: ANNA_DAYS.reduce((sum, day) => sum + annaWage(day) * FOUR_HOURS, 0),
      });
      // The sheet of 2027-W01 lies in the next period: this run neither pays nor lists it.
      expect((await http.read('/pay-runs/2026-P13')).unpaid).toEqual([]);

      const csv = await as(OPERATOR).get('/pay-runs/2026-P13/export?format=csv').expect(200);
      const wage = row('anna', 'wage')!;
      expect(csv.text.split('\r\n')).toContain(
        `2026-P13,2026-P13,2026-11-30,2027-01-03,anna,schoonhuis,wage,480,8.00,${wage.amountCents},${(wage.amountCents / 100).toFixed(2)}`,
      );
    });

    it('is finalized, locking the sheets it paid', async () => {
      const finalized = await post('/pay-runs/2026-P13/finalization');
      expect(finalized).toMatchObject({ events: ['PayRunFinalized'], lockedTimesheets: 3 });
      expect(await sheet('joris-vd-2026-W51')).toMatchObject({ lock: { payRunId: '2026-P13', approvedVersion: 1 } });
    });
  });

  describe('a retroactive correction of the CAO version from 14 December, and the run of 2027-P01', () => {
    beforeAll(async () => {
      await post('/caos/schoonmaak/corrections', {
        effectiveFrom: VERSION_FROM.december,
        content: pool.caoContent(schoonmaak(SCALE_A.corrected)),
        reason: 'Scale A step 1 was registered as 16,10; the CAO says 16,50',
      });
      await post('/pay-runs', { period: '2027-P01' });
    });

    it('pays (new wage − old wage) × hours for exactly the days from the correction’s date, and none before', async () => {
      const joris = await statement('2027-P01', 'joris');
      expect(joris.days).toEqual([]);
      const affected = Object.values(JORIS_DAYS)
        .flat()
        .filter((day) => day >= VERSION_FROM.december);
      expect(affected).toEqual(['2026-12-14', '2026-12-16']);
      const oldWage = share(SCALE_A.december[1], CAO_YOUTH_BP[18]);
      const newWage = share(SCALE_A.corrected[1], CAO_YOUTH_BP[18]);
      expect(joris.differences.map((d) => d.day)).toEqual(affected);
      for (const difference of joris.differences) {
        const wage = (newWage - oldWage) * FOUR_HOURS;
        expect(difference).toMatchObject({
          periodId: '2026-P13',
          source: 'joris-vd-2026-W51',
          paidHours: '4.00',
          dueHours: '4.00',
          difference: {
            wage: { cents: wage },
            holidayAllowance: { cents: share(newWage * FOUR_HOURS, HOLIDAY_PAY_BP) - share(oldWage * FOUR_HOURS, HOLIDAY_PAY_BP) },
          },
          reasons: [expect.stringContaining(`CAO schoonmaak: the version from ${VERSION_FROM.december} changed (revision 1)`)],
        });
      }
      const rows = await exported('2027-P01');
      expect(rows.find((r) => r.workerId === 'joris' && r.component === 'retro_difference')).toMatchObject({
        costCentre: 'visschedijk',
        amountCents: (newWage - oldWage) * FOUR_HOURS * affected.length,
      });
    });

    it('leaves the days the correction does not change alone: step 0 below the minimum wage pays no difference', async () => {
      const anna = await statement('2027-P01', 'anna');
      expect(anna.differences).toEqual([]);
      expect(anna.days.map((d) => [d.day, d.lines[0].hourlyWage.cents])).toEqual([['2027-01-04', MINIMUM_WAGE['2027-01-01']]]);
      // The finalized run is untouched.
      expect((await statement('2026-P13', 'joris')).days.map((d) => d.lines[0].hourlyWage.cents)).toEqual(
        Object.values(JORIS_DAYS).flat().map(jorisWage),
      );
    });
  });
});
