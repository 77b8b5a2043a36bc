import type { INestApplication } from '@nestjs/common';
import { localDateOf } from '@banenpool/domain';
import type { PostgresConnection } from '@banenpool/event-store';
import { POSTGRES_CONNECTION } from '@banenpool/platform';
import { caller, startTestApi } from './support/api-client.js';

const horeca = (scaleA: number[]) => ({
  wageScales: { A: scaleA },
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
});

interface Entry {
  type: string;
  source: string;
  recordedAt: string;
  actor?: string;
  correlationId?: string;
  hash?: string;
  rules: { rule: string; revision?: number }[];
  data: Record<string, unknown>;
}

/** An auditor replays a placement whose wage changed after a CAO correction. */
describe('auditing over HTTP', () => {
  let app: INestApplication;
  const operator = () => caller(app, 'demo-operator');
  const auditor = () => caller(app, 'demo-auditor');
  let confirmedAt: string;
  let correctedAt: string;

  beforeAll(async () => {
    app = await startTestApi();
    const post = async (path: string, body: object) => expect((await operator().post(path).send(body)).status).toBe(201);
    await post('/caos', { code: 'horeca', name: 'CAO Horeca (illustrative)' });
    await post('/caos/horeca/versions', { effectiveFrom: '2026-01-01', content: horeca([1471, 1500]) });
    await post('/employers', { employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2026-01-01' });
    await post('/employers/waarbeek/cao-applications', { caoCode: 'horeca', from: '2026-01-01' });
    await post('/employers/waarbeek/sites', { siteId: 'park', name: 'Park', area: 'hellendoorn' });
    await post('/employers/waarbeek/function-classifications', { functionName: 'host', scale: 'A', from: '2026-01-01' });
    await post('/workers', {
      workerId: 'anna',
      name: 'Anna de Vries',
      birthDate: '1990-05-10',
      homeArea: 'hellendoorn',
      skills: ['hosting'],
      availability: { hoursPerWeek: 32 },
    });
    await post('/workers/anna/contracts', {
      contractId: 'c1',
      kind: 'indefinite',
      from: '2026-01-01',
      guaranteedHoursPerWeek: 16,
      maxHoursPerWeek: 32,
    });
    const placement = {
      placementId: 'p1',
      workerId: 'anna',
      employerId: 'waarbeek',
      siteId: 'park',
      functionName: 'host',
      legalForm: 'payroll',
      hoursPerWeek: 24,
    };
    await post('/placements', { ...placement, period: { from: '2026-02-02', to: '2026-10-31' } });
    await post('/placements/p1/confirmation', { step: 0 });
    await post('/caos/horeca/corrections', {
      effectiveFrom: '2026-01-01',
      content: horeca([1502, 1530]),
      reason: 'Scale A was published too low',
    });

    const history = await auditor().get('/audit/placements/p1/history').expect(200);
    confirmedAt = history.body.entries.find((e: Entry) => e.type === 'PlacementConfirmed').recordedAt;
    correctedAt = history.body.entries.find((e: Entry) => e.type === 'CaoVersionCorrected').recordedAt;
  });
  afterAll(() => app?.close());

  it('the placement’s history shows the minimum-wage period and both CAO revisions: the one it was confirmed under and the correction', async () => {
    const { body } = await auditor().get('/audit/placements/p1/history').expect(200);
    expect(body.entries.map((e: Entry) => `${e.source} ${e.type}`)).toEqual([
      // The shipped table, written at startup: of it only the period from 1 January 2026 overlaps the placement.
      'rules MinimumWagePublished',
      'rules CaoVersionPublished',
      'own PlacementProposed',
      'own PlacementConfirmed',
      'rules CaoVersionCorrected',
    ]);
    const [minimumWage, published, , confirmed, corrected] = body.entries as Entry[];
    expect(minimumWage.rules).toEqual([{ rule: 'minimum_wage_table', version: '2026-01-01' }]);
    expect(published.rules).toEqual([{ rule: 'cao', code: 'horeca', version: '2026-01-01', revision: 0 }]);
    expect(confirmed).toMatchObject({
      actor: 'operator:demo',
      correlationId: expect.any(String),
      schemaVersion: 2,
      data: {
        agreed: { functionName: 'host', caoCode: 'horeca', scale: 'A', step: 0 },
        hirerTerms: { applies: true },
        firstDayPay: { known: true, wage: { day: '2026-02-02', hourlyCents: 1471 } },
      },
    });
    expect(confirmed.rules).toEqual([
      { rule: 'cao', code: 'horeca', version: '2026-01-01', revision: 0, scale: 'A', step: 0 },
      { rule: 'minimum_wage_table', version: '2026-01-01', revision: 0, age: 35 },
    ]);
    expect(corrected.rules).toEqual([{ rule: 'cao', code: 'horeca', version: '2026-01-01', revision: 1 }]);
    expect(corrected.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body).toMatchObject({ streamId: 'placement-p1', total: 5, limit: 100, offset: 0 });
  });

  it('pages the history', async () => {
    const { body, headers } = await auditor().get('/audit/placements/p1/history?limit=1&offset=3').expect(200);
    expect(body.entries.map((e: Entry) => e.type)).toEqual(['PlacementConfirmed']);
    expect(headers['x-total-count']).toBe('5');
  });

  it('as known just before the correction the wage is € 14,71; from the correction on, € 15,02', async () => {
    const justBefore = new Date(Date.parse(correctedAt) - 1).toISOString();
    const before = await auditor().get(`/audit/placements/p1/as-of?knownAt=${justBefore}`).expect(200);
    expect(before.body).toMatchObject({
      question: 'as_known_at',
      state: {
        status: 'confirmed',
        firstDayPay: { known: true, wage: { hourlyCents: 1471 } },
        wageAtStartUnderRulesKnown: { wage: { hourlyCents: 1471, cao: { revision: 0 } } },
      },
    });
    const after = await auditor().get(`/audit/placements/p1/as-of?knownAt=${correctedAt}`).expect(200);
    expect(after.body.state.wageAtStartUnderRulesKnown.wage).toMatchObject({ hourlyCents: 1502, cao: { revision: 1 } });
    expect(after.body.state.firstDayPay.wage.hourlyCents).toBe(1471); // what was recorded at confirmation is not rewritten
    const beforeItExisted = await auditor()
      .get(`/audit/placements/p1/as-of?knownAt=${new Date(Date.parse(confirmedAt) - 60_000).toISOString()}`)
      .expect(200);
    expect(beforeItExisted.body.state.status).not.toBe('confirmed');
  });

  it('as applied on a date: the corrected version applies from 1 January although it was recorded later', async () => {
    const now = await auditor().get('/audit/placements/p1/as-of?on=2026-03-02').expect(200);
    expect(now.body).toMatchObject({
      question: 'as_applied_on',
      on: '2026-03-02',
      applies: { status: 'running', wageOnDate: { wage: { hourlyCents: 1502, cao: { revision: 1 } } } },
    });
    const then = await auditor().get(`/audit/placements/p1/as-of?on=2026-03-02&knownAt=${confirmedAt}`).expect(200);
    expect(then.body.applies.wageOnDate.wage).toMatchObject({ hourlyCents: 1471, cao: { revision: 0 } });
    const cao = await auditor().get('/audit/caos/horeca/as-of?on=2026-01-15').expect(200);
    expect(cao.body.applies).toMatchObject({ version: { effectiveFrom: '2026-01-01', revision: 1 }, revisionsRecorded: 2 });
  });

  it('the diff says in words what changed, under which rules, when and by whom', async () => {
    const { body } = await auditor().get(`/audit/placements/p1/diff?from=${confirmedAt}`).expect(200);
    const day = localDateOf(new Date(correctedAt));
    expect(body.changes[0].sentence).toBe(
      `Hourly wage changed from € 14,71 to € 15,02 (CAO horeca version 2026-01-01 revision 1 ("Scale A was published too low"), recorded ${day} by operator:demo)`,
    );
    expect(body.events.map((e: Entry) => e.type)).toContain('CaoVersionCorrected');
    const contract = await auditor().get(`/audit/workers/anna/contracts/c1/diff?from=2026-01-01T00:00:00Z`).expect(200);
    expect(contract.body.changes.map((c: { field: string }) => c.field)).toEqual(
      expect.arrayContaining(['Status', 'Maximum hours a week']),
    );
  });

  it('exports the history as CSV, by ?format=csv or by Accept: text/csv', async () => {
    const byQuery = await auditor().get('/audit/placements/p1/history?format=csv').expect(200);
    expect(byQuery.headers['content-type']).toMatch(/^text\/csv/);
    const lines = byQuery.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'recorded_at,stream_id,revision,position,event_id,type,schema_version,source,actor,correlation_id,causation_id,hash,rules,data,' +
        'personal_data_erased,erased_fields',
    );
    expect(lines).toHaveLength(6);
    expect(lines[5]).toContain('CaoVersionCorrected');
    const byAccept = await auditor().get('/audit/placements/p1/history').set('Accept', 'text/csv').expect(200);
    expect(byAccept.text.trimEnd().split('\r\n')).toHaveLength(6);
  });

  it('employers get 403; malformed questions get 400, unknown subjects 404, a diff of an employer 422', async () => {
    await caller(app, 'demo-employer-waarbeek').get('/audit/placements/p1/history').expect(403);
    await caller(app, 'demo-employer-waarbeek').get('/audit/verify').expect(403);
    for (const path of [
      '/audit/placements/p1/as-of',
      '/audit/placements/p1/as-of?knownAt=yesterday',
      '/audit/placements/p1/as-of?on=2026-02-30',
      '/audit/placements/p1/diff',
      '/audit/things/p1/history',
      '/audit/placements/p1/history?limit=0',
    ]) {
      const answer = await auditor().get(path).expect(400);
      expect(answer.headers['content-type']).toMatch(/problem\+json/);
    }
    await auditor().get('/audit/placements/nobody/history').expect(404);
    await auditor().get('/audit/employers/waarbeek/diff?from=2026-01-01T00:00:00Z').expect(422);
    await auditor().post('/placements/p1/withdrawal').send({ reason: 'auditors write nothing' }).expect(403);
  });

  it('records every auditor access, with who, what and the correlation id, in the day’s audit-access stream', async () => {
    await auditor().get('/audit/placements/p1/history?limit=5').set('X-Correlation-Id', 'audit-ticket-42').expect(200);
    const today = localDateOf(new Date());
    const { body } = await operator().get(`/audit/audit-access/${today}/history?limit=1000`).expect(200);
    const access = (body.entries as Entry[]).find((e) => e.correlationId === 'audit-ticket-42');
    expect(access).toMatchObject({
      type: 'AuditRecordsRead',
      actor: 'auditor:demo',
      data: { action: 'history', target: '/audit/placements/p1/history', parameters: { limit: '5' } },
    });
    expect(access?.hash).toMatch(/^[0-9a-f]{64}$/);
    // Refused requests were no access: the employer's 403s above left nothing.
    expect((body.entries as Entry[]).some((e) => String(e.actor).startsWith('employer:'))).toBe(false);
  });

  it('verify finds zero breaks on the untouched store, for every stream and for one', async () => {
    const all = await auditor().get('/audit/verify').expect(200);
    expect(all.body).toMatchObject({ intact: true });
    expect(all.body.firstBreak).toBeUndefined();
    expect(all.body.events).toBeGreaterThan(10);
    const one = await auditor().get('/audit/verify?streamId=placement-p1').expect(200);
    expect(one.body).toMatchObject({ intact: true, streams: 1 });
    const missing = await auditor().get('/audit/verify?streamId=placement-nobody').expect(404);
    expect(missing.body).toMatchObject({ code: 'stream_not_found' });
  });

  it('a read-model comparison runs as a job an auditor may start, and finds the live read models equal to a rebuild', async () => {
    const started = await auditor().post('/audit/comparisons').send({}).expect(202);
    expect(started.headers.location).toBe(`/audit/comparisons/${started.body.id}`);
    let job = started.body;
    for (let polls = 0; job.status === 'running' && polls < 300; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await auditor().get(started.headers.location).expect(200)).body;
    }
    expect(job).toMatchObject({ status: 'done', startedBy: 'auditor:demo', summary: { equal: true } });
    expect(job.summary.projections.length).toBeGreaterThan(0);
    await auditor().get('/audit/comparisons/00000000-0000-0000-0000-000000000000').expect(404);
  });

  it('audits a timesheet and the pay run that paid it: who approved for whom, what was paid under which rules, as known then', async () => {
    const hirer = caller(app, 'demo-employer-waarbeek');
    const lines = ['2026-02-02', '2026-02-03', '2026-02-04'].map((day) => ({
      day,
      start: '08:00',
      end: '16:30',
      breakMinutes: 30,
      hourType: 'normal',
    }));
    await hirer.put('/timesheets/p1-2026-W06/hours').send({ lines }).expect(200);
    await hirer.post('/timesheets/p1-2026-W06/submission').expect(201);
    await operator().post('/timesheets/p1-2026-W06/approval').expect(201);
    await operator().post('/pay-runs').send({ period: '2026-P02' }).expect(201);
    await operator().post('/pay-runs/2026-P02/finalization').expect(201);

    const sheet = (await auditor().get('/audit/timesheets/p1-2026-W06/history').expect(200)).body;
    expect(sheet.entries.map((e: Entry) => `${e.type} by ${e.actor}`)).toEqual([
      'HoursRegistered by employer:demo@waarbeek',
      'TimesheetSubmitted by employer:demo@waarbeek',
      'TimesheetApproved by operator:demo',
      expect.stringMatching(/^TimesheetLocked by operator:demo/),
    ]);
    const [, , approved, locked] = sheet.entries as Entry[];
    expect(approved.data).toMatchObject({ approvedVersion: 1, by: 'operator:demo', onBehalfOf: 'waarbeek' });
    expect(locked.data).toEqual({ timesheetId: 'p1-2026-W06', payRunId: '2026-P02', approvedVersion: 1 });
    const beforeApproval = new Date(Date.parse(approved.recordedAt) - 1).toISOString();
    const asSubmitted = await auditor().get(`/audit/timesheets/p1-2026-W06/as-of?knownAt=${beforeApproval}`).expect(200);
    expect(asSubmitted.body.state).toMatchObject({ status: 'submitted', approvals: 0 });
    const tuesday = await auditor().get('/audit/timesheets/p1-2026-W06/as-of?on=2026-02-03').expect(200);
    expect(tuesday.body.applies).toMatchObject({
      inWeek: true,
      status: 'approved',
      registeredLines: [{ day: '2026-02-03' }],
      approved: { approvedVersion: 1, onBehalfOf: 'waarbeek', lines: [{ day: '2026-02-03', start: '08:00', end: '16:30' }] },
      lock: { payRunId: '2026-P02', approvedVersion: 1 },
    });

    const run = (await auditor().get('/audit/pay-runs/2026-P02/history').expect(200)).body;
    expect(run.entries.map((e: Entry) => e.type)).toEqual(['PayRunStarted', 'PayLinesCalculated', 'PayRunFinalized']);
    // The lines were paid after the CAO correction: under revision 1.
    expect(run.entries[1].rules).toEqual(
      expect.arrayContaining([
        { rule: 'cao', code: 'horeca', version: '2026-01-01', revision: 1, scale: 'A', step: 0 },
        { rule: 'minimum_wage_table', version: '2026-01-01', revision: 0, age: 35 },
      ]),
    );
    const csv = await auditor().get('/audit/pay-runs/2026-P02/history?format=csv').expect(200);
    expect(csv.text).toContain('CAO horeca version 2026-01-01 revision 1, scale A step 0');

    const known = (await auditor().get(`/audit/pay-runs/2026-P02/as-of?knownAt=${new Date().toISOString()}`).expect(200)).body;
    expect(known.state).toMatchObject({
      status: 'finalized',
      period: { id: '2026-P02', kind: 'four_weeks', from: '2026-01-26', to: '2026-02-22' },
      attempt: 1,
      finalizedBy: 'operator:demo',
      timesheetsLocked: [{ timesheetId: 'p1-2026-W06', approvedVersion: 1 }],
      workers: [{ workerId: 'anna', lines: 3, totals: { paidMinutes: 3 * 480 } }],
      totals: { workers: 1 },
    });
    expect(JSON.stringify(known.state)).not.toContain('"wage"');
    const paidOn = await auditor().get('/audit/pay-runs/2026-P02/as-of?on=2026-02-03').expect(200);
    expect(paidOn.body.applies).toMatchObject({
      inPeriod: true,
      workers: [{ workerId: 'anna', lines: [{ day: '2026-02-03', minutes: 480, wage: { hourlyCents: 1502, cao: { revision: 1 } } }] }],
    });
    await caller(app, 'demo-employer-waarbeek').get('/audit/pay-runs/2026-P02/history').expect(403);
    await auditor().get('/audit/timesheets/p1-2026-W07/history').expect(404);
  });

  // Last: it tampers with the store.
  it('verify names the event someone changed directly in the database', async () => {
    const { pool } = app.get<PostgresConnection>(POSTGRES_CONNECTION);
    const edited = await pool.query(
      `UPDATE es_events SET data = jsonb_set(data, '{hoursPerWeek}', '32') WHERE stream_id = 'placement-p1' AND revision = 1`,
    );
    expect(edited.rowCount).toBe(1);
    const { body } = await auditor().get('/audit/verify').expect(200);
    expect(body).toMatchObject({ intact: false, firstBreak: { streamId: 'placement-p1', revision: 1 } });
    expect(body.breaks).toHaveLength(1);
  });
});
