import type { INestApplication } from '@nestjs/common';
import { auditAccessStreamId } from '@banenpool/audit';
import { localDateOf, type PersonalDataRead } from '@banenpool/domain';
import type { EventStore } from '@banenpool/event-store';
import { categoriesOf, EVENT_STORE, type PersonalField } from '@banenpool/platform';
import { startTestApi } from './support/api-client.js';
import {
  addWorkingWorker,
  agreeRate,
  AUDITOR,
  buildPayrollWorld,
  daysOfWeek,
  employerKey,
  fourWeekPeriod,
  hoursLine,
  OPERATOR,
  timesheetIdOf,
  type PoolHttp,
} from './support/payroll-world.js';

/**
 * Issue 18, parts 3 and 4: every read of a worker's personal or target-group data is on the access
 * record, once per request, with who, what, when and why; what each role sees follows the policy.
 * The routes are found by walking the app's OpenAPI document, and the marks are checked against
 * what each GET route really answers on a pool whose read models are filled (the payroll world:
 * hours approved, two periods paid, a period invoiced, an LKS claim), with one worker, Wilhelmina,
 * whose name and birth date occur nowhere else.
 */
const P02 = fourWeekPeriod('2026-P02');
const WORKER = 'probe';
const NAME = 'Wilhelmina Probe-Oosterveld';
const BIRTH_DATE = '1979-11-23';
const HIRER = 'waarbeek';
const PLACEMENT = 'probe-waarbeek';
const SHEET = timesheetIdOf(PLACEMENT, P02.weeks[0]);
const CLAIM = `${WORKER}.2026-01.1`;

/** Registered with target-group data, placed with De Waarbeek, four hours approved in P02's first week. */
const addWilhelmina = (http: PoolHttp) =>
  addWorkingWorker(http, {
    workerId: WORKER,
    name: NAME,
    birthDate: BIRTH_DATE,
    contractFrom: P02.from,
    targetGroup: { inRegister: true, wageValueBp: 5500, validFrom: P02.from },
    placement: { placementId: PLACEMENT, employerId: HIRER, from: P02.from, to: P02.to, functionName: 'hovenier', step: 0 },
    week: P02.weeks[0],
    hours: [hoursLine(daysOfWeek(P02.weeks[0])[0], '08:00', '12:00')],
  });

interface OpenApiOperation {
  'x-personal-data'?: { fields: PersonalField[]; answer: string };
  parameters?: { name: string; in: string; required?: boolean }[];
}
type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

/** Routes that answer no pool data at all. */
const NOT_POOL_DATA = new Set(['/health', '/metrics']);

/** What a route's path and required query are filled with, so it answers about Wilhelmina. */
const QUERIES: Record<string, string> = {
  '/pay-periods': 'year=2026',
  '/lks-claims': 'month=2026-01',
  '/finance': 'period=2026-P02',
  '/employers/{employerId}/banenafspraak-statement': 'quarter=2026-Q1',
  '/placements/{placementId}/wage': 'on=2026-02-02',
  '/placements/{placementId}/pay-difference': 'from=groen&on=2026-02-02',
  '/audit/{kind}/{id}/as-of': 'on=2026-02-02',
  '/audit/workers/{workerId}/contracts/{contractId}/as-of': 'on=2026-02-02',
  '/audit/{kind}/{id}/diff': 'from=2020-01-01T00:00:00Z',
  '/audit/workers/{workerId}/contracts/{contractId}/diff': 'from=2020-01-01T00:00:00Z',
};

