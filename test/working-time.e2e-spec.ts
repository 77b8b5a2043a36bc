import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

/**
 * The Working Hours Act over HTTP: placements carry hours per weekday, and confirming one judges the
 * worker's commitments at every hirer by day, week and 4- and 16-week average, with the worker's age
 * on each day, against the shipped `working-time` rule table. 2027-03-01 is the Monday of 2027-W09.
 */
describe('working time over all hirers (HTTP)', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;
  let lastPosition = '';

  const command = async (path: string, body: object, status = 201) => {
    const response = await operator.post(path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status });
    if (response.body.position) lastPosition = response.body.position;
    return response.body as { events?: string[]; code?: string; detail?: string };
  };
  /** GET after the placement process has handled everything written so far. */
  const settled = async (path: string) =>
    (await operator.get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${lastPosition}`).expect(200)).body;
  const worker = async (workerId: string, birthDate: string) => {
    await command('/workers', {
      workerId,
      name: workerId,
      birthDate,
      homeArea: 'hengelo',
      skills: ['cleaning'],
      availability: { hoursPerWeek: 60 },
    });
    await command(`/workers/${workerId}/contracts`, {
      contractId: 'c1',
      kind: 'indefinite',
      from: '2027-01-01',
      guaranteedHoursPerWeek: 12,
      maxHoursPerWeek: 60,
    });
  };
  const propose = (placementId: string, workerId: string, hoursPerWeek: number, period: object, extra: object = {}, status = 201) =>
    command(
      '/placements',
      {
        placementId,
        workerId,
        employerId: 'schoon-bv',
        siteId: 'hengelo',
        functionName: 'schoonmaker',
        legalForm: 'payroll',
        hoursPerWeek,
        period,
        ...extra,
      },
      status,
    );
  const confirm = (placementId: string, status = 201) => command(`/placements/${placementId}/confirmation`, { step: 0 }, status);
  const twelveADay = {
    monday: { hours: 12 },
    tuesday: { hours: 12 },
    wednesday: { hours: 12 },
    thursday: { hours: 12 },
    friday: { hours: 12 },
  };

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
    await command('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await command('/caos/schoonmaak/versions', {
      effectiveFrom: '2026-01-01',
      content: {
        wageScales: { A: [1600] },
        surcharges: { timeBands: [], publicHolidayBp: 10000 },
        holidayPayBp: 800,
        fullTimeHoursPerWeek: 40,
        seasonalClause: false,
        illustrative: true,
      },
    });
    await command('/employers', { employerId: 'schoon-bv', name: 'Schoon BV', memberFrom: '2026-01-01' });
    await command('/employers/schoon-bv/cao-applications', { caoCode: 'schoonmaak', from: '2026-01-01' });
    await command('/employers/schoon-bv/sites', { siteId: 'hengelo', name: 'Hengelo', area: 'hengelo' });
    await command('/employers/schoon-bv/function-classifications', { functionName: 'schoonmaker', scale: 'A', from: '2026-01-01' });
    await worker('daan', '1990-04-01');
    await worker('noor', '2009-09-01'); // 17 throughout 2027's spring
  });
  afterAll(() => app?.close());

  describe('the pattern of a proposal', () => {
    it('refuses days that do not add up to the hours a week (422)', async () => {
      const refused = await propose(
        'daan-x',
        'daan',
        24,
        { from: '2027-03-01', to: '2027-03-07' },
        { pattern: { monday: { hours: 8 } } },
        422,
      );
      expect(refused).toMatchObject({ code: 'pattern_hours_mismatch' });
      expect(refused.detail).toContain('adds up to 8 h a week, but the placement is for 24 h a week');
    });

    it('refuses a malformed pattern (400)', async () => {
      await propose('daan-y', 'daan', 8, { from: '2027-03-01', to: '2027-03-07' }, { pattern: { funday: { hours: 8 } } }, 400);
      await propose(
        'daan-y',
        'daan',
        8,
        { from: '2027-03-01', to: '2027-03-07' },
        { pattern: { monday: { hours: 8, start: '8:00' } } },
        400,
      );
    });
  });

  describe('an adult', () => {
    it('refuses 60 h a week for 5 weeks by the 4-week average, naming the weeks', async () => {
      await propose('daan-long', 'daan', 60, { from: '2027-03-01', to: '2027-04-04' });
      const refused = await confirm('daan-long', 422);
      expect(refused).toMatchObject({ code: 'four_week_average_exceeded' });
      expect(refused.detail).toContain('From 2027-W09 to 2027-W12 the worker would work 240 h');
    });

    it('confirms a handover from Wednesday to Thursday that would be 120 h a week if each counted in full', async () => {
      await propose('daan-mon-wed', 'daan', 60, { from: '2027-03-01', to: '2027-03-03' });
      expect((await confirm('daan-mon-wed')).events).toEqual(['PlacementConfirmed']);
      await settled('/workers/daan?purpose=pool_operations');
      await propose('daan-thu-fri', 'daan', 60, { from: '2027-03-04', to: '2027-03-09' }, { pattern: twelveADay });
      expect((await confirm('daan-thu-fri')).events).toEqual(['PlacementConfirmed']);
      const daan = await settled('/workers/daan?purpose=pool_operations');
      expect(daan.commitments.map((c: { placementId: string }) => c.placementId)).toEqual(['daan-mon-wed', 'daan-thu-fri']);
    });

    it('refuses more hours on a day already worked for 12', async () => {
      await propose('daan-evening', 'daan', 2, { from: '2027-03-08', to: '2027-03-14' }, { pattern: { tuesday: { hours: 2 } } });
      const refused = await confirm('daan-evening', 422);
      expect(refused).toMatchObject({ code: 'shift_limit_exceeded' });
      expect(refused.detail).toContain(
        'On 2027-03-09 (2027-W10) the worker would work 14 h (12 h already committed + 2 h for this placement)',
      );
    });
  });

  describe('a 17-year-old', () => {
    it('refuses 46 h a week', async () => {
      await propose('noor-46', 'noor', 46, { from: '2027-03-01', to: '2027-03-07' });
      const refused = await confirm('noor-46', 422);
      expect(refused).toMatchObject({ code: 'working_week_limit_exceeded' });
      expect(refused.detail).toContain('45 h a week for a worker aged 16 to 17');
    });

    it('refuses work from 22:00 to 02:00', async () => {
      await propose(
        'noor-night',
        'noor',
        4,
        { from: '2027-03-01', to: '2027-03-07' },
        { pattern: { friday: { hours: 4, start: '22:00', end: '02:00' } } },
      );
      const refused = await confirm('noor-night', 422);
      expect(refused).toMatchObject({ code: 'night_work_not_allowed' });
      expect(refused.detail).toContain('between 23:00 and 06:00');
    });
  });
});
