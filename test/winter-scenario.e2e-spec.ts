import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

/** Illustrative CAO figures (not from a published CAO), in cents an hour per step. */
const caoContent = (scales: Record<string, number[]>, seasonalClause = false) => ({
  wageScales: scales,
  surcharges: { timeBands: [{ weekday: 'sunday', start: '00:00', end: '24:00', surchargeBp: 5000 }], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause,
  illustrative: true,
});

/**
 * The minimum wage from 1 July 2026 was not published when this was written: an illustrative figure,
 * so that the winter's wages can be worked out (the shipped table ends on 30 June 2026).
 */
const secondHalf2026 = {
  effectiveFrom: '2026-07-01',
  effectiveUntil: '2026-12-31',
  values: { adultHourlyCents: 1500, adultAge: 21, youthBp: { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 } },
  source: { title: 'Illustrative figure for a test', url: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon' },
};

/**
 * The Twente winter through HTTP: De Waarbeek's park closes for the winter, its staff move to
 * Visschedijk's facility services, and the rules hold on the way.
 */
describe('winter scenario over HTTP', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;
  let lastPosition = '';

  /** POST as the operator, remembering the position for read-your-writes. */
  const command = async (path: string, body: object, status = 201) => {
    const response = await operator.post(path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status });
    if (response.body.position) lastPosition = response.body.position;
    return response;
  };
  /** GET after the process manager has handled everything written so far. */
  const settled = (path: string) =>
    operator
      .get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${lastPosition}`)
      .expect(200)
      .expect('X-Consistency', 'reached');

  const placement = (
    id: string,
    workerId: string,
    employerId: string,
    siteId: string,
    functionName: string,
    period: object,
    extra: object = {},
  ) =>
    command('/placements', {
      placementId: id,
      workerId,
      employerId,
      siteId,
      functionName,
      legalForm: 'payroll',
      hoursPerWeek: 24,
      period,
      ...extra,
    });

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
    await command('/rules/minimum-wage', secondHalf2026);
    await command('/caos', { code: 'recreatie', name: 'CAO Recreatie (illustrative)' });
    await command('/caos/recreatie/versions', {
      effectiveFrom: '2026-01-01',
      content: caoContent({ A: [1471, 1495], B: [1520, 1560] }, true),
    });
    await command('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await command('/caos/schoonmaak/versions', {
      effectiveFrom: '2026-01-01',
      content: caoContent({ '1': [1530, 1575, 1610], '2': [1640, 1690] }),
    });

    await command('/employers', { employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2026-01-01' });
    await command('/employers/waarbeek/cao-applications', { caoCode: 'recreatie', from: '2026-01-01' });
    await command('/employers/waarbeek/sites', { siteId: 'park', name: 'Attractiepark', area: 'hengelo' });
    await command('/employers/waarbeek/function-classifications', { functionName: 'attractiemedewerker', scale: 'A', from: '2026-01-01' });
    await command('/employers/waarbeek/closures', {
      siteId: 'park',
      period: { from: '2026-11-01', to: '2027-03-31' },
      reason: 'Winter closure',
    });

    await command('/employers', { employerId: 'visschedijk', name: 'Visschedijk Facilitair', memberFrom: '2026-01-01' });
    await command('/employers/visschedijk/cao-applications', { caoCode: 'schoonmaak', from: '2026-01-01' });
    await command('/employers/visschedijk/sites', { siteId: 'hengelo', name: 'Hengelo', area: 'hengelo' });
    await command('/employers/visschedijk/function-classifications', { functionName: 'schoonmaker', scale: '1', from: '2026-01-01' });

    for (const [workerId, name, birthDate] of [
      ['anna', 'Anna de Vries', '1995-03-02'],
      ['bram', 'Bram Jansen', '2007-06-15'],
      ['cem', 'Cem Yilmaz', '1988-11-30'],
    ]) {
      await command('/workers', {
        workerId,
        name,
        birthDate,
        homeArea: 'hengelo',
        skills: ['cleaning', 'attractions'],
        availability: { hoursPerWeek: 40 },
      });
      await command(`/workers/${workerId}/contracts`, {
        contractId: 'c1',
        kind: 'indefinite',
        from: '2026-03-01',
        guaranteedHoursPerWeek: 24,
        maxHoursPerWeek: 32,
      });
    }
    // Anna works the 2026 season in the park.
    await placement('anna-park-2026', 'anna', 'waarbeek', 'park', 'attractiemedewerker', { from: '2026-04-01', to: '2026-10-31' });
    await command('/placements/anna-park-2026/confirmation', { step: 1 });
    // Visschedijk asks for winter capacity while the park is closed.
    const facility = caller(app, 'demo-employer-visschedijk');
    const request = await facility.post('/capacity-requests').send({
      requestId: 'visschedijk-winter',
      employerId: 'visschedijk',
      siteId: 'hengelo',
      functionName: 'schoonmaker',
      requiredSkill: 'cleaning',
      period: { from: '2026-11-02', to: '2027-03-28' },
      hoursPerWeek: 24,
      headcount: 2,
    });
    expect(request.status).toBe(201);
  });
  afterAll(() => app?.close());

  it('places the park’s staff at facility services for the winter, with the wage of the new CAO', async () => {
    await placement(
      'anna-winter',
      'anna',
      'visschedijk',
      'hengelo',
      'schoonmaker',
      { from: '2026-11-02', to: '2027-03-28' },
      { capacityRequestId: 'visschedijk-winter' },
    );
    const confirmed = await command('/placements/anna-winter/confirmation', { step: 2 });
    expect(confirmed.body.events).toEqual(['PlacementConfirmed']);

    const park = (await settled('/placements/anna-park-2026')).body;
    const winter = (await settled('/placements/anna-winter')).body;
    expect(park).toMatchObject({
      agreed: { functionName: 'attractiemedewerker', caoCode: 'recreatie', scale: 'A', step: 1 },
      hirerTerms: { applies: true, basis: expect.stringContaining('art. 8a Waadi') },
      firstDayPay: { known: true, wage: { day: '2026-04-01', hourlyCents: 1495, basis: 'cao' } },
    });
    expect(winter.firstDayPay.wage).toMatchObject({ hourlyCents: 1610, basis: 'cao', cao: { code: 'schoonmaak', scale: '1', step: 2 } });
    // The move on 2 November: the park's last day against the first winter day. Pay is per day: by
    // 31 October the (illustrative) minimum wage from July, € 15,00, had overtaken the park's € 14,95.
    const difference = (await settled('/placements/anna-winter/pay-difference?from=anna-park-2026')).body;
    expect(difference).toMatchObject({
      differenceCents: 110,
      from: { day: '2026-10-31', caoCode: 'recreatie', hourlyCents: 1500, wageBasis: 'minimum_wage', minimumWageFrom: '2026-07-01' },
      to: { day: '2026-11-02', caoCode: 'schoonmaak', hourlyCents: 1610, wageBasis: 'cao', minimumWageFrom: '2026-07-01' },
    });
    // A day before the winter placement starts has no winter wage to compare.
    const before = await operator.get('/placements/anna-winter/pay-difference?from=anna-park-2026&on=2026-06-01').expect(422);
    expect(before.body).toMatchObject({ code: 'day_outside_placement' });

    // The placement process filled a place of the request and committed Anna's hours.
    const request = (await settled('/capacity-requests/visschedijk-winter')).body;
    expect(request.openSlots).toBe(1);
    const anna = (await settled('/workers/anna?purpose=pool_operations')).body;
    expect(anna.commitments.map((c: { placementId: string }) => c.placementId)).toEqual(['anna-park-2026', 'anna-winter']);
  });

  it('lifts a young worker’s wage to the statutory minimum for their age, never below', async () => {
    await placement('bram-winter', 'bram', 'visschedijk', 'hengelo', 'schoonmaker', { from: '2026-11-02', to: '2027-03-28' });
    await command('/placements/bram-winter/confirmation', { step: 0 });
    const pay = (await settled('/placements/bram-winter')).body.firstDayPay.wage;
    // Bram is 19 on 2026-11-02: 60 % of the adult minimum; the CAO's 15.30 is higher, so the CAO decides.
    expect(pay).toMatchObject({ age: 19, minimumWage: { youthBp: 6000 } });
    expect(pay.hourlyCents).toBe(Math.max(pay.cao.hourlyCents, pay.minimumWage.hourlyCents));
  });

  it('refuses a placement at a closed site', async () => {
    await placement('cem-park-winter', 'cem', 'waarbeek', 'park', 'attractiemedewerker', { from: '2026-12-01', to: '2027-01-31' });
    const refused = await command('/placements/cem-park-winter/confirmation', { step: 0 }, 422);
    expect(refused.body).toMatchObject({ code: 'site_closed' });
  });

  it('refuses a placement that takes the linked hours beyond the contract maximum', async () => {
    await placement('cem-a', 'cem', 'visschedijk', 'hengelo', 'schoonmaker', { from: '2027-01-04', to: '2027-02-28' });
    await command('/placements/cem-a/confirmation', { step: 0 });
    await settled('/workers/cem?purpose=pool_operations');
    await placement('cem-b', 'cem', 'visschedijk', 'hengelo', 'schoonmaker', { from: '2027-02-01', to: '2027-03-28' });
    const refused = await command('/placements/cem-b/confirmation', { step: 0 }, 422);
    expect(refused.body).toMatchObject({ status: 422, code: 'hours_limit_exceeded' });
    expect(refused.body.detail).toMatch(/32/);
    expect((await settled('/placements/cem-b')).body.status).toBe('proposed');
  });

  it('answers a stale If-Match with 409 and appends nothing', async () => {
    const before = (await operator.get('/capacity-requests/visschedijk-winter').expect(200)).body;
    const amend = (version: number) =>
      operator
        .post('/capacity-requests/visschedijk-winter/amendments')
        .set('If-Match', `"${version}"`)
        .send({ period: { from: '2026-11-02', to: '2027-03-28' }, hoursPerWeek: 24, headcount: 3 });
    await amend(before.version).expect(201);
    const stale = await amend(before.version).expect(409);
    expect(stale.body.title).toBe('Version conflict');
    expect((await operator.get('/capacity-requests/visschedijk-winter').expect(200)).body.version).toBe(before.version + 1);
  });

  it('50 concurrent commands on one capacity request: each succeeds or gets 409/422, none lost', async () => {
    const before = (await operator.get('/capacity-requests/visschedijk-winter').expect(200)).body;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        operator
          .post('/capacity-requests/visschedijk-winter/amendments')
          .send({ period: { from: '2026-11-02', to: '2027-03-28' }, hoursPerWeek: 24, headcount: 3 + (i % 7) }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 422)).toBe(true);
    const succeeded = answers.filter((a) => a.status === 201);
    const after = (await operator.get('/capacity-requests/visschedijk-winter').expect(200)).body;
    // Every success is one more event; no two successes claim the same version.
    expect(after.version).toBe(before.version + succeeded.length);
    expect(new Set(succeeded.map((a) => a.body.version)).size).toBe(succeeded.length);
  });

  it('never over-fills a request: confirmations beyond its headcount are undone by the placement process', async () => {
    await command('/employers/visschedijk/sites', { siteId: 'enschede', name: 'Enschede', area: 'enschede' });
    const facility = caller(app, 'demo-employer-visschedijk');
    await facility
      .post('/capacity-requests')
      .send({
        requestId: 'enschede-one',
        employerId: 'visschedijk',
        siteId: 'enschede',
        functionName: 'schoonmaker',
        requiredSkill: 'cleaning',
        period: { from: '2027-04-05', to: '2027-04-30' },
        hoursPerWeek: 8,
        headcount: 1,
      })
      .expect(201);
    for (const worker of ['anna', 'bram', 'cem']) {
      await placement(
        `${worker}-enschede`,
        worker,
        'visschedijk',
        'enschede',
        'schoonmaker',
        { from: '2027-04-05', to: '2027-04-30' },
        {
          capacityRequestId: 'enschede-one',
          hoursPerWeek: 8,
        },
      );
    }
    const confirmations = await Promise.all(
      ['anna', 'bram', 'cem'].map((w) => operator.post(`/placements/${w}-enschede/confirmation`).send({ step: 0 })),
    );
    for (const c of confirmations) if (c.body.position) lastPosition = [lastPosition, c.body.position].sort(byPosition).pop()!;
    expect(confirmations.map((c) => c.status)).toEqual([201, 201, 201]);

    const request = (await settled('/capacity-requests/enschede-one')).body;
    expect(request.placementIds).toHaveLength(1);
    expect(request.openSlots).toBe(0);
    const states = await Promise.all(['anna', 'bram', 'cem'].map(async (w) => (await settled(`/placements/${w}-enschede`)).body));
    expect(states.filter((p) => p.status === 'confirmed')).toHaveLength(1);
    const undone = states.filter((p) => p.status === 'withdrawn');
    expect(undone).toHaveLength(2);
    for (const p of undone) expect(p.reason).toMatch(/Confirmation undone/);
  });
});

function byPosition(a: string, b: string): number {
  const [ac, ap] = a.split('-').map(BigInt);
  const [bc, bp] = b.split('-').map(BigInt);
  return ac === bc ? Number(ap - bp) : ac < bc ? -1 : 1;
}
