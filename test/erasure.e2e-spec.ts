import type { INestApplication } from '@nestjs/common';
import { PLAINTEXT_TABLES } from '@banenpool/application';
import type { EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { rebuildAndCompare } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
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
  proposePlacement,
  timesheetIdOf,
  type PayrollWorld,
  type PoolHttp,
} from './support/payroll-world.js';

// The right to erasure (issue 18) on the shared payroll world: a target-group worker of our own, with
// a name and birth date nothing else in the pool has, is registered, placed, has hours approved, paid
// and invoiced, leaves, and is erased. Then neither the name nor the birth date is anywhere (every
// table as text, every route we can reach about the worker), and the figures the law makes the pool
// keep (pay, invoices, the banenafspraak count) are what they were, live and after a rebuild.

const P02 = fourWeekPeriod('2026-P02');
const QUARTER = '2026-Q1';
const WORKER = 'w-erase';
const NAME = 'Fenna Oosterhuis-Kleinjan';
const BIRTH_DATE = '1983-11-27';
const PLACEMENT = 'w-erase-visschedijk';
const HIRER = 'visschedijk';
const WEEK = P02.weeks[0];
const SHEET = timesheetIdOf(PLACEMENT, WEEK);
/** Her first two days, in January, which 2026-P02's run paid in full. */
const LKS_MONTH = '2026-01';
/** Remarks about her on events that do not name her, each in her data key's envelope (ADR 0020). */
const REMARKS = {
  line: 'Vroeg naar huis met migraine',
  correction: 'Dinsdag hersteld na de migraine',
  rejection: 'Maandag klopt niet, zij was bij de neuroloog',
  withdrawal: 'Durft na de aanval niet meer alleen te reizen',
};
const WITHDRAWN = `${PLACEMENT}-withdrawn`;

/** Our worker: registered in the target group with a wage value, an indefinite contract, placed at Visschedijk, one approved week. */
async function joinAndWork(http: PoolHttp) {
  const [monday, tuesday] = daysOfWeek(WEEK);
  await addWorkingWorker(http, {
    workerId: WORKER,
    name: NAME,
    birthDate: BIRTH_DATE,
    postcode: '7551 AB',
    contractFrom: P02.from,
    targetGroup: { inRegister: true, wageValueBp: 5500, validFrom: P02.from },
    placement: { placementId: PLACEMENT, employerId: HIRER, from: P02.from, to: P02.to, step: 0 },
    week: WEEK,
    hours: [hoursLine(monday, '08:00', '14:00'), hoursLine(tuesday, '08:00', '12:00')],
  });
  await agreeRate(http, HIRER, { from: P02.from, rate: { kind: 'factor', factorBp: 18_500 } });
  await http.post(`/workers/${WORKER}/wage-value-decisions`, {
    municipality: 'hengelo',
    wageValueBp: 5500,
    from: '2026-01-01',
    reassessOn: '2027-06-01',
    reference: `Beschikking ${NAME}`,
  });
  // The same hours with a remark on a line, corrected, rejected and corrected again with reasons, then
  // approved again; and a second placement withdrawn with a reason.
  const remarked = [{ ...hoursLine(monday, '08:00', '14:00'), remark: REMARKS.line }, hoursLine(tuesday, '08:00', '12:00')];
  await http.post(`/timesheets/${SHEET}/corrections`, { lines: remarked, reason: REMARKS.correction });
  await http.post(`/timesheets/${SHEET}/rejection`, { reason: REMARKS.rejection }, employerKey(HIRER));
  await http.post(`/timesheets/${SHEET}/corrections`, { lines: remarked, reason: REMARKS.correction });
  await http.post(`/timesheets/${SHEET}/approval`, {}, employerKey(HIRER));
  await proposePlacement(http, {
    placementId: WITHDRAWN,
    workerId: WORKER,
    employerId: HIRER,
    from: P02.from,
    to: P02.to,
    hoursPerWeek: 4,
  });
  await http.post(`/placements/${WITHDRAWN}/withdrawal`, { reason: REMARKS.withdrawal });
}