describe('the access record of personal-data reads (issue 18)', () => {
  let app: INestApplication;
  let http: PoolHttp;
  let store: EventStore;
  let document: OpenApiDocument;
  let invoiceId: string;

  beforeAll(async () => {
    app = await startTestApi();
    store = app.get<EventStore>(EVENT_STORE);
    const world = await buildPayrollWorld(app, {
      beforePayRuns: async (pool) => {
        await addWilhelmina(pool);
        for (const employerId of ['visschedijk', HIRER]) {
          await agreeRate(pool, employerId, {
            agreementId: `${employerId}-2026`,
            from: '2026-01-01',
            rate: { kind: 'fixed', hourlyCents: 3_000 },
          });
        }
      },
    });
    http = world.http;
    const run = await http.post('/invoice-runs', { periodId: P02.id });
    invoiceId = run.documents[0].invoiceId;
    await http.post(`/workers/${WORKER}/wage-value-decisions`, {
      municipality: 'hengelo',
      wageValueBp: 5500,
      from: '2026-01-01',
      reassessOn: addDaysToToday(30),
    });
    await http.post('/lks-claims', { month: '2026-01' });
    document = (await http.as(OPERATOR).get('/docs/openapi.json').expect(200)).body;
  }, 300_000);
  afterAll(() => app?.close());

  /** The personal-data reads on today's access record, read from the store (so counting records none). */
  const reads = async (): Promise<PersonalDataRead['data'][]> => {
    const events = await store.readStream(auditAccessStreamId(localDateOf(new Date())));
    return events.filter((event) => event.type === 'PersonalDataRead').map((event) => event.data as PersonalDataRead['data']);
  };

  const getRoutes = () =>
    Object.entries(document.paths)
      .filter(([path, operations]) => operations.get && !NOT_POOL_DATA.has(path) && !path.startsWith('/docs'))
      .map(([path, operations]) => ({ path, operation: operations.get }));
  const markedRoutes = () => getRoutes().filter(({ operation }) => operation['x-personal-data']);

  /** A concrete URL for a documented path, about Wilhelmina where it names a worker. */
  const urlOf = (path: string, purpose?: string) => {
    const id =
      path.startsWith('/invoices') || path.startsWith('/audit/invoices') ? invoiceId : path.startsWith('/timesheets') ? SHEET : WORKER;
    const values: Record<string, string> = {
      workerId: WORKER,
      employerId: HIRER,
      placementId: PLACEMENT,
      payRunId: P02.id,
      kind: 'workers',
      claimId: CLAIM,
      code: 'groen',
      contractId: 'c1',
      streamId: `worker-${WORKER}`,
      index: '0',
      table: 'minimum-wage',
      id,
    };
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `unknown-${name}`);
    const query = [QUERIES[path], purpose && `purpose=${purpose}`].filter(Boolean).join('&');
    return query ? `${filled}?${query}` : filled;
  };

  /** Her name or birth date, or a target-group status or wage value under its own key. */
  const holdsPersonalData = (text: string) =>
    text.includes(NAME) || text.includes(BIRTH_DATE) || /"(inRegister|wageValueBp|targetGroup)"\s*:/.test(text);

  it('finds the marked routes in the document: the worker, its access log, the board, audit histories, LKS, the statement', () => {
    const marked = markedRoutes().map(({ path }) => path);
    expect(marked).toEqual(
      expect.arrayContaining([
        '/workers/{workerId}',
        '/workers/{workerId}/access-log',
        '/board',
        '/audit/{kind}/{id}/history',
        '/lks-claims/{claimId}',
        '/employers/{employerId}/banenafspraak-statement',
      ]),
    );
    for (const { operation } of markedRoutes()) {
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'purpose', in: 'query' })]));
    }
  });

  it('every GET route that answers a worker’s name, birth date or target-group data carries the mark (operator, every route called)', async () => {
    const unmarked: string[] = [];
    let answered = 0;
    for (const { path, operation } of getRoutes()) {
      const marked = operation['x-personal-data'] !== undefined;
      const response = await http.as(OPERATOR).get(urlOf(path, marked ? 'pool_operations' : undefined));
      if (response.status === 200) answered += 1;
      const text = response.text ?? JSON.stringify(response.body);
      if (!marked && holdsPersonalData(text)) unmarked.push(path);
    }
    expect(unmarked).toEqual([]);
    // The fixture fills the read models: most routes answer (the rest need ids of things it has none of).
    expect(answered).toBeGreaterThan(getRoutes().length / 2);
  }, 120_000);

  it('leaves exactly one access record per request on every marked route, naming who, what, the worker and why', async () => {
    const refused: string[] = [];
    for (const { path, operation } of markedRoutes()) {
      const before = (await reads()).length;
      const response = await http.as(OPERATOR).get(urlOf(path, 'subject_access'));
      if (response.status !== 200) {
        refused.push(`${path} ${response.status}`);
        expect((await reads()).length).toBe(before);
        continue;
      }
      const after = await reads();
      expect({ path, records: after.length - before }).toEqual({ path, records: 1 });
      const record = after.at(-1)!;
      expect(record).toMatchObject({
        actor: 'operator:demo',
        role: 'operator',
        target: urlOf(path).split('?')[0],
        purpose: 'subject_access',
        categories: categoriesOf(operation['x-personal-data']!.fields),
      });
      expect({ path, workerIds: record.workerIds }).toEqual({ path, workerIds: expect.arrayContaining([WORKER]) });
      expect(record.workerCount).toBe(record.workerIds.length);
    }
    // A diff is of placements only: asked of a worker it is refused (422) before anything is read, and not recorded.
    expect(refused).toEqual(['/audit/{kind}/{id}/diff 422']);
  }, 120_000);

  it('refuses a read without a purpose, or with an unknown one, with a 400 that says why, and records nothing', async () => {
    for (const { path } of markedRoutes()) {
      // An operator-only route refuses an auditor by role (403) before any purpose is looked at.
      const auditorMay = (await http.as(AUDITOR).get(urlOf(path, 'not-a-purpose'))).status !== 403;
      for (const key of auditorMay ? [OPERATOR, AUDITOR] : [OPERATOR]) {
        const before = (await reads()).length;
        const missing = await http.as(key).get(urlOf(path));
        expect({ path, key, status: missing.status }).toEqual({ path, key, status: 400 });
        expect(missing.body.detail).toMatch(/purpose is required .* one of .*subject_access/);
        const unknown = await http.as(key).get(urlOf(path, 'curiosity'));
        expect({ path, key, status: unknown.status }).toEqual({ path, key, status: 400 });
        expect(unknown.body.detail).toContain('not "curiosity"');
        expect((await reads()).length).toBe(before);
      }
    }
  }, 120_000);

  it('the operator sees the whole worker; the record says personal and target-group', async () => {
    const worker = (await http.as(OPERATOR).get(`/workers/${WORKER}?purpose=pool_operations`).expect(200)).body;
    expect(worker).toMatchObject({
      name: NAME,
      birthDate: BIRTH_DATE,
      homeArea: expect.any(String),
      targetGroup: { inRegister: true, wageValueBp: 5500 },
    });
    expect((await reads()).at(-1)).toMatchObject({
      route: 'GET /workers/:workerId',
      workerIds: [WORKER],
      categories: ['personal', 'target-group'],
    });
  });

  it('an auditor sees what the purpose needs: birth date for pay, target group for the banenafspraak, nothing for records', async () => {
    const asAuditor = async (purpose: string) => (await http.as(AUDITOR).get(`/workers/${WORKER}?purpose=${purpose}`).expect(200)).body;

    const payroll = await asAuditor('payroll_audit');
    expect(payroll).toMatchObject({ name: NAME, birthDate: BIRTH_DATE, skills: ['cleaning'] });
    expect(payroll).not.toHaveProperty('targetGroup');
    expect(payroll).not.toHaveProperty('targetGroupHistory');
    expect(payroll).not.toHaveProperty('homeArea');
    expect((await reads()).at(-1)).toMatchObject({ actor: 'auditor:demo', purpose: 'payroll_audit', categories: ['personal'] });

    const banenafspraak = await asAuditor('banenafspraak_audit');
    expect(banenafspraak).toMatchObject({ name: NAME, targetGroup: { inRegister: true } });
    expect(banenafspraak).not.toHaveProperty('birthDate');
    expect((await reads()).at(-1)).toMatchObject({ categories: ['personal', 'target-group'] });

    const records = await asAuditor('records_audit');
    expect(records).toMatchObject({ workerId: WORKER, skills: ['cleaning'] });
    for (const key of ['name', 'birthDate', 'homeArea', 'location', 'targetGroup', 'targetGroupHistory'])
      expect(records).not.toHaveProperty(key);
    expect((await reads()).at(-1)).toMatchObject({ purpose: 'records_audit', categories: [] });

    expect(await asAuditor('subject_access')).toMatchObject({ name: NAME, birthDate: BIRTH_DATE, targetGroup: { inRegister: true } });
  });

  it('refuses auditors the operators’ purpose, and answers that cannot be cut down to a purpose that does not cover them (403)', async () => {
    const operations = await http.as(AUDITOR).get(`/workers/${WORKER}?purpose=pool_operations`);
    expect(operations.status).toBe(400);
    expect(operations.body.detail).toContain('not open to auditors');

    const before = (await reads()).length;
    const history = await http.as(AUDITOR).get(`/audit/workers/${WORKER}/history?purpose=payroll_audit`);
    expect(history.status).toBe(403);
    expect(history.body.detail).toMatch(/does not cover .*targetGroup.*subject_access/);
    const claim = await http.as(AUDITOR).get(`/lks-claims/${CLAIM}?purpose=invoice_audit`);
    expect(claim.status).toBe(403);
    expect((await reads()).length).toBe(before);
    await http.as(AUDITOR).get(`/lks-claims/${CLAIM}?purpose=banenafspraak_audit`).expect(200);
  });

  it('an audit history of a worker is recorded once, as a personal-data read, not also as an audit question', async () => {
    const day = auditAccessStreamId(localDateOf(new Date()));
    const before = (await store.readStream(day)).length;
    await http.as(AUDITOR).get(`/audit/workers/${WORKER}/history?purpose=subject_access`).expect(200);
    const added = (await store.readStream(day)).slice(before);
    expect(added.map((event) => event.type)).toEqual(['PersonalDataRead']);
    // A placement's history holds no personal fields: an audit question as before, no purpose asked.
    await http.as(AUDITOR).get(`/audit/placements/${PLACEMENT}/history`).expect(200);
    expect((await store.readStream(day)).slice(before + 1).map((event) => event.type)).toEqual(['AuditRecordsRead']);
  });

  it('employers are not asked why, see only name, skills and hours of a worker placed with them, and are recorded', async () => {
    const hirer = http.as(employerKey(HIRER));
    const worker = (await hirer.get(`/workers/${WORKER}`).expect(200)).body;
    expect(Object.keys(worker).sort()).toEqual(['hours', 'name', 'skills', 'workerId']);
    expect(worker.name).toBe(NAME);
    expect((await reads()).at(-1)).toMatchObject({
      role: 'employer',
      actor: `employer:demo@${HIRER}`,
      categories: ['personal'],
      workerIds: [WORKER],
    });
    expect((await reads()).at(-1)).not.toHaveProperty('purpose');

    const board = (await hirer.get('/board?limit=500').expect(200)).body;
    expect(board.items.length).toBeGreaterThan(0);
    for (const item of board.items)
      expect(item.placements.every((p: { employerId?: string }) => p.employerId === undefined || p.employerId === HIRER)).toBe(true);
    const record = (await reads()).at(-1)!;
    expect(record).toMatchObject({ route: 'GET /board', role: 'employer' });
    expect(new Set(record.workerIds)).toEqual(new Set(board.items.map((item: { workerId: string }) => item.workerId)));
    await http.as(employerKey('visschedijk')).get(`/workers/${WORKER}`).expect(403);
  });

  it('the board shows an auditor names only for a purpose that needs them, and records the page’s workers once', async () => {
    const named = (await http.as(AUDITOR).get('/board?limit=500&purpose=invoice_audit').expect(200)).body;
    expect(named.items.find((item: { workerId: string }) => item.workerId === WORKER)).toMatchObject({ workerName: NAME });
    const bare = (await http.as(AUDITOR).get('/board?limit=500&purpose=records_audit').expect(200)).body;
    expect(bare.items.length).toBe(named.items.length);
    expect(JSON.stringify(bare)).not.toContain(NAME);
    const record = (await reads()).at(-1)!;
    expect(record).toMatchObject({
      categories: [],
      workerCount: new Set(bare.items.map((item: { workerId: string }) => item.workerId)).size,
    });
  });

  it('GET /workers/:id/access-log shows the worker’s reads, newest first, paginated and by period; it is recorded itself', async () => {
    await http.as(AUDITOR).get(`/workers/${WORKER}?purpose=payroll_audit`).expect(200);
    const log = (await http.as(OPERATOR).get(`/workers/${WORKER}/access-log?purpose=subject_access&limit=2`).expect(200)).body;
    expect(log).toMatchObject({ workerId: WORKER, limit: 2, offset: 0, to: localDateOf(new Date()) });
    expect(log.items).toHaveLength(2);
    expect(log.items[0]).toMatchObject({
      actor: 'auditor:demo',
      role: 'auditor',
      what: 'GET /workers/:workerId',
      purpose: 'payroll_audit',
      categories: ['personal'],
    });
    expect(log.items[0].at >= log.items[1].at).toBe(true);
    const all = (await http.as(OPERATOR).get(`/workers/${WORKER}/access-log?purpose=subject_access&limit=500`).expect(200)).body;
    // Its own read before this one is in it (recorded after that answer was made): no read feeds on itself.
    expect(all.items[0]).toMatchObject({ what: 'GET /workers/:workerId/access-log', actor: 'operator:demo', categories: [] });
    const day = await store.readStream(auditAccessStreamId(localDateOf(new Date())));
    const auditQuestions = day.filter(
      (event) =>
        event.type === 'AuditRecordsRead' && String((event.data as { target: string }).target).startsWith(`/audit/workers/${WORKER}/`),
    );
    const personalReads = (await reads()).filter((read) => read.workerIds.includes(WORKER));
    // Every record naming the worker but the last (this very read, recorded after its answer was made).
    expect(all.total).toBe(personalReads.length - 1 + auditQuestions.length);

    const lastYear = (
      await http.as(OPERATOR).get(`/workers/${WORKER}/access-log?purpose=subject_access&from=2025-01-01&to=2025-12-31`).expect(200)
    ).body;
    expect(lastYear).toMatchObject({ items: [], total: 0 });
    await http.as(OPERATOR).get(`/workers/${WORKER}/access-log?purpose=subject_access&from=2024-01-01&to=2025-12-31`).expect(400);
    await http.as(OPERATOR).get(`/workers/nobody/access-log?purpose=subject_access`).expect(404);
    await http.as(AUDITOR).get(`/workers/${WORKER}/access-log?purpose=subject_access`).expect(403);
  });

  it('answers 503 and nothing else when the read cannot be put on the record', async () => {
    const append = store.appendToStream.bind(store);
    const refused: string[] = [];
    // The access record's stream cannot be written (a full disk, a lost connection); every other stream can.
    store.appendToStream = (streamId, events, options) => {
      if (!streamId.startsWith('audit-access-')) return append(streamId, events, options);
      refused.push(streamId);
      return Promise.reject(new Error('disk full'));
    };
    try {
      const response = await http.as(OPERATOR).get(`/workers/${WORKER}?purpose=pool_operations`);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBeDefined();
      expect(response.text).not.toContain(NAME);
      expect(refused).toEqual([auditAccessStreamId(localDateOf(new Date()))]);
    } finally {
      store.appendToStream = append;
    }
    await http.as(OPERATOR).get(`/workers/${WORKER}?purpose=pool_operations`).expect(200);
  });
});

function addDaysToToday(days: number): string {
  return localDateOf(new Date(Date.now() + days * 86_400_000));
}
