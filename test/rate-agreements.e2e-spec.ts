import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import {
  AUDITOR,
  employerKey,
  OPERATOR,
  placeWorker,
  PoolHttp,
  publishCao,
  publishMinimumWage,
  registerHirer,
  registerWorker,
} from './support/payroll-world.js';

const FROM = '2026-01-05';
const rates = (employerId = 'visschedijk') => `/employers/${employerId}/rate-agreements`;

// The cleaning CAO pays scale A step 0 € 14,50, below the 2026 minimum wage of € 14,71, which Anna
// and Bram are paid. Holiday allowance 8 %, no pension, employer charges 17.55 % (shipped rule rows):
// an hour costs 1 + 0.08 + 0.1755 × 1.08 = 1.26954 × its gross wage; € 14,71 × 1.26954 = € 18,675.
const COST_FACTOR_BP = 12_696;
const ANNA_COST_CENTS = 1868;

/** Rate agreements over HTTP: checked against the cost price, never overlapping, read by their own hirer only. */
describe('rate agreements', () => {
  let app: INestApplication;
  let http: PoolHttp;
  const as = (key: string) => http.as(key);

  beforeAll(async () => {
    app = await startTestApi();
    http = new PoolHttp(app);
    await publishCao(http, 'schoonmaak', [
      { effectiveFrom: '2025-07-01', figures: { wageScales: { A: [1450, 1650] }, holidayPayBp: 800 } },
    ]);
    for (const employerId of ['visschedijk', 'waarbeek'])
      await registerHirer(http, { employerId, caoCode: 'schoonmaak', from: '2025-07-01' });
    for (const workerId of ['anna', 'bram']) {
      await registerWorker(http, { workerId, birthDate: '1990-04-12', contractFrom: '2025-12-01' });
      await placeWorker(http, {
        placementId: `${workerId}-visschedijk`,
        workerId,
        employerId: 'visschedijk',
        from: FROM,
        to: '2026-09-27',
        step: 0,
      });
    }
  });
  afterAll(() => app?.close());

  const agree = (body: object, status = 201, key = OPERATOR) => http.post(rates(), { from: FROM, ...body }, key, status);

  it('refuses a factor below the cost price (422 rate_below_cost) and writes nothing', async () => {
    const refused = await agree({ scope: { kind: 'employer' }, rate: { kind: 'factor', factorBp: COST_FACTOR_BP - 1 } }, 422);
    expect(refused).toMatchObject({ code: 'rate_below_cost', detail: expect.stringContaining('1.2696 ×') });
    expect(await http.read(rates())).toEqual({ employerId: 'visschedijk', agreements: [] });
    await as(OPERATOR).get('/streams/rates-visschedijk').expect(404);
  });

  it('agrees a factor rate for the hirer and a fixed rate for one placement, each with what it was checked against', async () => {
    const factor = await agree({
      agreementId: 'visschedijk-2026',
      scope: { kind: 'employer' },
      rate: { kind: 'factor', factorBp: 18_500 },
      surchargesBp: { overtime: 2500 },
      gAccountShareBp: 2500,
      reason: 'Rate talks 2026',
    });
    expect(factor).toMatchObject({ agreementId: 'visschedijk-2026', streamId: 'rates-visschedijk', events: ['RateAgreed'] });
    const belowCost = await agree(
      { scope: { kind: 'placement', placementId: 'anna-visschedijk' }, rate: { kind: 'fixed', hourlyCents: ANNA_COST_CENTS - 1 } },
      422,
    );
    expect(belowCost).toMatchObject({
      code: 'rate_below_cost',
      detail: expect.stringContaining('placement anna-visschedijk on 2026-01-05: €18.68'),
    });
    const fixed = await agree({
      scope: { kind: 'placement', placementId: 'anna-visschedijk' },
      rate: { kind: 'fixed', hourlyCents: ANNA_COST_CENTS },
    });
    expect(fixed.agreementId).toMatch(/^rate-/);

    const { agreements, version } = await http.read(rates());
    expect(version).toBe(1);
    expect(agreements).toEqual([
      expect.objectContaining({
        agreementId: 'visschedijk-2026',
        scope: { kind: 'employer' },
        from: FROM,
        rate: { kind: 'factor', factorBp: 18_500 },
        surchargesBp: { overtime: 2500 },
        gAccountShareBp: 2500,
        check: { costFactorBp: COST_FACTOR_BP, placementIds: [] },
        agreedBy: 'operator:demo',
        reason: 'Rate talks 2026',
      }),
      expect.objectContaining({
        agreementId: fixed.agreementId,
        rate: { kind: 'fixed', hourlyCents: ANNA_COST_CENTS },
        gAccountShareBp: 0,
        check: { costHourlyCents: ANNA_COST_CENTS, placementIds: ['anna-visschedijk'] },
      }),
    ]);
  });

  it('refuses an overlapping agreement of the same scope (422 rate_overlaps) until the old one is ended', async () => {
    const next = { scope: { kind: 'employer' }, from: '2026-10-01', rate: { kind: 'factor', factorBp: 19_000 } };
    expect(await agree(next, 422)).toMatchObject({ code: 'rate_overlaps', detail: expect.stringContaining('visschedijk-2026') });
    const end = (lastDay: string, status = 201) =>
      http.post(`${rates()}/visschedijk-2026/end`, { lastDay, reason: 'New rate from October' }, OPERATOR, status);
    expect(await end('2026-01-04', 422)).toMatchObject({ code: 'end_outside_agreement' });
    expect(await end('2026-09-30')).toMatchObject({ events: ['RateAgreementEnded'] });
    await agree({ ...next, agreementId: 'visschedijk-2026-q4' });
    const { agreements } = await http.read(rates());
    expect(agreements[0]).toMatchObject({ to: '2026-09-30', ended: { lastDay: '2026-09-30', by: 'operator:demo' } });
    await http.post(`${rates()}/nobody/end`, { lastDay: '2026-09-30', reason: 'No such agreement' }, OPERATOR, 404);
  });

  it('is read by operators and auditors, and by the hirer itself without the cost price; another employer gets 403', async () => {
    const own = await http.read(rates(), employerKey('visschedijk'));
    expect(own.agreements.length).toBe(3);
    for (const agreement of own.agreements) expect(agreement).not.toHaveProperty('check');
    expect((await http.read(rates(), AUDITOR)).agreements[0]).toHaveProperty('check');
    await as(employerKey('waarbeek')).get(rates()).expect(403);
    await as(employerKey('visschedijk')).get('/rate-warnings').expect(403);
    await as(AUDITOR)
      .post(rates())
      .send({ from: FROM, scope: { kind: 'employer' }, rate: { kind: 'factor', factorBp: 20_000 } })
      .expect(403);
    await as(employerKey('visschedijk'))
      .post(rates())
      .send({ from: '2027-01-01', scope: { kind: 'employer' }, rate: { kind: 'factor', factorBp: 20_000 } })
      .expect(403);
    await as(OPERATOR).get(rates('nobody')).expect(404);
  });

  it('flags the fixed rate on the day a new minimum-wage row raises the cost of an hour, and never the factor rate', async () => {
    // The shipped minimum wage ends on 30 June 2026: nothing after it is known yet.
    expect(await http.read('/rate-warnings')).toEqual({ items: [] });
    await publishMinimumWage(http, { from: '2026-07-01', until: '2026-12-31', adultHourlyCents: 1500 });
    const { items } = await http.read('/rate-warnings', AUDITOR);
    // € 15,00 × 1.26954 = € 19,043 → € 19,05 from 1 July; Bram's hour, priced by the factor, follows his wage.
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'below_cost',
        employerId: 'visschedijk',
        placementId: 'anna-visschedijk',
        workerId: 'anna',
        day: '2026-07-01',
        rateHourlyCents: ANNA_COST_CENTS,
        costHourlyCents: 1905,
        cost: expect.objectContaining({
          wage: expect.objectContaining({
            hourlyCents: 1500,
            basis: 'minimum_wage',
            minimumWage: expect.objectContaining({ hourlyCents: 1500 }),
          }),
        }),
      }),
    ]);
    expect((await http.read('/rate-warnings?employerId=visschedijk')).items).toHaveLength(1);
    expect((await http.read('/rate-warnings?employerId=waarbeek')).items).toEqual([]);
  });

  it('answers a body it cannot read with 400, before anything is checked', async () => {
    const bad = [
      { scope: { kind: 'employer' }, rate: { kind: 'factor', hourlyCents: 2000 } },
      { scope: { kind: 'function' }, rate: { kind: 'factor', factorBp: 18_500 } },
      { scope: { kind: 'employer', placementId: 'anna-visschedijk' }, rate: { kind: 'factor', factorBp: 18_500 } },
      { scope: { kind: 'employer' }, rate: { kind: 'factor', factorBp: 18_500 }, gAccountShareBp: 10_001 },
      { scope: { kind: 'employer' }, rate: { kind: 'factor', factorBp: 18_500 }, surchargesBp: { weekend: 5000 } },
      { scope: { kind: 'employer' }, rate: { kind: 'hourly', hourlyCents: 2000 } },
      { scope: { kind: 'employer' }, rate: { kind: 'fixed', hourlyCents: 20.5 } },
      { scope: { kind: 'employer' }, from: '2026-02-30', rate: { kind: 'factor', factorBp: 18_500 } },
    ];
    for (const body of bad)
      expect({
        body,
        status: (
          await as(OPERATOR)
            .post(rates())
            .send({ from: FROM, ...body })
        ).status,
      }).toEqual({ body, status: 400 });
    await as(OPERATOR).post(`${rates()}/visschedijk-2026/end`).send({ lastDay: '2026-09-30' }).expect(400);
    await as(OPERATOR).get('/rate-warnings?employerId=a%20b').expect(400);
  });

  it('refuses a period that ends before it starts (422)', async () => {
    const refused = await agree(
      { scope: { kind: 'function', functionCode: 'schoonmaker' }, to: '2026-01-04', rate: { kind: 'factor', factorBp: 18_500 } },
      422,
    );
    expect(refused).toMatchObject({ code: 'invalid_period' });
  });
});
