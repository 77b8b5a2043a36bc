import type { INestApplication } from '@nestjs/common';
import type { EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { caller, startTestApi } from './support/api-client.js';

const content = {
  wageScales: { A: [1500, 1550] },
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
};

/** Who may do what: operators everything, employers their own data only, auditors read only. */
describe('roles over HTTP', () => {
  let app: INestApplication;
  const as = (key: string) => caller(app, key);
  const operator = () => as('demo-operator');
  const ownEmployer = () => as('demo-employer-bolletje');
  const otherEmployer = () => as('demo-employer-axentgroen');
  const auditor = () => as('demo-auditor');

  beforeAll(async () => {
    app = await startTestApi();
    const post = async (path: string, body: object) => expect((await operator().post(path).send(body)).status).toBe(201);
    await post('/caos', { code: 'voeding', name: 'CAO Voedingsindustrie (illustrative)' });
    await post('/caos/voeding/versions', { effectiveFrom: '2026-01-01', content });
    for (const employerId of ['bolletje', 'axentgroen']) {
      await post('/employers', { employerId, name: employerId, memberFrom: '2026-01-01' });
      await post(`/employers/${employerId}/cao-applications`, { caoCode: 'voeding', from: '2026-01-01' });
      await post(`/employers/${employerId}/sites`, { siteId: 'main', name: 'Main site', area: 'almelo' });
      await post(`/employers/${employerId}/function-classifications`, { functionName: 'operator', scale: 'A', from: '2026-01-01' });
    }
    await post('/workers', {
      workerId: 'dewi',
      name: 'Dewi Pranoto',
      birthDate: '1990-02-01',
      homeArea: 'almelo',
      skills: ['order picking'],
      availability: { hoursPerWeek: 32 },
      targetGroup: { inRegister: true, wageValueBp: 7000 },
    });
    await post('/workers/dewi/contracts', {
      contractId: 'c1',
      kind: 'indefinite',
      from: '2026-01-01',
      guaranteedHoursPerWeek: 16,
      maxHoursPerWeek: 32,
    });
    await post('/placements', {
      placementId: 'dewi-bolletje',
      workerId: 'dewi',
      employerId: 'bolletje',
      siteId: 'main',
      functionName: 'operator',
      legalForm: 'secondment',
      hoursPerWeek: 16,
      period: { from: '2026-09-07', to: '2026-12-20' },
    });
  });
  afterAll(() => app?.close());

  const autumnPeak = (employerId: string, requestId: string) => ({
    requestId,
    employerId,
    siteId: 'main',
    functionName: 'operator',
    requiredSkill: 'order picking',
    period: { from: '2026-09-07', to: '2026-12-20' },
    hoursPerWeek: 16,
    headcount: 4,
  });

  it('an employer requests capacity for itself, not for another employer', async () => {
    await ownEmployer().post('/capacity-requests').send(autumnPeak('bolletje', 'bolletje-autumn')).expect(201);
    await ownEmployer().post('/capacity-requests').send(autumnPeak('axentgroen', 'axentgroen-by-bolletje')).expect(403);
    await operator().get('/capacity-requests/axentgroen-by-bolletje').expect(404);
  });

  it('an employer cannot read or change another employer’s requests, placements or employer data', async () => {
    await otherEmployer().get('/capacity-requests/bolletje-autumn').expect(403);
    await otherEmployer().post('/capacity-requests/bolletje-autumn/withdrawal').send({ reason: 'Not mine to withdraw' }).expect(403);
    // A guessed If-Match must not tell another employer the stream's version, nor whether it exists.
    for (const ifMatch of ['"0"', '"7"']) {
      const refused = await otherEmployer()
        .post('/capacity-requests/bolletje-autumn/withdrawal')
        .set('If-Match', ifMatch)
        .send({ reason: 'Not mine' });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toMatch(/revision|version/i);
    }
    await otherEmployer()
      .post('/capacity-requests/no-such-request/withdrawal')
      .set('If-Match', '"3"')
      .send({ reason: 'Not there' })
      .expect(404);
    await otherEmployer().get('/placements/dewi-bolletje').expect(403);
    await otherEmployer().get('/employers/bolletje').expect(403);
    await otherEmployer().post('/employers/bolletje/sites').send({ siteId: 'x', name: 'X', area: 'almelo' }).expect(403);
    await ownEmployer().get('/placements/dewi-bolletje').expect(200);
    expect((await operator().get('/capacity-requests/bolletje-autumn').expect(200)).body.status).toBe('open');
  });

  it('an employer may not place workers or confirm placements; that is the operator’s', async () => {
    await ownEmployer().post('/placements/dewi-bolletje/confirmation').send({ step: 0 }).expect(403);
    await ownEmployer().post('/workers').send({}).expect(403);
  });

  it('employers see of a worker placed with them only name, skills and hours there; never target-group status or wage value', async () => {
    await ownEmployer().get('/workers/dewi').expect(403); // proposed, not yet placed
    const confirmed = await operator().post('/placements/dewi-bolletje/confirmation').send({ step: 0 }).expect(201);
    const seen = (await ownEmployer().get(`/workers/dewi?waitFor=${confirmed.body.position}`).expect(200)).body;
    expect(Object.keys(seen).sort()).toEqual(['hours', 'name', 'skills', 'workerId']);
    expect(seen.hours).toEqual([{ placementId: 'dewi-bolletje', hoursPerWeek: 16, period: { from: '2026-09-07', to: '2026-12-20' } }]);
    await otherEmployer().get('/workers/dewi').expect(403);
    expect(JSON.stringify(seen)).not.toMatch(/targetGroup|wageValue|inRegister|birthDate/);
    const full = (await operator().get('/workers/dewi?purpose=pool_operations').expect(200)).body;
    expect(full.targetGroup).toEqual({ inRegister: true, wageValueBp: 7000 });
  });

  it('an auditor reads everything and writes nothing', async () => {
    expect((await auditor().get('/workers/dewi?purpose=subject_access').expect(200)).body.targetGroup).toBeDefined();
    await auditor().get('/placements/dewi-bolletje').expect(200);
    await auditor().get('/streams').expect(200);
    for (const [path, body] of [
      ['/caos', { code: 'x', name: 'X' }],
      ['/placements/dewi-bolletje/confirmation', { step: 0 }],
      ['/capacity-requests/bolletje-autumn/withdrawal', { reason: 'Auditors may not' }],
    ] as const) {
      const refused = await auditor().post(path).send(body).expect(403);
      expect(refused.body.detail).toBe('Auditors have read-only access');
    }
  });

  it('every event records its actor and correlation id', async () => {
    await operator().post('/workers/dewi/skills').set('X-Correlation-Id', 'ticket-77').send({ skill: 'forklift' }).expect(201);
    const store = app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream('worker-dewi');
    expect(events.at(-1)).toMatchObject({ type: 'SkillAdded', metadata: { actor: 'operator:demo', correlationId: 'ticket-77' } });
    const request = await store.readStream('capacity-bolletje-autumn');
    expect(request[0].metadata.actor).toBe('employer:demo@bolletje');
    for (const event of [...events, ...request]) expect(event.metadata.actor).toMatch(/^(operator|employer|system):/);
  });
});
