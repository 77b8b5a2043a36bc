import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

/**
 * A job pool outside Twente, along the IJssel: a transport company with a depot in Kampen and a
 * facility-services company in Zwolle, workers living in Zwolle and Kampen. One scenario over HTTP
 * through the rules added recently: the wage of each day (a birthday, 1 January, a CAO version
 * starting mid-placement, a minimum wage not yet published), the Working Hours Act over every
 * hirer, the hirer's maximum placement duration, the seasonal clause of the chain rule, a closure
 * declared over a confirmed placement, and an allocation run reaching both towns by distance.
 */

/** Illustrative CAO figures (not from a published CAO), in cents an hour per step. */
const caoContent = (scaleA: number[], extra: object = {}) => ({
  wageScales: { A: scaleA },
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
  ...extra,
});
/** The cleaning CAO's own youth percentages (illustrative), and a seasonal clause it states itself. */
const cleaning = (scaleA: number[]) => caoContent(scaleA, { youthBp: { 17: 5000, 18: 6000, 19: 7000, 20: 8500 }, seasonalClause: true });

/**
 * The minimum wage from 1 July 2026 was not published when this was written: an illustrative figure
 * for a test, published the way an operator publishes the next period.
 */
const secondHalf2026 = {
  effectiveFrom: '2026-07-01',
  effectiveUntil: '2026-12-31',
  values: { adultHourlyCents: 1500, adultAge: 21, youthBp: { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 } },
  source: { title: 'Illustrative figure for a test', url: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon' },
  reason: 'Illustrative indexation of 1 July 2026',
};

const TRANSPORT = 'ijsseldelta-transport';
const FACILITAIR = 'zwolle-facilitair';

interface Accepted {
  events?: string[];
  position?: string;
  code?: string;
  detail?: string;
  [key: string]: unknown;
}

describe('an IJssel pool (Zwolle and Kampen) under the recent rules, over HTTP', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;
  let lastPosition = '';

  /** POST (or PUT) as `by`, expecting `status`; remembers the position of what was written. */
  const send = async (method: 'post' | 'put', path: string, body: object, status: number, by = operator) => {
    const response = await by[method](path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status });
    if (response.body.position) lastPosition = response.body.position;
    return response.body as Accepted;
  };
  const command = (path: string, body: object, status = 201) => send('post', path, body, status);
  /** GET once the read models and the placement process have handled everything written so far. */
  const settled = async (path: string) =>
    (
      await operator
        .get(`${path}${path.includes('?') ? '&' : '?'}waitFor=${lastPosition}`)
        .expect(200)
        .expect('X-Consistency', 'reached')
    ).body;
  const wage = async (placementId: string, on: string, status = 200) =>
    (await operator.get(`/placements/${placementId}/wage?on=${on}&waitFor=${lastPosition}`).expect(status)).body;

  const register = (workerId: string, postcode: string, birthDate: string, skills: string[], hoursPerWeek: number) =>
    command('/workers', { workerId, name: workerId, birthDate, postcode, skills, availability: { hoursPerWeek } });
  const indefinite = (workerId: string, from: string, guaranteedHoursPerWeek: number, maxHoursPerWeek: number) =>
    command(`/workers/${workerId}/contracts`, { contractId: 'c1', kind: 'indefinite', from, guaranteedHoursPerWeek, maxHoursPerWeek });
  const fixedTerm = (contractId: string, from: string, to: string, extra: object = {}) => ({
    contractId,
    kind: 'fixed_term',
    from,
    to,
    guaranteedHoursPerWeek: 16,
    maxHoursPerWeek: 32,
    ...extra,
  });

  /** A placement at the Zwolle site (cleaning) or the Kampen depot (transport). */
  const propose = (
    placementId: string,
    workerId: string,
    at: 'zwolle' | 'kampen',
    functionName: string,
    hoursPerWeek: number,
    period: { from: string; to: string },
    extra: object = {},
  ) =>
    command('/placements', {
      placementId,
      workerId,
      employerId: at === 'zwolle' ? FACILITAIR : TRANSPORT,
      siteId: at,
      functionName,
      legalForm: 'payroll',
      hoursPerWeek,
      period,
      ...extra,
    });
  const confirm = (placementId: string, status = 201, step = 0) => command(`/placements/${placementId}/confirmation`, { step }, status);
  /** Confirms, then waits for the placement process to commit the worker's hours: the placement stays confirmed. */
  const confirmed = async (placementId: string, step = 0) => {
    expect((await confirm(placementId, 201, step)).events).toEqual(['PlacementConfirmed']);
    const placement = await settled(`/placements/${placementId}`);
    expect(placement.status).toBe('confirmed');
    const worker = await settled(`/workers/${placement.workerId}?purpose=pool_operations`);
    expect(worker.commitments.map((c: { placementId: string }) => c.placementId)).toContain(placementId);
    return placement;
  };
  const twelveHours = (...weekdays: string[]) => Object.fromEntries(weekdays.map((day) => [day, { hours: 12 }]));

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
  });
  afterAll(() => app?.close());

  it('sets up two CAOs, a transport company in Kampen and a cleaning company in Zwolle, and workers from both towns', async () => {
    await command('/caos', { code: 'transport', name: 'CAO Beroepsgoederenvervoer (illustrative)' });
    await command('/caos/transport/versions', { effectiveFrom: '2025-01-01', content: caoContent([1600, 1650]) });
    await command('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await command('/caos/schoonmaak/versions', { effectiveFrom: '2025-01-01', content: cleaning([1400, 1430]) });
    // The second version starts in the middle of a placement (fenna-zomer below).
    await command('/caos/schoonmaak/versions', { effectiveFrom: '2026-07-01', content: cleaning([1550, 1590]) });

    await command('/employers', { employerId: TRANSPORT, name: 'IJsseldelta Transport', memberFrom: '2025-01-01' });
    await command(`/employers/${TRANSPORT}/cao-applications`, { caoCode: 'transport', from: '2025-01-01' });
    await command(`/employers/${TRANSPORT}/sites`, { siteId: 'kampen', name: 'Kampen, depot', postcode: '8263 AA' });
    for (const functionName of ['chauffeur', 'magazijnmedewerker'])
      await command(`/employers/${TRANSPORT}/function-classifications`, { functionName, scale: 'A', from: '2025-01-01' });

    await command('/employers', { employerId: FACILITAIR, name: 'Zwolle Facilitair', memberFrom: '2025-01-01' });
    await command(`/employers/${FACILITAIR}/cao-applications`, { caoCode: 'schoonmaak', from: '2025-01-01' });
    await command(`/employers/${FACILITAIR}/sites`, { siteId: 'zwolle', name: 'Zwolle, Voorstraat', postcode: '8011 ML' });
    await command(`/employers/${FACILITAIR}/function-classifications`, { functionName: 'schoonmaker', scale: 'A', from: '2025-01-01' });

    // Fenna (Zwolle) is an adult who may work up to the Act's 60 h a week; Jesse (Kampen) turns 18 on 2025-10-15.
    await register('fenna', '8017 AB', '1994-05-20', ['cleaning'], 60);
    await indefinite('fenna', '2025-01-01', 24, 60);
    await register('jesse', '8261 CD', '2007-10-15', ['cleaning'], 45);
    await indefinite('jesse', '2025-08-01', 8, 45);
    // Kees (Kampen) drives; Lotte (Zwolle) has fixed-term contracts. Neither cleans, so neither is allocated below.
    await register('kees', '8262 AB', '1985-02-11', ['driving'], 40);
    await indefinite('kees', '2026-01-01', 32, 40);
    await register('lotte', '8025 AB', '1999-06-30', ['catering'], 32);

    expect(await settled('/workers/fenna?purpose=pool_operations')).toMatchObject({
      homeArea: 'Zwolle',
      location: { postcode: '8017 AB' },
    });
    expect(await settled('/workers/jesse?purpose=pool_operations')).toMatchObject({
      homeArea: 'Kampen',
      location: { postcode: '8261 CD' },
    });
    expect((await settled(`/employers/${FACILITAIR}`)).sites).toEqual([
      expect.objectContaining({
        siteId: 'zwolle',
        area: 'Zwolle',
        location: { postcode: '8011 ML', coordinates: { lat: 52.51, lon: 6.09 } },
      }),
    ]);
    expect((await settled(`/employers/${TRANSPORT}`)).sites).toEqual([
      expect.objectContaining({
        siteId: 'kampen',
        area: 'Kampen',
        location: { postcode: '8263 AA', coordinates: { lat: 52.56, lon: 5.91 } },
      }),
    ]);
  });

  describe('the wage of each day', () => {
    beforeAll(async () => {
      await propose('jesse-herfst', 'jesse', 'zwolle', 'schoonmaker', 16, { from: '2025-09-01', to: '2025-11-28' });
      await confirmed('jesse-herfst');
      await propose('fenna-jaarwisseling', 'fenna', 'zwolle', 'schoonmaker', 24, { from: '2025-12-01', to: '2026-02-27' });
      await confirmed('fenna-jaarwisseling');
      await propose('fenna-zomer', 'fenna', 'zwolle', 'schoonmaker', 24, { from: '2026-06-01', to: '2026-08-28' });
      await confirmed('fenna-zomer');
    });

    it('rises on the 18th birthday: the CAO youth wage for 17, then for 18', async () => {
      expect(await wage('jesse-herfst', '2025-10-14')).toEqual({
        placementId: 'jesse-herfst',
        workerId: 'jesse',
        employerId: FACILITAIR,
        day: '2025-10-14',
        hourlyCents: 700,
        basis: 'cao',
        age: 17,
        cao: {
          code: 'schoonmaak',
          effectiveFrom: '2025-01-01',
          revision: 0,
          scale: 'A',
          step: 0,
          scaleHourlyCents: 1400,
          youthBp: 5000,
          hourlyCents: 700,
        },
        // 39.5 % of € 14,40 is € 5,688: € 5,69.
        minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2025-07-01', revision: 0 }, youthBp: 3950, hourlyCents: 569 },
      });
      expect(await wage('jesse-herfst', '2025-10-15')).toMatchObject({
        day: '2025-10-15',
        age: 18,
        hourlyCents: 840,
        basis: 'cao',
        cao: { youthBp: 6000, hourlyCents: 840 },
        minimumWage: { youthBp: 5000, hourlyCents: 720 },
      });
    });

    it('follows the minimum wage over 1 January for an adult whose CAO wage is below it (€ 14,40 → € 14,71)', async () => {
      expect(await wage('fenna-jaarwisseling', '2025-12-31')).toMatchObject({
        age: 31,
        hourlyCents: 1440,
        basis: 'minimum_wage',
        cao: { effectiveFrom: '2025-01-01', youthBp: 10000, hourlyCents: 1400 },
        minimumWage: { rule: { effectiveFrom: '2025-07-01' }, youthBp: 10000, hourlyCents: 1440 },
      });
      expect(await wage('fenna-jaarwisseling', '2026-01-01')).toMatchObject({
        hourlyCents: 1471,
        basis: 'minimum_wage',
        cao: { effectiveFrom: '2025-01-01', hourlyCents: 1400 },
        minimumWage: { rule: { effectiveFrom: '2026-01-01' }, hourlyCents: 1471 },
      });
    });

    it('answers 422 past the published minimum wage, naming the table and the day', async () => {
      expect(await wage('fenna-zomer', '2026-06-30')).toMatchObject({
        hourlyCents: 1471,
        basis: 'minimum_wage',
        cao: { effectiveFrom: '2025-01-01', hourlyCents: 1400 },
      });
      const outdated = await wage('fenna-zomer', '2026-07-01', 422);
      expect(outdated).toMatchObject({ code: 'rule_table_outdated' });
      expect(outdated.detail).toContain('The rule table "minimum-wage" has no figures for 2026-07-01: its last period ends on 2026-06-30');
    });

    it('takes the CAO version starting mid-placement on its date, once the minimum wage for that day is published', async () => {
      const published = await command('/rules/minimum-wage', secondHalf2026);
      expect(published.events).toEqual(['MinimumWagePublished']);
      expect(await wage('fenna-zomer', '2026-07-01')).toMatchObject({
        day: '2026-07-01',
        hourlyCents: 1550,
        basis: 'cao',
        cao: {
          code: 'schoonmaak',
          effectiveFrom: '2026-07-01',
          revision: 0,
          scale: 'A',
          step: 0,
          scaleHourlyCents: 1550,
          hourlyCents: 1550,
        },
        minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-07-01', revision: 0 }, hourlyCents: 1500 },
      });
      // The day before still has the first version.
      expect((await wage('fenna-zomer', '2026-06-30')).cao).toMatchObject({ effectiveFrom: '2025-01-01', scaleHourlyCents: 1400 });
    });
  });

  describe('working time over every hirer', () => {
    it('refuses 60 h a week for 5 weeks by the 4-week average, and confirms a single week of 60 h', async () => {
      // Her pool contract allows 60 h a week, so only the Working Hours Act limits her.
      expect((await settled('/workers/fenna?purpose=pool_operations')).contracts).toEqual([
        expect.objectContaining({ contractId: 'c1', terms: expect.objectContaining({ kind: 'indefinite', maxHoursPerWeek: 60 }) }),
      ]);
      await propose('fenna-vijf-weken', 'fenna', 'zwolle', 'schoonmaker', 60, { from: '2027-04-05', to: '2027-05-09' });
      const refused = await confirm('fenna-vijf-weken', 422);
      expect(refused).toMatchObject({ code: 'four_week_average_exceeded' });
      expect(refused.detail).toContain(
        'From 2027-W14 to 2027-W17 the worker would work 240 h (0 h already committed + 240 h for this placement), an average of 60 h a week, ' +
          "more than the Working Hours Act's average of 55 h a week over 4 weeks for a worker aged 18 or older",
      );
      expect((await settled('/placements/fenna-vijf-weken')).status).toBe('proposed');

      await propose('fenna-piekweek', 'fenna', 'zwolle', 'schoonmaker', 60, { from: '2027-03-01', to: '2027-03-07' });
      await confirmed('fenna-piekweek');
    });

    it('refuses a 17-year-old 46 h a week (45 h is allowed)', async () => {
      await propose('jesse-46', 'jesse', 'zwolle', 'schoonmaker', 46, { from: '2025-08-04', to: '2025-08-10' });
      const refused = await confirm('jesse-46', 422);
      expect(refused).toMatchObject({ code: 'working_week_limit_exceeded' });
      expect(refused.detail).toContain(
        'In week 2025-W32 the worker would work 46 h a week (0 h already committed + 46 h for this placement), ' +
          'more than the Working Hours Act limit of 45 h a week for a worker aged 16 to 17',
      );
      await propose('jesse-45', 'jesse', 'zwolle', 'schoonmaker', 45, { from: '2025-08-04', to: '2025-08-10' });
      await confirmed('jesse-45');
    });

    it('confirms a handover from Wednesday in Zwolle to Thursday in Kampen, counting each day once', async () => {
      // 12 h Monday to Wednesday in Zwolle until Wednesday 26 May, then 60 h a week in Kampen from Thursday 27 May:
      // the week of the handover (2027-W21) holds 36 h + 24 h = 60 h.
      await propose(
        'fenna-zwolle-mei',
        'fenna',
        'zwolle',
        'schoonmaker',
        36,
        { from: '2027-05-10', to: '2027-05-26' },
        { pattern: twelveHours('monday', 'tuesday', 'wednesday') },
      );
      await confirmed('fenna-zwolle-mei');
      await propose(
        'fenna-kampen-juni',
        'fenna',
        'kampen',
        'magazijnmedewerker',
        60,
        { from: '2027-05-27', to: '2027-06-04' },
        { pattern: twelveHours('monday', 'tuesday', 'wednesday', 'thursday', 'friday') },
      );
      await confirmed('fenna-kampen-juni');
      const fenna = await settled('/workers/fenna?purpose=pool_operations');
      expect(fenna.commitments.map((c: { placementId: string }) => c.placementId).sort()).toEqual([
        'fenna-jaarwisseling',
        'fenna-kampen-juni',
        'fenna-piekweek',
        'fenna-zomer',
        'fenna-zwolle-mei',
      ]);

      // One more hour on the Saturday of the handover week would make it 61 h.
      await propose(
        'fenna-extra-uur',
        'fenna',
        'zwolle',
        'schoonmaker',
        1,
        { from: '2027-05-24', to: '2027-05-30' },
        { pattern: { saturday: { hours: 1 } } },
      );
      const refused = await confirm('fenna-extra-uur', 422);
      expect(refused).toMatchObject({ code: 'working_week_limit_exceeded' });
      expect(refused.detail).toContain(
        'In week 2027-W21 the worker would work 61 h a week (60 h already committed + 1 h for this placement)',
      );
    });
  });

  describe('the hirer’s maximum placement duration', () => {
    it('is stated by the transport company: at most 23 months', async () => {
      const limits = {
        maxPlacementMonths: 23,
        from: '2026-01-01',
        reason: 'Our transport CAO lets us hire a driver for at most 23 months',
      };
      const stated = await send('put', `/employers/${TRANSPORT}/placement-limits`, limits, 200, caller(app, `demo-employer-${TRANSPORT}`));
      expect(stated.events).toEqual(['PlacementLimitsStated']);
      expect((await settled(`/employers/${TRANSPORT}`)).placementLimits).toEqual([limits]);
    });

    it('refuses to confirm a 24-month placement (422) and confirms one of 23 months', async () => {
      await propose('kees-24-maanden', 'kees', 'kampen', 'chauffeur', 32, { from: '2027-01-04', to: '2029-01-03' });
      const refused = await confirm('kees-24-maanden', 422);
      expect(refused).toMatchObject({ code: 'max_duration_exceeded' });
      expect(refused.detail).toContain(
        `Placement kees-24-maanden would run 2027-01-04 to 2029-01-03, 24 months; employer ${TRANSPORT} takes a placement for at most 23 months ` +
          '(stated from 2026-01-01), so one from 2027-01-04 may last until 2028-12-03.',
      );
      await propose('kees-23-maanden', 'kees', 'kampen', 'chauffeur', 32, { from: '2027-01-04', to: '2028-12-03' });
      const placement = await confirmed('kees-23-maanden');
      // Its first day is past the minimum wage published so far: confirmed, with that day's pay not yet known.
      expect(placement.firstDayPay).toMatchObject({ known: false, reason: expect.stringContaining('has no figures for 2027-01-04') });
    });
  });

  describe('the chain rule’s seasonal clause', () => {
    beforeAll(async () => {
      for (const [id, from, to] of [
        ['c1', '2026-01-01', '2026-03-31'],
        ['c2', '2026-04-01', '2026-06-30'],
        ['c3', '2026-07-01', '2026-09-30'],
      ])
        await command('/workers/lotte/contracts', fixedTerm(id, from, to));
    });

    it('refuses a fourth contract after a gap of just over 3 months, and the seasonal gap from a CAO that binds a hirer, not the pool', async () => {
      const fourth = fixedTerm('c4', '2027-01-02', '2027-03-31');
      expect(await command('/workers/lotte/contracts', fourth, 422)).toMatchObject({ code: 'chain_rule_exceeded' });

      // Zwolle Facilitair applies the cleaning CAO, which has a seasonal clause, but the pool records no binding by it.
      expect((await settled('/caos/schoonmaak')).bindings).toEqual([]);
      const refused = await command('/workers/lotte/contracts', { ...fourth, seasonalClauseCao: 'schoonmaak' }, 422);
      expect(refused).toMatchObject({ code: 'cao_not_binding_pool' });
      expect(refused.detail).toContain('CAO schoonmaak does not bind the pool on 2027-01-02');
      expect((await settled('/workers/lotte?purpose=pool_operations')).contracts.map((c: { contractId: string }) => c.contractId)).toEqual([
        'c1',
        'c2',
        'c3',
      ]);
    });
  });

  describe('a closure declared after a confirmation', () => {
    it('lists the confirmed placement it overlaps, in its answer and on GET /conflicts', async () => {
      const summer = { siteId: 'zwolle', period: { from: '2026-07-20', to: '2026-08-02' }, reason: 'Zomersluiting' };
      const declared = await send('post', `/employers/${FACILITAIR}/closures`, summer, 201, caller(app, `demo-employer-${FACILITAIR}`));
      expect(declared).toMatchObject({
        events: ['SeasonalClosureDeclared'],
        overlappingPlacements: {
          consistency: 'reached',
          total: 1,
          items: [
            {
              placementId: 'fenna-zomer',
              workerId: 'fenna',
              employerId: FACILITAIR,
              siteId: 'zwolle',
              hours: 24,
              placement: { from: '2026-06-01', to: '2026-08-28', ended: false },
              closure: { from: '2026-07-20', to: '2026-08-02', reason: 'Zomersluiting' },
              overlap: { from: '2026-07-20', to: '2026-08-02', days: 14 },
              releasedWeeks: ['2026-W30', '2026-W31'],
            },
          ],
        },
      });
      const conflicts = await settled('/conflicts');
      expect(conflicts).toMatchObject({ total: 1, items: [{ placementId: 'fenna-zomer', overlap: { days: 14 } }] });
      expect(conflicts.items).toEqual((declared.overlappingPlacements as { items: unknown[] }).items);
      // The placement itself stays confirmed.
      expect((await settled('/placements/fenna-zomer')).status).toBe('confirmed');
    });
  });

  describe('allocation', () => {
    it('proposes the Zwolle and the Kampen worker for a request at the Zwolle site, by their distance', async () => {
      await command('/capacity-requests', {
        requestId: 'zwolle-najaar',
        employerId: FACILITAIR,
        siteId: 'zwolle',
        functionName: 'schoonmaker',
        requiredSkill: 'cleaning',
        period: { from: '2026-11-02', to: '2026-11-22' },
        hoursPerWeek: 24,
        headcount: 2,
      });
      const scope = { fromWeek: '2026-W45', toWeek: '2026-W47', requestIds: ['zwolle-najaar'] };
      await command('/allocation-runs', { runId: 'ijssel-najaar', scope, timeLimitSeconds: 10 });
      const run = await settled('/allocation-runs/ijssel-najaar');
      const proposals: {
        workerId: string;
        hoursPerWeek: number;
        from: string;
        to: string;
        reasons: Record<string, unknown>;
        explanation: string;
      }[] = run.proposals.items;
      expect(proposals.map((p) => p.workerId).sort()).toEqual(['fenna', 'jesse']);
      const of = (workerId: string) => proposals.find((p) => p.workerId === workerId)!;
      for (const p of proposals) expect(p).toMatchObject({ hoursPerWeek: 24, from: '2026-11-02', to: '2026-11-22' });
      // Both worked at the Zwolle site before (the wage placements above).
      expect(of('fenna').reasons).toMatchObject({ skill: 'cleaning', distanceKm: 0, continuity: 'returning', consecutiveWeeks: 3 });
      expect(of('fenna').explanation).toContain('0 km from Zwolle (52.51, 6.09) to Zwolle (52.51, 6.09)');
      // Kampen to Zwolle as the crow flies, between the towns' centres: well inside the travel cut-off of 40 km.
      expect(of('jesse').reasons).toMatchObject({ skill: 'cleaning', distanceKm: 17, continuity: 'returning', consecutiveWeeks: 3 });
      expect(of('jesse').explanation).toContain('17 km from Kampen (52.56, 5.91) to Zwolle (52.51, 6.09)');
    });
  });
});
