import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import * as pool from './support/payroll-world.js';

/** Illustrative CAO figures (not from a published CAO), in cents an hour per step, with the CAO's own youth percentages. */
const schoonmaak = (scaleA: number[]): pool.CaoFigures => ({
  wageScales: { A: scaleA },
  youthBp: { 16: 4000, 17: 5000, 18: 6000, 19: 7000, 20: 8500 },
  overtimeBp: 2500,
  pensionPremium: { employeeBp: 750, employerBp: 1500 },
});

/** The minimum wage from 1 July 2026 was not published when this was written: an illustrative figure for a test. */
const secondHalf2026 = { from: '2026-07-01', until: '2026-12-31', adultHourlyCents: 1500 };

/** The wage of each day of a placement over HTTP: CAO scale and step against the minimum wage, as they stand that day. */
describe('the wage of a placement’s day over HTTP', () => {
  let app: INestApplication;
  let http: pool.PoolHttp;
  const operator = () => http.as('demo-operator');
  const wage = (placementId: string, on: string, key = 'demo-operator') => http.as(key).get(`/placements/${placementId}/wage?on=${on}`);
  const placement = { employerId: 'visschedijk', hoursPerWeek: 8 };

  beforeAll(async () => {
    app = await startTestApi();
    http = new pool.PoolHttp(app);
    await pool.publishCao(http, 'schoonmaak', [
      { effectiveFrom: '2025-07-01', figures: schoonmaak([1400, 1450]) },
      { effectiveFrom: '2026-03-01', figures: schoonmaak([1520, 1560]) },
    ]);
    await pool.registerHirer(http, { employerId: 'visschedijk', memberFrom: '2025-01-01', caoCode: 'schoonmaak', from: '2025-07-01' });
    // Sanne turns 18 on 15 January 2026.
    for (const [workerId, birthDate] of [
      ['anna', '1995-03-02'],
      ['sanne', '2008-01-15'],
    ]) {
      await pool.registerWorker(http, { workerId, birthDate, contractFrom: '2025-09-01', guaranteedHoursPerWeek: 8 });
    }
    for (const [placementId, workerId, from, to, step] of [
      ['anna-winter', 'anna', '2025-12-01', '2026-05-31', 0],
      ['sanne-winter', 'sanne', '2026-01-05', '2026-02-27', 1],
      ['anna-summer', 'anna', '2026-06-01', '2026-08-31', 0],
    ] as const) {
      await pool.placeWorker(http, { ...placement, placementId, workerId, from, to, step });
    }
  });
  afterAll(() => app?.close());

  it('names every figure: the CAO version, scale and step, and the minimum-wage row, with the age that day', async () => {
    const { body } = await wage('anna-winter', '2026-02-02').expect(200);
    expect(body).toEqual({
      placementId: 'anna-winter',
      workerId: 'anna',
      employerId: 'visschedijk',
      day: '2026-02-02',
      hourlyCents: 1471,
      basis: 'minimum_wage',
      age: 30,
      cao: {
        code: 'schoonmaak',
        effectiveFrom: '2025-07-01',
        revision: 0,
        scale: 'A',
        step: 0,
        scaleHourlyCents: 1400,
        youthBp: 10000,
        hourlyCents: 1400,
      },
      minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 }, youthBp: 10000, hourlyCents: 1471 },
    });
  });

  it('takes each change on its date: 1 January (€ 14,40 → € 14,71) and a CAO version from 1 March', async () => {
    const on = async (day: string) => (await wage('anna-winter', day).expect(200)).body;
    expect(await on('2025-12-31')).toMatchObject({
      hourlyCents: 1440,
      basis: 'minimum_wage',
      minimumWage: { rule: { effectiveFrom: '2025-07-01' } },
    });
    expect(await on('2026-01-01')).toMatchObject({
      hourlyCents: 1471,
      basis: 'minimum_wage',
      minimumWage: { rule: { effectiveFrom: '2026-01-01' } },
    });
    expect(await on('2026-02-28')).toMatchObject({ hourlyCents: 1471, cao: { effectiveFrom: '2025-07-01', hourlyCents: 1400 } });
    expect(await on('2026-03-01')).toMatchObject({
      hourlyCents: 1520,
      basis: 'cao',
      cao: { effectiveFrom: '2026-03-01', hourlyCents: 1520 },
    });
  });

  it('raises a young worker’s wage on her 18th birthday', async () => {
    expect((await wage('sanne-winter', '2026-01-14').expect(200)).body).toMatchObject({
      age: 17,
      hourlyCents: 725,
      cao: { step: 1, scaleHourlyCents: 1450, youthBp: 5000 },
      minimumWage: { youthBp: 3950, hourlyCents: 581 },
    });
    expect((await wage('sanne-winter', '2026-01-15').expect(200)).body).toMatchObject({
      age: 18,
      hourlyCents: 870,
      cao: { youthBp: 6000 },
      minimumWage: { youthBp: 5000, hourlyCents: 736 },
    });
  });

  it('answers 422 past the published minimum wage, until an operator publishes the next period', async () => {
    const outdated = await wage('anna-summer', '2026-07-01').expect(422);
    expect(outdated.body).toMatchObject({ code: 'rule_table_outdated', detail: expect.stringContaining('2026-06-30') });
    await pool.publishMinimumWage(http, secondHalf2026);
    expect((await wage('anna-summer', '2026-07-01').expect(200)).body).toMatchObject({
      hourlyCents: 1520,
      basis: 'cao',
      minimumWage: { rule: { effectiveFrom: '2026-07-01', revision: 0 }, hourlyCents: 1500 },
    });
  });

  it('confirms a placement planned past the published minimum wage, its first day’s pay not yet known', async () => {
    const anna2027 = { placementId: 'anna-2027', workerId: 'anna', legalForm: 'secondment', from: '2027-01-04', to: '2027-02-26' } as const;
    await pool.placeWorker(http, { ...placement, ...anna2027, step: 1 });
    const { body } = await operator().get('/placements/anna-2027').expect(200);
    expect(body).toMatchObject({
      status: 'confirmed',
      agreed: { functionName: 'schoonmaker', caoCode: 'schoonmaak', scale: 'A', step: 1 },
      hirerTerms: { applies: true, basis: expect.stringContaining('art. 8 Waadi') },
      firstDayPay: { known: false, reason: expect.stringContaining('has no figures for 2027-01-04') },
    });
    expect(body.firstDayPay).toMatchObject({ cao: { effectiveFrom: '2026-03-01', step: 1, hourlyCents: 1560 } });
    expect((await wage('anna-2027', '2027-01-04').expect(422)).body).toMatchObject({ code: 'rule_table_outdated' });
  });

  it('refuses a day outside the placement (422) and a malformed or missing date (400)', async () => {
    expect((await wage('anna-winter', '2026-06-01').expect(422)).body).toMatchObject({ code: 'day_outside_placement' });
    for (const on of ['2026-02-30', 'yesterday', '2300-01-01', '']) await wage('anna-winter', on).expect(400);
    await operator().get('/placements/anna-winter/wage').expect(400);
    await wage('nobody', '2026-02-02').expect(404);
  });

  it('requires the operator to choose the step: a confirmation without one is a 400', async () => {
    await pool.proposePlacement(http, {
      ...placement,
      placementId: 'sanne-spring',
      workerId: 'sanne',
      from: '2026-04-06',
      to: '2026-05-29',
    });
    const refused = await operator().post('/placements/sanne-spring/confirmation').send({}).expect(400);
    expect(JSON.stringify(refused.body)).toContain('step');
    expect((await operator().get('/placements/sanne-spring').expect(200)).body.status).toBe('proposed');
  });

  it('answers operators, auditors and the placement’s own employer; another employer gets 403', async () => {
    await wage('anna-winter', '2026-02-02', 'demo-auditor').expect(200);
    await wage('anna-winter', '2026-02-02', 'demo-employer-visschedijk').expect(200);
    await wage('anna-winter', '2026-02-02', 'demo-employer-waarbeek').expect(403);
  });
});
