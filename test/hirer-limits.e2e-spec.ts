import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

/** Illustrative CAO figures (not from a published CAO), in cents an hour per step. */
const caoContent = (seasonalClause: boolean) => ({
  wageScales: { A: [1600, 1650] },
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 40,
  seasonalClause,
  illustrative: true,
});

/**
 * A transport company takes a hired worker for at most 23 months, and the recreation CAO's seasonal
 * clause counts for the pool's chain of contracts only once the pool records that the CAO binds it.
 */
describe('hirer limits and the chain rule’s inputs over HTTP', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;

  /** POST as the operator, expecting `status`; answers the body. */
  const command = async (path: string, body: object, status = 201) => {
    const response = await operator.post(path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status });
    return response.body as { events?: string[]; code?: string; detail?: string };
  };
  const fixedTerm = (contractId: string, from: string, to: string, extra: object = {}) => ({
    contractId,
    kind: 'fixed_term',
    from,
    to,
    guaranteedHoursPerWeek: 16,
    maxHoursPerWeek: 32,
    ...extra,
  });
  const register = (workerId: string, name: string) =>
    command('/workers', {
      workerId,
      name,
      birthDate: '1990-03-02',
      homeArea: 'hengelo',
      skills: ['driving'],
      availability: { hoursPerWeek: 40 },
    });
  const propose = (placementId: string, to: string) =>
    command('/placements', {
      placementId,
      workerId: 'kees',
      employerId: 'transport-bv',
      siteId: 'depot',
      functionName: 'chauffeur',
      legalForm: 'payroll',
      hoursPerWeek: 32,
      period: { from: '2027-01-04', to },
    });

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
    await command('/caos', { code: 'transport', name: 'CAO Beroepsgoederenvervoer (illustrative)' });
    await command('/caos/transport/versions', { effectiveFrom: '2026-01-01', content: caoContent(false) });
    await command('/caos', { code: 'recreatie', name: 'CAO Recreatie (illustrative)' });
    await command('/caos/recreatie/versions', { effectiveFrom: '2026-01-01', content: caoContent(true) });

    await command('/employers', { employerId: 'transport-bv', name: 'Transport BV', memberFrom: '2026-01-01' });
    await command('/employers/transport-bv/cao-applications', { caoCode: 'transport', from: '2026-01-01' });
    await command('/employers/transport-bv/sites', { siteId: 'depot', name: 'Depot Hengelo', area: 'hengelo' });
    await command('/employers/transport-bv/function-classifications', { functionName: 'chauffeur', scale: 'A', from: '2026-01-01' });

    await register('kees', 'Kees Bakker');
    await command('/workers/kees/contracts', {
      contractId: 'c1',
      kind: 'indefinite',
      from: '2026-01-01',
      guaranteedHoursPerWeek: 32,
      maxHoursPerWeek: 40,
    });
  });
  afterAll(() => app?.close());

  describe('the maximum placement duration', () => {
    it('is stated by the employer itself, not by another employer', async () => {
      const limits = { maxPlacementMonths: 23, from: '2026-01-01', reason: 'We take a hired driver for at most 23 months' };
      await caller(app, 'demo-employer-elsewhere').put('/employers/transport-bv/placement-limits').send(limits).expect(403);
      const stated = await caller(app, 'demo-employer-transport-bv')
        .put('/employers/transport-bv/placement-limits')
        .send(limits)
        .expect(200);
      expect(stated.body.events).toEqual(['PlacementLimitsStated']);
      const employer = await operator.get('/employers/transport-bv').expect(200);
      expect(employer.body.placementLimits).toEqual([limits]);
    });

    it('refuses a malformed statement with 400', async () => {
      const put = (body: object) => operator.put('/employers/transport-bv/placement-limits').send(body);
      await put({ maxPlacementMonths: 0, from: '2026-01-01' }).expect(400);
      await put({ maxPlacementMonths: 2.5, from: '2026-01-01' }).expect(400);
      await put({ maxPlacementMonths: 12 }).expect(400);
    });

    it('refuses to confirm a 24-month placement (422) and confirms one of 23 months', async () => {
      await propose('kees-24', '2029-01-03');
      const refused = await command('/placements/kees-24/confirmation', { step: 0 }, 422);
      expect(refused).toMatchObject({ code: 'max_duration_exceeded' });
      expect(refused.detail).toContain('24 months');
      expect(refused.detail).toContain('at most 23 months');
      expect(refused.detail).toContain('may last until 2028-12-03');

      await propose('kees-23', '2028-12-03');
      expect((await command('/placements/kees-23/confirmation', { step: 0 })).events).toEqual(['PlacementConfirmed']);
    });

    it('refuses an extension past the maximum', async () => {
      const refused = await command('/placements/kees-23/extension', { to: '2028-12-04' }, 422);
      expect(refused).toMatchObject({ code: 'max_duration_exceeded' });
    });
  });

  describe('the seasonal clause of a CAO binding the pool', () => {
    beforeAll(async () => {
      await register('lotte', 'Lotte Jansen');
      for (const [id, from, to] of [
        ['c1', '2026-01-01', '2026-03-31'],
        ['c2', '2026-04-01', '2026-06-30'],
        ['c3', '2026-07-01', '2026-09-30'],
      ]) {
        await command('/workers/lotte/contracts', fixedTerm(id, from, to));
      }
    });

    it('without the clause, a contract after a gap of 3 months is the fourth in the chain', async () => {
      const refused = await command('/workers/lotte/contracts', fixedTerm('c4', '2027-01-02', '2027-03-31'), 422);
      expect(refused).toMatchObject({ code: 'chain_rule_exceeded' });
    });

    it('refuses the seasonal gap from a CAO the pool has not recorded as binding it', async () => {
      const refused = await command(
        '/workers/lotte/contracts',
        fixedTerm('c4', '2027-01-02', '2027-03-31', { seasonalClauseCao: 'recreatie' }),
        422,
      );
      expect(refused).toMatchObject({ code: 'cao_not_binding_pool' });
      expect(refused.detail).toContain('CAO recreatie does not bind the pool on 2027-01-02');
    });

    it('once the CAO binds the pool, a gap of more than 3 months breaks the chain', async () => {
      const binding = await command('/caos/recreatie/binding', {
        from: '2026-01-01',
        basis: 'Member of the recreation employers’ organisation',
      });
      expect(binding.events).toEqual(['CaoBindingOnPoolRecorded']);
      expect((await operator.get('/caos/recreatie').expect(200)).body.bindings).toEqual([
        { from: '2026-01-01', basis: 'Member of the recreation employers’ organisation' },
      ]);
      const agreed = await command(
        '/workers/lotte/contracts',
        fixedTerm('c4', '2027-01-02', '2027-03-31', { seasonalClauseCao: 'recreatie' }),
      );
      expect(agreed.events).toEqual(['PoolContractAgreed']);
    });

    it('only operators record a binding', async () => {
      await caller(app, 'demo-employer-transport-bv')
        .post('/caos/recreatie/binding')
        .send({ from: '2028-01-01', basis: 'Not theirs to say' })
        .expect(403);
    });
  });

  it('counts a direct contract with a hirer as a link, so the pool’s third contract is the fourth', async () => {
    await register('mila', 'Mila de Boer');
    const recorded = await command('/workers/mila/direct-contracts', {
      contractId: 'tb-2025-017',
      employerId: 'transport-bv',
      from: '2025-07-01',
      to: '2025-12-31',
    });
    expect(recorded.events).toEqual(['DirectContractRecorded']);
    await command('/workers/mila/contracts', fixedTerm('c1', '2026-01-01', '2026-06-30'));
    await command('/workers/mila/contracts', fixedTerm('c2', '2026-07-01', '2026-12-31'));
    const refused = await command('/workers/mila/contracts', fixedTerm('c3', '2027-01-01', '2027-06-30'), 422);
    expect(refused).toMatchObject({ code: 'chain_rule_exceeded' });
    expect(refused.detail).toContain('direct contract tb-2025-017 with transport-bv');
  });
});
