import type { INestApplication } from '@nestjs/common';
import { formatPosition, type EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { caller, startTestApi } from './support/api-client.js';

/*
 * Real geography over HTTP: workers and sites are registered by postcode anywhere in the
 * Netherlands (not only in Twente), a postcode the pool cannot place without coordinates is a 400
 * that writes nothing, and an allocation run reaches workers of neighbouring towns outside Twente
 * (Zwolle and Kampen) by the distances computed from where they live. A worker recorded before
 * postcodes in an area the pool does not know is not silently left out: the run names them.
 */

const EMPLOYER = 'ijsselvliet';
const SCOPE = { fromWeek: '2026-W45', toWeek: '2026-W47', employerIds: [EMPLOYER] };
const CAO_CONTENT = {
  wageScales: { A: [1525, 1560] },
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
};

describe('geography over HTTP: postcodes, coordinates and distances anywhere in the Netherlands', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;
  let store: EventStore;

  const post = async (path: string, body: object, status = 201) => {
    const response = await operator.post(path).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status });
    return response.body;
  };
  const registration = (workerId: string, where: object) => ({
    workerId,
    name: workerId,
    birthDate: '1990-04-01',
    ...where,
    skills: ['cleaning'],
    availability: { hoursPerWeek: 32 },
  });
  const stored = async (streamId: string) =>
    (await store.readStream(streamId)).map(({ type, schemaVersion, data }) => ({ type, schemaVersion, data }));

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
    store = app.get<EventStore>(EVENT_STORE);
    await post('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
    await post('/caos/schoonmaak/versions', { effectiveFrom: '2026-01-01', content: CAO_CONTENT });
    await post('/employers', { employerId: EMPLOYER, name: 'IJsselvliet Facilitair', memberFrom: '2026-01-01' });
    await post(`/employers/${EMPLOYER}/cao-applications`, { caoCode: 'schoonmaak', from: '2026-01-01' });
  });
  afterAll(() => app?.close());

  it('adds a site by its postcode, recording the postcode, the town and its centre', async () => {
    await post(`/employers/${EMPLOYER}/sites`, { siteId: 'zwolle', name: 'Zwolle, Voorstraat', postcode: '8011ML' });
    expect(await stored(`employer-${EMPLOYER}`)).toContainEqual({
      type: 'SiteAdded',
      schemaVersion: 2,
      data: {
        employerId: EMPLOYER,
        siteId: 'zwolle',
        name: 'Zwolle, Voorstraat',
        area: 'Zwolle',
        location: { postcode: '8011 ML', coordinates: { lat: 52.51, lon: 6.09 } },
      },
    });
  });

  it('registers workers by postcode outside Twente (201), with coordinates where the table has no town', async () => {
    await post('/workers', registration('w-zwolle', { postcode: '8017 AB' }));
    await post('/workers', registration('w-kampen', { postcode: '8261 CD' }));
    await post('/workers', registration('w-lichtenvoorde', { postcode: '7134 AA', coordinates: { lat: 51.99, lon: 6.57 } }));
    // As clients sent before postcodes: a town's name, placed at its centre.
    await post('/workers', registration('w-hengelo', { homeArea: 'hengelo' }));
    const [kampen] = await stored('worker-w-kampen');
    expect(kampen).toMatchObject({
      schemaVersion: 2,
      data: { homeArea: 'Kampen', location: { postcode: '8261 CD', coordinates: { lat: 52.56, lon: 5.91 } } },
    });
    const [lichtenvoorde] = await stored('worker-w-lichtenvoorde');
    expect(lichtenvoorde.data).toMatchObject({
      homeArea: '7134 AA',
      location: { postcode: '7134 AA', coordinates: { lat: 51.99, lon: 6.57 } },
    });
    const [hengelo] = await stored('worker-w-hengelo');
    expect(hengelo.data).toMatchObject({ homeArea: 'Hengelo', location: { postcode: '7551', coordinates: { lat: 52.27, lon: 6.79 } } });
  });

  it.each([
    ['a postcode the table does not know and no coordinates', { postcode: '7134 AA' }, /postcode area 7134.*give the coordinates/],
    ['coordinates outside the Netherlands', { postcode: '7134 AA', coordinates: { lat: 48.86, lon: 2.35 } }, /outside the Netherlands/],
    ['a town the pool does not know', { homeArea: 'gronau' }, /no town "gronau"/],
    ['a malformed postcode', { postcode: '7134 A' }, /not a Dutch postcode/],
    ['no postcode and no town', {}, /postcode is required/],
    ['coordinates without a postcode', { coordinates: { lat: 52.2, lon: 6.9 } }, /postcode must be given with the coordinates/],
  ])('answers %s with a 400 and appends nothing', async (_, where, message) => {
    const head = await store.headPosition();
    const response = await operator.post('/workers').send(registration('w-nowhere', where));
    expect(response.status).toBe(400);
    expect(response.body.errors.join(' ')).toMatch(message);
    expect(await store.readStream('worker-w-nowhere')).toEqual([]);
    expect(await store.headPosition()).toEqual(head);
  });

  it('refuses a site the pool cannot place (400) and appends nothing', async () => {
    const head = await store.headPosition();
    await post(`/employers/${EMPLOYER}/sites`, { siteId: 'farm', name: 'Farm', postcode: '7134 AA' }, 400);
    await post(`/employers/${EMPLOYER}/sites`, { siteId: 'farm', name: 'Farm', area: 'atlantis' }, 400);
    expect(await store.headPosition()).toEqual(head);
  });

  it('an allocation run reaches the Zwolle and Kampen workers by distance, and names the worker it cannot place', async () => {
    await post(`/employers/${EMPLOYER}/function-classifications`, { functionName: 'schoonmaker', scale: 'A', from: '2026-01-01' });
    await post('/capacity-requests', {
      requestId: 'ijsselvliet-winter',
      employerId: EMPLOYER,
      siteId: 'zwolle',
      functionName: 'schoonmaker',
      requiredSkill: 'cleaning',
      period: { from: '2026-11-02', to: '2026-11-22' },
      hoursPerWeek: 24,
      headcount: 4,
    });
    for (const workerId of ['w-zwolle', 'w-kampen', 'w-lichtenvoorde', 'w-hengelo'])
      await post(`/workers/${workerId}/contracts`, {
        contractId: 'c1',
        kind: 'indefinite',
        from: '2026-01-01',
        guaranteedHoursPerWeek: 16,
        maxHoursPerWeek: 32,
      });
    // Registered before postcodes (version 1), in an area no table of places knows.
    const v1 = registration('w-gronau', { homeArea: 'Gronau' });
    await store.appendToStream(
      'worker-w-gronau',
      [
        {
          type: 'WorkerRegistered',
          schemaVersion: 1,
          data: { ...v1, availability: { kind: 'hours_per_week', hoursPerWeek: 32, unavailable: [] } },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    const head = (await store.headPosition())!;
    if (!(await app.get(Projector).waitFor(head, 10_000))) throw new Error(`The projections did not reach ${formatPosition(head)}`);

    const started = await post('/allocation-runs', { runId: 'ijssel-1', scope: SCOPE, timeLimitSeconds: 10 });
    const gronau = { kind: 'worker', workerId: 'w-gronau', reason: expect.stringContaining('home area "Gronau"') };
    expect(started.unplaceable).toEqual([gronau]);
    const run = (await operator.get('/allocation-runs/ijssel-1?limit=100').expect(200)).body;
    expect(run.input).toMatchObject({ workers: 4, unplaceable: [gronau] });
    const proposals: { workerId: string; reasons: { distanceKm: number }; explanation: string }[] = run.proposals.items;
    const byWorker = new Map(proposals.map((p) => [p.workerId, p]));
    // Within the default 40 km: Zwolle itself and Kampen (13 km as the crow flies); Lichtenvoorde and Hengelo are farther.
    expect([...byWorker.keys()].sort()).toEqual(['w-kampen', 'w-zwolle']);
    expect(byWorker.get('w-zwolle')!.reasons.distanceKm).toBe(0);
    expect(byWorker.get('w-kampen')!.reasons.distanceKm).toBe(17);
    expect(byWorker.get('w-kampen')!.explanation).toContain('17 km from Kampen (52.56, 5.91) to Zwolle (52.51, 6.09)');
  });
});
