import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

/** Illustrative CAO figures (not from a published CAO), in cents an hour per step, with the CAO's own youth percentages. */
const schoonmaak = (scaleA: number[]) => ({
  wageScales: { A: scaleA },
  youthBp: { 16: 4000, 17: 5000, 18: 6000, 19: 7000, 20: 8500 },
  surcharges: { timeBands: [], publicHolidayBp: 10000, overtimeBp: 2500 },
  holidayPayBp: 800,
  pensionPremium: { employeeBp: 750, employerBp: 1500 },
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
});

/** The minimum wage from 1 July 2026 was not published when this was written: an illustrative figure for a test. */
const secondHalf2026 = {
  effectiveFrom: '2026-07-01',
  effectiveUntil: '2026-12-31',
  values: { adultHourlyCents: 1500, adultAge: 21, youthBp: { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 } },
  source: { title: 'Illustrative figure for a test', url: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon' },
};

/** The wage of each day of a placement over HTTP: CAO scale and step against the minimum wage, as they stand that day. */
describe('the wage of a placement’s day over HTTP', () => {
  let app: INestApplication;
  const operator = () => caller(app, 'demo-operator');
  const wage = (placementId: string, on: string, key = 'demo-operator') => caller(app, key).get(`/placements/${placementId}/wage?on=${on}`);

  beforeAll(async () => {
    app = await startTestApi();
    const post = async (path: string, body: object) => {
      const response = await operator().post(path).send(body);
      expect({ path, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    };
    await post('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await post('/caos/schoonmaak/versions', { effectiveFrom: '2025-07-01', content: schoonmaak([1400, 1450]) });
    await post('/caos/schoonmaak/versions', { effectiveFrom: '2026-03-01', content: schoonmaak([1520, 1560]) });
    await post('/employers', { employerId: 'visschedijk', name: 'Visschedijk Facilitair', memberFrom: '2025-01-01' });
    await post('/employers/visschedijk/cao-applications', { caoCode: 'schoonmaak', from: '2025-07-01' });
    await post('/employers/visschedijk/sites', { siteId: 'hengelo', name: 'Hengelo', area: 'hengelo' });
    await post('/employers/visschedijk/function-classifications', { functionName: 'schoonmaker', scale: 'A', from: '2025-07-01' });
    // Sanne turns 18 on 15 January 2026.
    for (const [workerId, birthDate] of [
      ['anna', '1995-03-02'],
      ['sanne', '2008-01-15'],
    ]) {
      await post('/workers', {
        workerId,
        name: workerId,
        birthDate,
        homeArea: 'hengelo',
        skills: ['cleaning'],
        availability: { hoursPerWeek: 40 },
      });
      await post(`/workers/${workerId}/contracts`, {
        contractId: 'c1',
        kind: 'indefinite',
        from: '2025-09-01',
        guaranteedHoursPerWeek: 8,
        maxHoursPerWeek: 32,
      });
    }
    const placement = (placementId: string, workerId: string, period: object) =>
      post('/placements', {
        placementId,
        workerId,
        employerId: 'visschedijk',
        siteId: 'hengelo',
        functionName: 'schoonmaker',
        legalForm: 'payroll',
        hoursPerWeek: 8,
        period,
      });
    await placement('anna-winter', 'anna', { from: '2025-12-01', to: '2026-05-31' });
    await post('/placements/anna-winter/confirmation', { step: 0 });
    await placement('sanne-winter', 'sanne', { from: '2026-01-05', to: '2026-02-27' });
    await post('/placements/sanne-winter/confirmation', { step: 1 });
    await placement('anna-summer', 'anna', { from: '2026-06-01', to: '2026-08-31' });
    await post('/placements/anna-summer/confirmation', { step: 0 });
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
    expect((await operator().post('/rules/minimum-wage').send(secondHalf2026)).status).toBe(201);
    expect((await wage('anna-summer', '2026-07-01').expect(200)).body).toMatchObject({
      hourlyCents: 1520,
      basis: 'cao',
      minimumWage: { rule: { effectiveFrom: '2026-07-01', revision: 0 }, hourlyCents: 1500 },
    });
  });

  it('confirms a placement planned past the published minimum wage, its first day’s pay not yet known', async () => {
    await operator()
      .post('/placements')
      .send({
        placementId: 'anna-2027',
        workerId: 'anna',
        employerId: 'visschedijk',
        siteId: 'hengelo',
        functionName: 'schoonmaker',
        legalForm: 'secondment',
        hoursPerWeek: 8,
        period: { from: '2027-01-04', to: '2027-02-26' },
      })
      .expect(201);
    await operator().post('/placements/anna-2027/confirmation').send({ step: 1 }).expect(201);
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
    await operator()
      .post('/placements')
      .send({
        placementId: 'sanne-spring',
        workerId: 'sanne',
        employerId: 'visschedijk',
        siteId: 'hengelo',
        functionName: 'schoonmaker',
        legalForm: 'payroll',
        hoursPerWeek: 8,
        period: { from: '2026-04-06', to: '2026-05-29' },
      })
      .expect(201);
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
