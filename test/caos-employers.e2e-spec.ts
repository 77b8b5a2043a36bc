import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

const content = (scaleA: number[]) => ({
  wageScales: { A: scaleA, B: [1600, 1650] },
  surcharges: { timeBands: [{ weekday: 'sunday', start: '00:00', end: '24:00', surchargeBp: 5000 }], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
});

describe('CAOs and employers over HTTP', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
  });
  afterAll(() => app?.close());

  it('registers a CAO, publishes and corrects a version, and keeps both revisions', async () => {
    const registered = await operator.post('/caos').send({ code: 'schoonmaak', name: 'CAO Schoonmaak' }).expect(201);
    expect(registered.body).toMatchObject({ streamId: 'cao-schoonmaak', version: 0, events: ['CaoRegistered'] });
    expect(registered.headers.etag).toBe('"0"');
    await operator
      .post('/caos/schoonmaak/versions')
      .send({ effectiveFrom: '2026-01-01', content: content([1471, 1500]) })
      .expect(201);
    await operator
      .post('/caos/schoonmaak/corrections')
      .send({ effectiveFrom: '2026-01-01', content: content([1480, 1510]), reason: 'Step 0 was typed wrong' })
      .expect(201);
    const cao = await operator.get('/caos/schoonmaak?on=2026-06-01').expect(200);
    expect(cao.body.versions[0].revisions).toHaveLength(2);
    expect(cao.body.applies).toMatchObject({ revision: 1, content: { wageScales: { A: [1480, 1510] } } });
  });

  it('refuses an overlapping version (422), a stale If-Match (409), and an unknown CAO (404)', async () => {
    const overlap = await operator
      .post('/caos/schoonmaak/versions')
      .send({ effectiveFrom: '2026-01-01', content: content([1500]) })
      .expect(422);
    expect(overlap.body).toMatchObject({ status: 422, code: expect.any(String) });
    const stale = await operator
      .post('/caos/schoonmaak/versions')
      .set('If-Match', '"0"')
      .send({ effectiveFrom: '2027-01-01', content: content([1500]) })
      .expect(409);
    expect(stale.body.title).toBe('Version conflict');
    await operator.get('/caos/nonexistent').expect(404);
  });

  it('refuses malformed CAO input with 400 and changes nothing', async () => {
    const before = await operator.get('/caos/schoonmaak').expect(200);
    for (const body of [
      { effectiveFrom: '2026-02-30', content: content([1500]) },
      { effectiveFrom: '2028-01-01', content: { ...content([1500]), wageScales: { A: [14.71] } } },
      { effectiveFrom: '2028-01-01', content: { ...content([1500]), holidayPayBp: 'eight' } },
      { effectiveFrom: '2028-01-01', content: content([1500]), extra: true },
    ]) {
      await operator.post('/caos/schoonmaak/versions').send(body).expect(400);
    }
    expect((await operator.get('/caos/schoonmaak').expect(200)).body.version).toBe(before.body.version);
  });

  it('an employer joins, applies the CAO, adds a site and declares a closure; employers see only themselves', async () => {
    await operator.post('/employers').send({ employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2026-01-01' }).expect(201);
    await operator.post('/employers/waarbeek/cao-applications').send({ caoCode: 'schoonmaak', from: '2026-01-01' }).expect(201);
    const park = caller(app, 'demo-employer-waarbeek');
    await park.post('/employers/waarbeek/sites').send({ siteId: 'park', name: 'Attractiepark', area: 'hengelo' }).expect(201);
    await park
      .post('/employers/waarbeek/closures')
      .send({ siteId: 'park', period: { from: '2026-11-01', to: '2027-03-31' }, reason: 'Winter' })
      .expect(201);
    const overlapping = await park
      .post('/employers/waarbeek/closures')
      .send({ siteId: 'park', period: { from: '2027-03-01', to: '2027-04-15' }, reason: 'Maintenance' })
      .expect(422);
    expect(overlapping.body.detail).toMatch(/overlap/i);
    expect((await park.get('/employers/waarbeek').expect(200)).body.closures).toHaveLength(1);
    await caller(app, 'demo-employer-other').get('/employers/waarbeek').expect(403);
    const unknownCao = await operator
      .post('/employers/waarbeek/cao-applications')
      .send({ caoCode: 'nonexistent', from: '2026-06-01' })
      .expect(422);
    expect(unknownCao.body.code).toBe('unknown_cao');
    const unknownScale = await operator
      .post('/employers/waarbeek/function-classifications')
      .send({ functionName: 'kassa', scale: 'Z', from: '2026-02-01' })
      .expect(422);
    expect(unknownScale.body.code).toBe('unknown_scale');
    await operator
      .post('/employers/waarbeek/function-classifications')
      .send({ functionName: 'kassa', scale: 'B', from: '2026-02-01' })
      .expect(201);
    await park.post('/employers/waarbeek/cao-applications').send({ caoCode: 'schoonmaak', from: '2026-06-01' }).expect(403);
  });
});
