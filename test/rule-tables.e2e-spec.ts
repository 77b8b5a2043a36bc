import type { INestApplication } from '@nestjs/common';
import { caller, startTestApi } from './support/api-client.js';

const youthBp = { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 };
// An illustrative figure: the amount from 1 July 2026 was not published when this was written.
const secondHalf2026 = {
  effectiveFrom: '2026-07-01',
  effectiveUntil: '2026-12-31',
  values: { adultHourlyCents: 1500, adultAge: 21, youthBp },
  source: { title: 'Illustrative figure for a test', url: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon' },
  reason: 'Indexation of 1 July 2026',
};

describe('rule tables over HTTP', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof caller>;

  beforeAll(async () => {
    app = await startTestApi();
    operator = caller(app, 'demo-operator');
  });
  afterAll(() => app?.close());

  const minimumWage = async () => (await operator.get('/rules/minimum-wage').expect(200)).body;

  it('lists the tables seeded at startup, every row citing its source', async () => {
    const { body } = await operator.get('/rules').expect(200);
    expect(body.tables.map((t: { table: string }) => t.table)).toEqual([
      'minimum-wage',
      'working-time',
      'chain-rule',
      'holiday-allowance',
      'sick-pay-and-leave',
      'employer-charges',
      'vat',
      'wage-cost-subsidy',
      'retention',
    ]);
    for (const table of body.tables) {
      expect(table.rows.length).toBeGreaterThan(0);
      for (const row of table.rows) expect(row.source).toEqual({ title: expect.any(String), url: expect.stringMatching(/^https:\/\//) });
    }
    const wage = body.tables[0];
    expect(
      wage.rows.map((r: { effectiveFrom: string; lastDay: string; values: { adultHourlyCents: number } }) => [
        r.effectiveFrom,
        r.lastDay,
        r.values.adultHourlyCents,
      ]),
    ).toEqual([
      ['2025-01-01', '2025-06-30', 1406],
      ['2025-07-01', '2025-12-31', 1440],
      ['2026-01-01', '2026-06-30', 1471],
    ]);
    expect(wage.rows[2]).toMatchObject({ revision: 0, source: { url: expect.stringContaining('bedragen-minimumloon-2026') } });
  });

  it('lets an operator publish the next minimum-wage period, and shows it', async () => {
    const before = await minimumWage();
    const published = await operator.post('/rules/minimum-wage').send(secondHalf2026).expect(201);
    expect(published.body).toMatchObject({ streamId: 'rules-minimum-wage', version: before.version + 1, events: ['MinimumWagePublished'] });
    const after = await minimumWage();
    expect(after.rows.at(-1)).toMatchObject({
      effectiveFrom: '2026-07-01',
      lastDay: '2026-12-31',
      revision: 0,
      values: { adultHourlyCents: 1500 },
    });
  });

  it('records a correction of a period as its next revision', async () => {
    await operator
      .post('/rules/minimum-wage')
      .send({ ...secondHalf2026, values: { ...secondHalf2026.values, adultHourlyCents: 1502 }, reason: 'The amount was typed wrong.' })
      .expect(201);
    const row = (await minimumWage()).rows.at(-1);
    expect(row).toMatchObject({ revision: 1, values: { adultHourlyCents: 1502 }, reason: 'The amount was typed wrong.' });
    expect(row.revisions.map((r: { revision: number }) => r.revision)).toEqual([0, 1]);
  });

  it('refuses an employer (403) and an auditor (403) publishing; an auditor may read', async () => {
    await caller(app, 'demo-employer-visschedijk').post('/rules/minimum-wage').send(secondHalf2026).expect(403);
    await caller(app, 'demo-employer-visschedijk').get('/rules').expect(403);
    await caller(app, 'demo-auditor').post('/rules/minimum-wage').send(secondHalf2026).expect(403);
    await caller(app, 'demo-auditor').get('/rules/chain-rule').expect(200);
  });

  it('refuses a malformed body with 400 naming the issues, and appends nothing', async () => {
    const before = await minimumWage();
    const malformed = await operator
      .post('/rules/minimum-wage')
      .send({
        ...secondHalf2026,
        effectiveFrom: '2027-01-01',
        effectiveUntil: '2027-06-30',
        values: { adultHourlyCents: '15.00', adultAge: 21, youthBp },
      })
      .expect(400);
    expect(malformed.body.errors).toEqual([expect.stringContaining('values.adultHourlyCents')]);
    await operator
      .post('/rules/minimum-wage')
      .send({ ...secondHalf2026, source: { title: '' } })
      .expect(400);
    const mistyped = await operator
      .post('/rules/minimum-wage')
      .send({
        ...secondHalf2026,
        effectiveFrom: '2027-01-01',
        effectiveUntil: '2027-06-30',
        values: { adultHourlyCents: 1500, adultAge: 21, youthBp, bblYouthbp: { 18: 4550 } },
      })
      .expect(400);
    expect(mistyped.body.errors).toEqual(['values.bblYouthbp (minimum-wage): not a field of this table']);
    expect((await minimumWage()).version).toBe(before.version);
  });

  it('refuses an overlapping period (422), an open-ended minimum wage (422), an unknown table (404) and a stale If-Match (409)', async () => {
    const overlap = await operator
      .post('/rules/minimum-wage')
      .send({ ...secondHalf2026, effectiveFrom: '2026-12-01', effectiveUntil: '2027-05-31' })
      .expect(422);
    expect(overlap.body).toMatchObject({ status: 422, code: 'rule_periods_overlap' });
    const { effectiveUntil: _, ...openEnded } = { ...secondHalf2026, effectiveFrom: '2027-01-01' };
    expect((await operator.post('/rules/minimum-wage').send(openEnded).expect(422)).body.code).toBe('rule_period_end_required');
    await operator.post('/rules/overtime').send(secondHalf2026).expect(404);
    await operator.get('/rules/overtime').expect(404);
    await operator
      .post('/rules/holiday-allowance')
      .set('If-Match', '"7"')
      .send({ effectiveFrom: '2030-01-01', values: { minimumBp: 800 }, source: { title: 'WML art. 15' } })
      .expect(409);
  });

  it('keeps fiscal records for the years of the retention row: refuses 0 years (422), publishes a new period', async () => {
    const retention = async () => (await operator.get('/rules/retention').expect(200)).body;
    const before = await retention();
    expect(before.rows).toEqual([expect.objectContaining({ effectiveFrom: '2020-01-01', values: { fiscalRecordsYears: 7 } })]);
    const source = { title: 'An illustrative change of art. 52 AWR for a test' };
    const none = await operator.post('/rules/retention').send({ effectiveFrom: '2031-01-01', values: { fiscalRecordsYears: 0 }, source });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('invalid_retention_period');
    await operator
      .post('/rules/retention')
      .send({ effectiveFrom: '2031-01-01', values: { fiscalRecordsYears: 10 }, source })
      .expect(201);
    const after = await retention();
    expect(after.rows.map((r: { lastDay?: string; values: object }) => [r.lastDay, r.values])).toEqual([
      ['2030-12-31', { fiscalRecordsYears: 7 }],
      [undefined, { fiscalRecordsYears: 10 }],
    ]);
  });
});