describe('erasing a worker’s personal data (POST /workers/:id/erasure)', () => {
  let app: INestApplication;
  let world: PayrollWorld;
  let http: PoolHttp;
  let dataSource: DataSource;
  /** What the pool answered before the erasure, to compare after it. */
  let before: { payRun: unknown; statement: unknown; invoice: unknown; banenafspraak: unknown; lksTotals: unknown };

  const figures = async () => {
    const read = async (path: string) => {
      const response = await readAs(http, OPERATOR, path);
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${response.text}`);
      return response.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const invoices = await read(`/invoices?employerId=${HIRER}`);
    const invoiceId = invoices.items?.[0]?.invoiceId ?? invoices.documents?.[0]?.invoiceId;
    const invoice = await read(`/invoices/${invoiceId}`);
    const payRun = await read(`/pay-runs/${P02.id}/export?format=json`);
    const statement = await read(`/pay-runs/${P02.id}/workers/${WORKER}`);
    const banenafspraak = await read(`/employers/${HIRER}/banenafspraak-statement?quarter=${QUARTER}`);
    const lks = await read(`/lks-claims?month=${LKS_MONTH}`);
    return {
      payRun: payRun.rows,
      statement: withoutNames(statement),
      invoice: withoutNames(invoice),
      banenafspraak: counts(banenafspraak),
      lksTotals: claimTotals(lks),
    };
  };

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app, { periods: [P02.id], beforePayRuns: joinAndWork });
    http = world.http;
    dataSource = app.get(DataSource);
    await http.post('/invoice-runs', { periodId: P02.id, employerId: HIRER });
    await http.post('/lks-claims', { month: LKS_MONTH });
    before = await figures();
  }, 240_000);
  afterAll(() => app?.close());

  it('was paid, invoiced and counted for the banenafspraak before (the test can fail)', async () => {
    expect(JSON.stringify(before.payRun)).toContain(WORKER);
    expect(JSON.stringify(before.invoice)).toContain(WORKER);
    expect(JSON.stringify(before.banenafspraak)).toContain('600'); // 6 h + 4 h = 600 minutes in the register
    expect(before.lksTotals).toEqual([expect.objectContaining({ workerId: WORKER, totalCents: expect.any(Number) })]);
    expect(await tablesHolding(dataSource, NAME)).not.toEqual([]);
    expect(await tablesHolding(dataSource, REMARKS.line)).toContain('public.rm_timesheets');
    // The erasure rewrites the tables that hold plain text (ADR 0021): every table that holds any of it is one.
    for (const text of [NAME, BIRTH_DATE, ...Object.values(REMARKS)]) {
      for (const table of await tablesHolding(dataSource, text)) expect(PLAINTEXT_TABLES).toContain(table.replace(/^public\./, ''));
    }
    const sheetHistory = await readAs(http, OPERATOR, `/audit/timesheets/${SHEET}/history`);
    for (const remark of [REMARKS.line, REMARKS.correction, REMARKS.rejection]) expect(sheetHistory.text).toContain(remark);
    expect((await readAs(http, OPERATOR, `/audit/placements/${WITHDRAWN}/history`)).text).toContain(REMARKS.withdrawal);
  });

  it('refuses other roles (403), unknown workers (404), bad bodies (400) and a worker still under contract (409)', async () => {
    await http.post(`/workers/${WORKER}/erasure`, { reason: 'data_subject_request' }, AUDITOR, 403);
    await http.post(`/workers/${WORKER}/erasure`, { reason: 'data_subject_request' }, employerKey(HIRER), 403);
    await http.post('/workers/nobody/erasure', { reason: 'data_subject_request' }, OPERATOR, 404);
    for (const body of [{}, { reason: `${NAME} asked` }, { reason: 'data_subject_request', extra: 1 }]) {
      await http.post(`/workers/${WORKER}/erasure`, body, OPERATOR, 400);
    }
    expect(await http.post(`/workers/${WORKER}/erasure`, { reason: 'data_subject_request' }, OPERATOR, 409)).toMatchObject({
      code: 'worker_has_contract',
    });
  });

  it('erases once the contract has ended: 201 with the position, then every other command on the worker is 409', async () => {
    await http.post(`/workers/${WORKER}/contracts/c1/end`, { lastDay: P02.to, reason: 'Left the pool' });
    const erased = await http.post(`/workers/${WORKER}/erasure`, { reason: 'data_subject_request' });
    expect(erased).toMatchObject({ streamId: `worker-${WORKER}`, events: ['WorkerDataErased'], position: expect.any(String) });
    expect(await http.post(`/workers/${WORKER}/skills`, { skill: 'welding' }, OPERATOR, 409)).toMatchObject({ code: 'worker_erased' });
    // Again: no new event, and what a crashed first attempt left (the key, the copies) is done now.
    expect(await http.post(`/workers/${WORKER}/erasure`, { reason: 'data_subject_request' })).toMatchObject({ events: [] });
    const worker = await readAs(http, OPERATOR, `/workers/${WORKER}`);
    expect(worker.status).toBe(200);
    expect(worker.body).toMatchObject({ status: 'erased', workerId: WORKER, erasedOn: expect.any(String) });
    // The pay and invoices of the erasure's year stay for the years of the shipped retention row (art. 52 AWR).
    const { erasedOn, fiscalRecordsKeptUntil } = worker.body as { erasedOn: string; fiscalRecordsKeptUntil: unknown };
    expect(fiscalRecordsKeptUntil).toEqual({
      until: `${Number(erasedOn.slice(0, 4)) + 7}-12-31`,
      rule: { table: 'retention', effectiveFrom: '2020-01-01', revision: 0 },
    });
  });

  it('says in the audit history and the as-of answers that the personal data was erased, not what was recorded', async () => {
    type Entry = { type: string; recordedAt: string; personalDataErased?: boolean; erasedFields?: string[] };
    const history = await readAs(http, OPERATOR, `/audit/workers/${WORKER}/history`);
    expect(history.status).toBe(200);
    const entries = (history.body as { entries: Entry[] }).entries;
    const registered = entries.find((e) => e.type === 'WorkerRegistered')!;
    expect(registered).toMatchObject({ personalDataErased: true, erasedFields: ['name', 'birthDate', 'homeArea', 'location'] });
    expect(entries.find((e) => e.type === 'WorkerDataErased')).not.toHaveProperty('personalDataErased');
    const csv = await readAs(http, OPERATOR, `/audit/workers/${WORKER}/history?format=csv`);
    expect(csv.text.split('\r\n')[0]).toMatch(/,personal_data_erased,erased_fields$/);
    expect(csv.text.split('\r\n').find((line) => line.includes('WorkerRegistered'))).toMatch(/,true,name; birthDate; homeArea; location$/);

    // As the records stood before the erasure: the worker as registered, saying the data is erased instead of showing placeholders.
    const asOf = await readAs(http, OPERATOR, `/audit/workers/${WORKER}/as-of?knownAt=${registered.recordedAt}`);
    expect(asOf.status).toBe(200);
    expect(asOf.body).toMatchObject({
      erased: { on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      state: { status: 'registered', workerId: WORKER, name: null, birthDate: null, homeArea: null },
    });
    expect(asOf.text).not.toMatch(/1900-01-01|\[erased\]/);
    const applied = await readAs(http, OPERATOR, `/audit/workers/${WORKER}/as-of?on=${P02.from}`);
    expect(applied.body).toMatchObject({ question: 'as_applied_on', erased: { on: expect.any(String) }, applies: { registered: true } });
    const contract = await readAs(http, OPERATOR, `/audit/workers/${WORKER}/contracts/c1/as-of?knownAt=${new Date().toISOString()}`);
    expect(contract.body).toMatchObject({ erased: { on: expect.any(String) } });

    // Her sheet's remarks and reasons, on events that do not name her: the placeholders, the hours as they were.
    type SheetEntry = Entry & { data: { reason?: string; lines?: { day: string; remark?: string }[] } };
    const sheet = (await readAs(http, OPERATOR, `/audit/timesheets/${SHEET}/history`)).body as { entries: SheetEntry[] };
    const [monday, tuesday] = daysOfWeek(WEEK);
    const hours = [hoursLine(monday, '08:00', '14:00'), hoursLine(tuesday, '08:00', '12:00')];
    expect(sheet.entries.find((e) => e.type === 'TimesheetRejected')).toMatchObject({
      personalDataErased: true,
      erasedFields: ['reason'],
      data: { reason: '[erased]' },
    });
    const corrections = sheet.entries.filter((e) => e.type === 'TimesheetCorrected');
    expect(corrections.map((e) => [e.erasedFields, e.data.reason, e.data.lines])).toEqual([
      [['reason', 'lines[].remark'], '[erased]', hours],
      [['reason', 'lines[].remark'], '[erased]', hours],
    ]);
    expect(sheet.entries.filter((e) => e.type === 'TimesheetApproved').map((e) => e.data.lines)).toEqual([hours, hours]);
    const withdrawn = (await readAs(http, OPERATOR, `/audit/placements/${WITHDRAWN}/history`)).body as { entries: SheetEntry[] };
    expect(withdrawn.entries.find((e) => e.type === 'PlacementWithdrawn')?.data).toMatchObject({ reason: '[erased]' });
  });

  it('leaves the name and birth date in no route’s answer about the worker', async () => {
    const paths = [
      `/workers/${WORKER}`,
      `/pay-runs/${P02.id}`,
      `/pay-runs/${P02.id}/workers/${WORKER}`,
      `/pay-runs/${P02.id}/export?format=json`,
      `/timesheets/${SHEET}`,
      `/timesheets?workerId=${WORKER}`,
      `/placements/${WITHDRAWN}`,
      `/audit/placements/${WITHDRAWN}/history`,
      `/invoices?employerId=${HIRER}`,
      `/employers/${HIRER}/banenafspraak-statement?quarter=${QUARTER}`,
      `/board?fromWeek=${WEEK}&toWeek=${WEEK}`,
      `/worker-hours?workerId=${WORKER}`,
      `/audit/workers/${WORKER}/history`,
      `/audit/workers/${WORKER}/as-of?knownAt=${new Date().toISOString()}`,
      `/audit/timesheets/${SHEET}/history`,
      `/audit/pay-runs/${P02.id}/history`,
      `/lks-claims?month=${LKS_MONTH}`,
      `/lks-claims/${WORKER}.${LKS_MONTH}.1`,
      '/reassessments-due',
    ];
    // The operator's only: the subject access export and the access record.
    const operatorOnly = [`/workers/${WORKER}/export`, `/workers/${WORKER}/access-log`];
    const leaks: string[] = [];
    for (const key of [OPERATOR, AUDITOR]) {
      for (const path of key === OPERATOR ? [...paths, ...operatorOnly] : paths) {
        const response = await readAs(http, key, path);
        // Every route answers (a refusal would hide nothing and prove nothing).
        if (response.status !== 200) leaks.push(`${key} ${path}: ${response.status} ${response.text}`);
        if (response.text.includes(NAME) || response.text.includes(BIRTH_DATE)) leaks.push(`${key} ${path} ${response.text.slice(0, 600)}`);
        for (const remark of Object.values(REMARKS)) if (response.text.includes(remark)) leaks.push(`${key} ${path}: ${remark}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('keeps the pay, the invoice and the banenafspraak count exactly as they were', async () => {
    expect(await figures()).toEqual(before);
  });

  it('leaves the hash chain intact', async () => {
    const { body } = await http.as(AUDITOR).get('/audit/verify').expect(200);
    expect(body).toMatchObject({ intact: true });
  });

  it('rebuilds every read model from the (erased) events equal to the live ones', async () => {
    const comparison = await rebuildAndCompare({ store: app.get<EventStore>(EVENT_STORE), dataSource, projections: allProjections });
    expect(comparison.projections.filter((p) => !p.equal)).toEqual([]);
  });

  // Waits on crypto-shredding: the name is in the WorkerRegistered event's data until that event is
  // stored encrypted and the worker's key is shredded.
  it('leaves the name and birth date in no table, the events included', async () => {
    expect(await tablesHolding(dataSource, NAME)).toEqual([]);
    expect(await tablesHolding(dataSource, BIRTH_DATE)).toEqual([]);
    for (const remark of Object.values(REMARKS)) expect(await tablesHolding(dataSource, remark)).toEqual([]);
  });
});

/**
 * A GET as `key`; when the route asks for a purpose (reads of personal data, issue 18's access
 * record), again with the purpose of a subject access request (it covers every field).
 */
async function readAs(http: PoolHttp, key: string, path: string): Promise<{ status: number; text: string; body: unknown }> {
  const joined = (extra: string) => `${path}${path.includes('?') ? '&' : '?'}${extra}`;
  const waitFor = http.lastPosition ? `waitFor=${http.lastPosition}` : '';
  const first = await http.as(key).get(waitFor ? joined(waitFor) : path);
  const asked = first.status === 400 && JSON.stringify(first.body).includes('purpose');
  const withPurpose = joined(`purpose=subject_access${waitFor ? `&${waitFor}` : ''}`);
  const response = asked ? await http.as(key).get(withPurpose) : first;
  return { status: response.status, text: response.text ?? JSON.stringify(response.body), body: response.body };
}

/** The tables (schema.table) of the database in which some row, read as text, holds `needle`. */
async function tablesHolding(dataSource: DataSource, needle: string): Promise<string[]> {
  const tables: { schema: string; name: string }[] = await dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found: string[] = [];
  for (const { schema, name } of tables) {
    const quoted = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${quoted} t WHERE strpos(t::text, $1) > 0`, [needle]);
    if (row.n > 0) found.push(`${schema}.${name}`);
  }
  return found;
}

/** The figures of an answer without the names in it (a name is allowed to change to "[erased]"). */
function withoutNames(answer: unknown): unknown {
  return JSON.parse(JSON.stringify(answer), (key, value) => (key === 'name' || key === 'workerName' ? undefined : value));
}

/**
 * Each wage-cost subsidy claim's totals (what the pool must keep). Its lines carry the wage value and
 * are erased (PERSONAL_DATA), so the minutes the answer adds up from them read 0 after the erasure.
 */
function claimTotals(answer: unknown): unknown {
  type Claim = { claimId: string; workerId: string; minutes: number; totalCents: number };
  type Municipality = { municipality: string; subsidyCents: number; totalCents: number; claims: Claim[] };
  return ((answer as { municipalities?: Municipality[] }).municipalities ?? []).flatMap(
    ({ municipality, subsidyCents, totalCents, claims }) =>
      claims.map((claim) => ({
        municipality,
        subsidyCents,
        municipalityTotalCents: totalCents,
        claimId: claim.claimId,
        workerId: claim.workerId,
        totalCents: claim.totalCents,
      })),
  );
}

/** The banenafspraak statement's figures: the weeks, minutes and jobs, with the workers by id. */
function counts(statement: unknown): unknown {
  return withoutNames(statement);
}
