import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

/**
 * A closure declared after a placement at its site was confirmed: the placement stays confirmed,
 * and the closure's answer and GET /conflicts say so until the placement no longer overlaps it.
 */
describe('closures declared over confirmed placements', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;
  let lastPosition = '';

  const command = async (path: string, body: object, by = operator) => {
    const response = await by.post(path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    lastPosition = response.body.position;
    return response;
  };
  /** GET once the read models include every command so far. */
  const conflicts = async (by = operator, query = '') =>
    (await by.get(`/conflicts?waitFor=${lastPosition}${query}`).expect(200).expect('X-Consistency', 'reached')).body;
  const christmas = { siteId: 'hengelo', period: { from: '2026-12-21', to: '2027-01-03' }, reason: 'Christmas closure' };

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
    await command('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await command('/caos/schoonmaak/versions', {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1525, 1598] },
        surcharges: { timeBands: [], publicHolidayBp: 10000 },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 38,
        seasonalClause: false,
        illustrative: true,
      },
    });
    await command('/employers', { employerId: 'visschedijk', name: 'Visschedijk Facilitair', memberFrom: '2026-01-01' });
    await command('/employers/visschedijk/cao-applications', { caoCode: 'schoonmaak', from: '2026-01-01' });
    await command('/employers/visschedijk/sites', { siteId: 'hengelo', name: 'Hengelo', area: 'hengelo' });
    await command('/employers/visschedijk/function-classifications', { functionName: 'schoonmaker', scale: 'A', from: '2026-01-01' });
    await command('/workers', {
      workerId: 'anna',
      name: 'Anna de Vries',
      birthDate: '1995-03-02',
      homeArea: 'hengelo',
      skills: ['cleaning'],
      availability: { hoursPerWeek: 40 },
    });
    await command('/workers/anna/contracts', {
      contractId: 'c1',
      kind: 'indefinite',
      from: '2026-03-01',
      guaranteedHoursPerWeek: 24,
      maxHoursPerWeek: 32,
    });
    await command('/placements', {
      placementId: 'anna-winter',
      workerId: 'anna',
      employerId: 'visschedijk',
      siteId: 'hengelo',
      functionName: 'schoonmaker',
      legalForm: 'payroll',
      hoursPerWeek: 24,
      period: { from: '2026-11-02', to: '2027-03-28' },
    });
    await command('/placements/anna-winter/confirmation', { step: 1 });
  });
  afterAll(() => app?.close());

  it('answers a closure with the confirmed placements it overlaps', async () => {
    const declared = await command('/employers/visschedijk/closures', christmas, caller(app, 'demo-employer-visschedijk'));
    expect(declared.body).toMatchObject({
      streamId: 'employer-visschedijk',
      events: ['SeasonalClosureDeclared'],
      overlappingPlacements: {
        consistency: 'reached',
        total: 1,
        items: [
          {
            placementId: 'anna-winter',
            workerId: 'anna',
            employerId: 'visschedijk',
            siteId: 'hengelo',
            hours: 24,
            placement: { from: '2026-11-02', to: '2027-03-28', ended: false },
            closure: { from: '2026-12-21', to: '2027-01-03', reason: 'Christmas closure' },
            overlap: { from: '2026-12-21', to: '2027-01-03', days: 14 },
            releasedWeeks: ['2026-W52', '2026-W53'],
            since: { position: declared.body.position },
          },
        ],
      },
    });
    // The placement itself is untouched: still confirmed for its whole period.
    expect((await operator.get(`/placements/anna-winter?waitFor=${lastPosition}`).expect(200)).body.status).toBe('confirmed');
  });

  it('answers an empty list when the closure overlaps nothing', async () => {
    const declared = await command('/employers/visschedijk/closures', {
      siteId: 'hengelo',
      period: { from: '2027-07-19', to: '2027-08-01' },
      reason: 'Summer maintenance',
    });
    expect(declared.body.overlappingPlacements).toEqual({ consistency: 'reached', total: 0, items: [] });
  });

  it('lists the conflict on GET /conflicts, to the pool and its own employer only', async () => {
    const listed = await conflicts();
    expect(listed).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ placementId: 'anna-winter' }] });
    expect(await conflicts(operator, '&workerId=anna&siteId=hengelo')).toEqual(listed);
    expect((await conflicts(operator, '&workerId=bram')).total).toBe(0);
    expect(await conflicts(caller(app, 'demo-employer-visschedijk'))).toEqual(listed);
    expect(await conflicts(caller(app, 'demo-auditor'))).toEqual(listed);

    const other = caller(app, 'demo-employer-waarbeek');
    expect(await conflicts(other)).toMatchObject({ total: 0, items: [] });
    await other.get('/conflicts?employerId=visschedijk').expect(403);
    await operator.get('/conflicts?limit=0').expect(400);
    await operator.get('/conflicts?workerId=no%20spaces').expect(400);
  });

  it('drops the conflict once the placement ends before the closure', async () => {
    await command('/placements/anna-winter/early-end', { lastDay: '2026-12-18', reason: 'Moves away' });
    expect(await conflicts()).toMatchObject({ total: 0, items: [] });
  });
});
