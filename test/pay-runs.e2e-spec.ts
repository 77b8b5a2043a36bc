import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';
import * as pool from './support/payroll-world.js';

/** Illustrative CAO figures (not from a published CAO), in cents an hour per step. */
const schoonmaak = {
  wageScales: { A: [1500, 1550] },
  overtimeBp: 2500,
  pensionPremium: { employeeBp: 750, employerBp: 1500 },
};

/** The minimum wage from 1 July 2026 was not published when this was written: an illustrative figure for a test. */
const secondHalf2026 = { from: '2026-07-01', until: '2026-12-31', adultHourlyCents: 1500 };

const line = pool.hoursLine;

const OPERATOR = 'demo-operator';
const AUDITOR = 'demo-auditor';
const HIRER = 'demo-employer-visschedijk';

/**
 * The pool pays by four ISO weeks (the default PAY_PERIOD): 2026-P02 is 26 January to 22 February
 * 2026, P03 to 22 March, P04 to 19 April. Anna works for Visschedijk at the CAO's € 15,00 (above the
 * minimum wage of € 14,71); Bram has a contract that guarantees 8 hours a week and no placement, so
 * the pool tops his hours up at the minimum wage.
 */
describe('pay runs over HTTP: hours → approval → pay run → export, statement, finalization and the next run’s difference', () => {
  let app: INestApplication;
  let http: pool.PoolHttp;
  const as = (key: string) => caller(app, key);
  const operator = () => as(OPERATOR);
  const post = (path: string, body: object = {}, key = OPERATOR) => http.post(path, body, key);
  /** Registered, submitted and approved by the hirer. */
  const approvedSheet = async (timesheetId: string, lines: pool.HoursLine[]) => {
    await pool.registerWeekHours(http, timesheetId, lines);
    await pool.submitSheet(http, timesheetId);
    return pool.approveSheet(http, timesheetId, 'visschedijk');
  };
  /** Reads come from the pay-runs read model: `position` (what the command answered) waits until it includes the command. */
  const statement = async (payRunId: string, workerId: string, position?: string) =>
    (
      await operator()
        .get(`/pay-runs/${payRunId}/workers/${workerId}${position ? `?waitFor=${position}` : ''}`)
        .expect(200)
    ).body;

  beforeAll(async () => {
    app = await startTestApi();
    http = new pool.PoolHttp(app);
    await pool.publishCao(http, 'schoonmaak', [{ effectiveFrom: '2025-07-01', figures: schoonmaak }]);
    await pool.registerHirer(http, { employerId: 'visschedijk', memberFrom: '2025-01-01', caoCode: 'schoonmaak', from: '2025-07-01' });
    for (const [workerId, guaranteedHoursPerWeek] of [
      ['anna', 0],
      ['bram', 8],
    ] as const) {
      await pool.registerWorker(http, { workerId, birthDate: '1990-03-02', contractFrom: '2026-01-01', guaranteedHoursPerWeek });
    }
    const winter = {
      placementId: 'anna-winter',
      workerId: 'anna',
      employerId: 'visschedijk',
      from: '2026-01-05',
      to: '2026-06-30',
      step: 0,
    };
    await pool.placeWorker(http, winter);
    // Week 7 (in P02): 4 hours on Monday, 4 on Wednesday, approved by the hirer. Week 8: registered, never submitted.
    await approvedSheet('anna-winter-2026-W07', [line('2026-02-09', '08:00', '12:30', 30), line('2026-02-11', '08:00', '12:00')]);
    await pool.registerWeekHours(http, 'anna-winter-2026-W08', [line('2026-02-16', '08:00', '12:00')]);
  });
  afterAll(() => app?.close());

  it('lists the pool’s pay periods of a year', async () => {
    const { body } = await operator().get('/pay-periods?year=2026').expect(200);
    expect(body.kind).toBe('four_weeks');
    expect(body.periods).toHaveLength(13);
    expect(body.periods.slice(0, 2)).toEqual([
      { id: '2026-P01', kind: 'four_weeks', from: '2025-12-29', to: '2026-01-25' },
      { id: '2026-P02', kind: 'four_weeks', from: '2026-01-26', to: '2026-02-22' },
    ]);
    await operator().get('/pay-periods?year=twenty').expect(400);
    await operator().get('/pay-periods').expect(400);
    await as(HIRER).get('/pay-periods?year=2026').expect(403);
  });

  it('refuses what is no period of this pool: 400 for no period at all, 422 invalid_pay_period for another kind or number', async () => {
    for (const body of [{}, { period: 'February' }, { period: 202602 }, { period: '2026-W07' }, { period: '9999-P01' }]) {
      await operator().post('/pay-runs').send(body).expect(400);
    }
    for (const period of ['2026-P14', '2026-P00', '2026-02']) {
      const refused = await operator().post('/pay-runs').send({ period }).expect(422);
      expect(refused.body).toMatchObject({ code: 'invalid_pay_period', detail: expect.stringContaining('2027-P03') });
    }
    await operator().get('/pay-runs/yesterday').expect(400);
    expect((await operator().get('/pay-runs/2026-13').expect(422)).body).toMatchObject({ code: 'invalid_pay_period' });
    await operator().get('/pay-runs/2026-P09').expect(404);
  });

  it('lets no employer start or read a pay run', async () => {
    await as(HIRER).post('/pay-runs').send({ period: '2026-P02' }).expect(403);
    await as(AUDITOR).post('/pay-runs').send({ period: '2026-P02' }).expect(403);
    expect((await operator().get('/pay-runs').expect(200)).body).toMatchObject({ items: [], total: 0 });
  });

  describe('the first run, of 2026-P02', () => {
    let position: string;

    beforeAll(async () => {
      const started = await operator().post('/pay-runs').send({ period: '2026-P02' }).expect(201);
      expect(started.body).toMatchObject({
        payRunId: '2026-P02',
        streamId: 'pay-run-2026-P02',
        events: expect.arrayContaining(['PayRunStarted']),
      });
      position = started.body.position;
    });

    it('pays the approved sheet, tops up the guaranteed hours and lists the sheet nobody approved', async () => {
      const { body } = await operator().get(`/pay-runs/2026-P02?waitFor=${position}`).expect(200);
      expect(body).toMatchObject({
        payRunId: '2026-P02',
        period: { id: '2026-P02', from: '2026-01-26', to: '2026-02-22' },
        status: 'calculated',
        attempt: 1,
        rounding: expect.stringContaining('half up'),
        unpaid: [{ timesheetId: 'anna-winter-2026-W08', workerId: 'anna', employerId: 'visschedijk', week: '2026-W08', status: 'draft' }],
      });
      // The workers' totals by worker id, a page at a time.
      expect(body.workers).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(body.workers.items.map((w: { workerId: string }) => w.workerId)).toEqual(['anna', 'bram']);
      const anna = body.workers.items[0];
      // 8 hours × € 15,00; 8 % holiday allowance; the CAO's pension (7,5 % and 15 %), as the hirer's terms apply.
      expect(anna.totals).toMatchObject({
        paidMinutes: 480,
        wageCents: 12000,
        holidayAllowanceCents: 960,
        pensionEmployeeCents: 900,
        pensionEmployerCents: 1800,
        grossCents: 12960,
      });
      expect(body.totals.workers).toBe(2);
      expect(body.totals.grossCents).toBe(
        body.workers.items.reduce((sum: number, w: { totals: { grossCents: number } }) => sum + w.totals.grossCents, 0),
      );
      const second = (await operator().get('/pay-runs/2026-P02?limit=1&offset=1').expect(200)).body.workers;
      expect(second).toEqual({ items: [body.workers.items[1]], total: 2, limit: 1, offset: 1 });
    });

    it('exports one row per worker, cost centre and component, as JSON and as CSV', async () => {
      const { body } = await operator().get('/pay-runs/2026-P02/export?format=json').expect(200);
      const anna = body.rows.filter((r: { workerId: string }) => r.workerId === 'anna');
      expect(anna.map((r: Record<string, unknown>) => [r.costCentre, r.component, r.hours, r.amountCents, r.amountEuros])).toEqual([
        ['visschedijk', 'wage', '8.00', 12000, '120.00'],
        ['visschedijk', 'holiday_allowance_reserve', null, 960, '9.60'],
        ['visschedijk', 'pension_employee', null, 900, '9.00'],
        ['visschedijk', 'pension_employer', null, 1800, '18.00'],
        ['visschedijk', 'leave_accrual', expect.stringMatching(/^\d+\.\d\d$/), 0, '0.00'],
      ]);
      expect(anna[0]).toMatchObject({ payRunId: '2026-P02', periodId: '2026-P02', periodFrom: '2026-01-26', periodTo: '2026-02-22' });
      const bram = body.rows.filter((r: { workerId: string }) => r.workerId === 'bram');
      expect(bram.find((r: { component: string }) => r.component === 'top_up')).toMatchObject({ costCentre: 'pool', hours: '32.00' });

      const csv = await operator().get('/pay-runs/2026-P02/export?format=csv').expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="pay-run-2026-P02.csv"');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'pay_run_id,period_id,period_from,period_to,worker_id,cost_centre,component,minutes,hours,amount_cents,amount_euros',
      );
      expect(lines).toContain('2026-P02,2026-P02,2026-01-26,2026-02-22,anna,visschedijk,wage,480,8.00,12000,120.00');
      expect(lines).toHaveLength(body.rows.length + 1);
    });

    it('gives each worker a statement: per day the hours, the wage and where it came from, totals in euros', async () => {
      const anna = await statement('2026-P02', 'anna');
      expect(anna.days.map((d: { day: string; hours: string }) => [d.day, d.hours])).toEqual([
        ['2026-02-09', '4.00'],
        ['2026-02-11', '4.00'],
      ]);
      expect(anna.days[0].lines[0]).toMatchObject({
        timesheetId: 'anna-winter-2026-W07',
        approval: 1,
        hourlyWage: { cents: 1500, euros: '€ 15,00' },
        wageSource: expect.stringMatching(/^CAO schoonmaak \(version from 2025-07-01, revision 0\), scale A step 0: € 15,00 an hour/),
        amounts: { wage: { cents: 6000, euros: '€ 60,00' } },
      });
      expect(anna.totals).toMatchObject({ gross: { cents: 12960, euros: '€ 129,60' }, hoursPaid: '8.00' });
      const bram = await statement('2026-P02', 'bram');
      expect(bram.days).toEqual([]);
      expect(bram.topUps).toHaveLength(4);
      expect(bram.topUps[0]).toMatchObject({
        guaranteedHours: '8.00',
        paidHours: '0.00',
        hours: '8.00',
        wageSource: expect.stringContaining('minimum wage'),
      });
      await operator().get('/pay-runs/2026-P02/workers/nobody').expect(404);
    });

    it('lets auditors read it, and no employer', async () => {
      for (const path of ['/pay-runs', '/pay-runs/2026-P02', '/pay-runs/2026-P02/export', '/pay-runs/2026-P02/workers/anna']) {
        await as(AUDITOR).get(path).expect(200);
        await as(HIRER).get(path).expect(403);
      }
      await as(HIRER).post('/pay-runs/2026-P02/finalization').expect(403);
      await as(AUDITOR).post('/pay-runs/2026-P02/recalculation').expect(403);
    });

    it('records one run per period: a second start is a 409', async () => {
      const again = await operator().post('/pay-runs').send({ period: '2026-P02' }).expect(409);
      expect(again.body).toMatchObject({ code: 'pay_run_exists' });
      const { body } = await operator().get(`/pay-runs?waitFor=${position}`).expect(200);
      expect(body).toMatchObject({ total: 1, items: [{ payRunId: '2026-P02', status: 'calculated', attempt: 1 }] });
    });

    it('refuses the next period while this run is open', async () => {
      const refused = await operator().post('/pay-runs').send({ period: '2026-P03' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'previous_pay_run_not_final', detail: expect.stringContaining('2026-P02') });
    });

    it('finalizes: the approved sheet it paid is locked at the approval it paid', async () => {
      const finalized = await operator().post('/pay-runs/2026-P02/finalization').expect(201);
      expect(finalized.body).toMatchObject({ payRunId: '2026-P02', events: ['PayRunFinalized'], lockedTimesheets: 1 });
      const sheet = await operator().get(`/timesheets/anna-winter-2026-W07?waitFor=${finalized.body.position}`).expect(200);
      expect(sheet.body.lock).toEqual({ payRunId: '2026-P02', approvedVersion: 1 });
      const { body } = await operator().get(`/pay-runs/2026-P02?waitFor=${finalized.body.position}`).expect(200);
      expect(body).toMatchObject({
        status: 'finalized',
        finalizedBy: 'operator:demo',
        lockedTimesheets: [{ timesheetId: 'anna-winter-2026-W07', approvedVersion: 1 }],
      });
      const list = await operator().get(`/pay-runs?waitFor=${finalized.body.position}`).expect(200);
      expect(list.body.items[0]).toMatchObject({ status: 'finalized', finalizedBy: 'operator:demo', totals: { workers: 2 } });
      expect((await operator().post('/pay-runs/2026-P02/recalculation').expect(409)).body).toMatchObject({ code: 'pay_run_finalized' });
      expect((await operator().post('/pay-runs/2026-P02/finalization').expect(409)).body).toMatchObject({ code: 'pay_run_finalized' });
      expect((await operator().post('/pay-runs').send({ period: '2026-P01' }).expect(422)).body).toMatchObject({
        code: 'later_pay_run_exists',
      });
    });
  });

  describe('a correction after the lock, and the next run', () => {
    beforeAll(async () => {
      // Monday was 5 hours, not 4: the locked sheet keeps what was paid, the correction is a new event.
      await post('/timesheets/anna-winter-2026-W07/corrections', {
        lines: [line('2026-02-09', '08:00', '13:30', 30), line('2026-02-11', '08:00', '12:00')],
        reason: 'Monday ran an hour longer',
      });
      await pool.approveSheet(http, 'anna-winter-2026-W07', 'visschedijk');
    });

    it('pays the difference of exactly the corrected day in the next run, naming the correction', async () => {
      const { position } = await post('/pay-runs', { period: '2026-P03' });
      const anna = await statement('2026-P03', 'anna', position);
      expect(anna.days).toEqual([]);
      expect(anna.differences).toHaveLength(1);
      expect(anna.differences[0]).toMatchObject({
        periodId: '2026-P02',
        day: '2026-02-09',
        source: 'anna-winter-2026-W07',
        paidHours: '4.00',
        dueHours: '5.00',
        difference: { wage: { cents: 1500, euros: '€ 15,00' }, holidayAllowance: { cents: 120 } },
        reasons: [expect.stringContaining('anna-winter-2026-W07 was corrected')],
      });
      const exported = (await operator().get('/pay-runs/2026-P03/export').expect(200)).body;
      expect(exported.rows).toContainEqual(
        expect.objectContaining({
          workerId: 'anna',
          costCentre: 'visschedijk',
          component: 'retro_difference',
          hours: '1.00',
          amountCents: 1500,
          amountEuros: '15.00',
        }),
      );
      await post('/pay-runs/2026-P03/finalization');
    });
  });

  describe('the run of 2026-P04', () => {
    beforeAll(async () => {
      await approvedSheet('anna-winter-2026-W14', [line('2026-03-30', '09:00', '13:00')]);
    });

    it('is appended once when five operators start it at the same time', async () => {
      const answers = await Promise.all(Array.from({ length: 5 }, () => operator().post('/pay-runs').send({ period: '2026-P04' })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body).toMatchObject({ code: 'pay_run_exists' });
      const { position } = answers.find((a) => a.status === 201)!.body;
      const { body } = await operator().get(`/pay-runs/2026-P04?waitFor=${position}`).expect(200);
      expect(body).toMatchObject({ attempt: 1, version: body.totals.workers });
    });

    it('will not finalize over a sheet approved again since the run paid it; a recalculation pays the new approval', async () => {
      await post('/timesheets/anna-winter-2026-W14/corrections', {
        lines: [line('2026-03-30', '09:00', '14:00')],
        reason: 'Five hours',
      });
      await pool.approveSheet(http, 'anna-winter-2026-W14', 'visschedijk');
      const refused = await operator().post('/pay-runs/2026-P04/finalization').expect(409);
      expect(refused.body).toMatchObject({
        code: 'timesheet_changed_since_pay_run',
        detail: expect.stringContaining('anna-winter-2026-W14'),
      });
      expect((await operator().get('/pay-runs/2026-P04').expect(200)).body.status).toBe('calculated');

      const recalculation = await post('/pay-runs/2026-P04/recalculation');
      expect(recalculation as object).toMatchObject({ payRunId: '2026-P04' });
      const recalculated = (await operator().get(`/pay-runs/2026-P04?waitFor=${recalculation.position}`).expect(200)).body;
      expect(recalculated.attempt).toBe(2);
      expect((await statement('2026-P04', 'anna')).totals.hoursPaid).toBe('5.00');
      const finalized = await operator().post('/pay-runs/2026-P04/finalization').expect(201);
      const sheet = await operator().get(`/timesheets/anna-winter-2026-W14?waitFor=${finalized.body.position}`).expect(200);
      expect(sheet.body.lock).toEqual({ payRunId: '2026-P04', approvedVersion: 2 });
    });
  });

  it('refuses a run a rule refuses for one worker, naming the worker, until the rule table is published', async () => {
    for (const period of ['2026-P05', '2026-P06']) await pool.runAndFinalize(http, period);
    // 2026-P07 runs to 12 July: Bram's top-ups in July need the minimum wage from 1 July.
    const refused = await operator().post('/pay-runs').send({ period: '2026-P07' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'rule_table_outdated', detail: expect.stringMatching(/^Worker bram: /) });
    await operator().get('/pay-runs/2026-P07').expect(404);
    await pool.publishMinimumWage(http, secondHalf2026);
    await post('/pay-runs', { period: '2026-P07' });
  });
});

describe('the pay period setting', () => {
  it('pays by calendar month with PAY_PERIOD=month: the periods are months, and a four-week id is no period', async () => {
    const app = await startTestApi({ PAY_PERIOD: 'month' });
    try {
      const { body } = await caller(app, OPERATOR).get('/pay-periods?year=2026').expect(200);
      expect(body.kind).toBe('month');
      expect(body.periods).toHaveLength(12);
      expect(body.periods[1]).toEqual({ id: '2026-02', kind: 'month', from: '2026-02-01', to: '2026-02-28' });
      const refused = await caller(app, OPERATOR).post('/pay-runs').send({ period: '2026-P02' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'invalid_pay_period', detail: expect.stringContaining('2027-03') });
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a pay period it does not know', async () => {
    await expect(startTestApi({ PAY_PERIOD: 'fortnight' })).rejects.toThrow(/PAY_PERIOD="fortnight"/);
  });
});
