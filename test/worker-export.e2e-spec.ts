import type { INestApplication } from '@nestjs/common';
import { startTestApi } from './support/api-client.js';
import { agreeRate, AUDITOR, buildPayrollWorld, employerKey, OPERATOR, type PayrollWorld, type PoolHttp } from './support/payroll-world.js';

/**
 * The subject access export (art. 15 GDPR) over HTTP, on the payroll world with one four-week period
 * (2026-P02) paid, finalized and invoiced: Sem works for De Waarbeek, is in the target-group register
 * and has a wage value of 60 % with the January LKS claim calculated. Every figure the export states
 * is compared with what the other routes answer about him; the other workers' data must not appear.
 */
const SUBJECT = 'sem';
const OTHERS = ['anna', 'joris', 'lotte'];
const PERIOD = '2026-P02';
const MONTH = '2026-01';
const RUN = 'spring-1';
const EXPORT = `/workers/${SUBJECT}/export?purpose=subject_access`;

interface Fact {
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  recordedOn: string;
  actor?: string;
  correlationId?: string;
  data: Record<string, unknown>;
}
interface HistoryEntry {
  revision: number;
  type: string;
  recordedAt: string;
  actor?: string;
  correlationId?: string;
  source: string;
  data: unknown;
}

describe('GET /workers/:id/export, the subject access export', () => {
  let app: INestApplication;
  let world: PayrollWorld;
  let http: PoolHttp;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let exported: any;
  let text: string;
  let headers: Record<string, string>;

  const ownHistory = async (path: string): Promise<HistoryEntry[]> =>
    ((await http.read(`${path}/history?limit=1000&purpose=subject_access`, AUDITOR)).entries as HistoryEntry[]).filter(
      (e) => e.source === 'own',
    );
  const asFact = ({ revision, type, recordedAt, actor, correlationId, data }: HistoryEntry) => ({
    revision,
    type,
    recordedAt,
    actor,
    correlationId,
    data,
  });
  const factShape = ({ revision, type, recordedAt, actor, correlationId, data }: Fact) => ({
    revision,
    type,
    recordedAt,
    actor,
    correlationId,
    data,
  });

  beforeAll(async () => {
    app = await startTestApi();
    world = await buildPayrollWorld(app, {
      periods: [PERIOD],
      beforePayRuns: async (pool) => {
        await agreeRate(pool, 'visschedijk', { from: '2026-01-01', rate: { kind: 'factor', factorBp: 18_500 } });
        await agreeRate(pool, 'waarbeek', { from: '2026-01-01', rate: { kind: 'fixed', hourlyCents: 3_500 } });
      },
    });
    http = world.http;
    await http.post('/invoice-runs', { periodId: PERIOD });
    await http.post(`/workers/${SUBJECT}/wage-value-decisions`, {
      municipality: 'hengelo',
      wageValueBp: 6000,
      from: '2026-01-01',
      reassessOn: '2027-06-01',
    });
    await http.post('/lks-claims', { month: MONTH });
    // An allocation run that proposes the subject (the only worker with the skill) for a spring request; rejected.
    await http.post(`/workers/${SUBJECT}/skills`, { skill: 'pruning' });
    await http.post('/capacity-requests', {
      requestId: 'cr-pruning',
      employerId: 'waarbeek',
      siteId: 'hengelo',
      functionName: 'hovenier',
      requiredSkill: 'pruning',
      period: { from: '2026-03-02', to: '2026-03-15' },
      hoursPerWeek: 8,
      headcount: 1,
    });
    await http.post('/allocation-runs', { runId: RUN, scope: { fromWeek: '2026-W10', toWeek: '2026-W11' }, timeLimitSeconds: 5 });
    await http.post(`/allocation-runs/${RUN}/rejection`, { all: true, reason: 'The hirer prunes these weeks itself' });
    // Questions an auditor asked and reads an operator made: about the subject, and about another worker.
    await http.read(`/audit/workers/${SUBJECT}/history?purpose=subject_access`, AUDITOR);
    await http.read('/audit/workers/anna/history?purpose=subject_access', AUDITOR);
    await http.read(`/workers/${SUBJECT}?purpose=pool_operations`);
    await http.read('/workers/anna?purpose=pool_operations');

    const response = await http.as(OPERATOR).get(`${EXPORT}&waitFor=${http.lastPosition}`).buffer(true);
    expect(response.status).toBe(200);
    headers = response.headers as Record<string, string>;
    text = typeof response.text === 'string' && response.text.length > 0 ? response.text : JSON.stringify(response.body);
    exported = JSON.parse(text);
  }, 300_000);
  afterAll(() => app?.close());

  it('is a JSON attachment with a header naming the subject, the time, the controller and every category', () => {
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers['content-disposition']).toBe(`attachment; filename="worker-${SUBJECT}-export.json"`);
    const keys = [
      'worker',
      'placements',
      'timesheets',
      'payRuns',
      'invoiceLines',
      'wageCostSubsidy',
      'allocationProposals',
      'accessRecord',
    ];
    expect(Object.keys(exported)).toEqual(['header', ...keys, 'complete']);
    expect(exported.complete).toBe(true);
    const { header } = exported;
    expect(header.subject).toEqual({ workerId: SUBJECT });
    expect(Date.now() - Date.parse(header.generatedAt)).toBeLessThan(10 * 60_000);
    expect(header.generatedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(header.controller.name).toEqual(expect.any(String));
    expect(header.legalBasis).toMatch(/art\. 15/);
    expect(header.categories.map((c: { key: string }) => c.key)).toEqual(keys);
    for (const category of header.categories) expect(category.retention).toEqual(expect.any(String));
  });

  it('states the worker’s own stream fact by fact, as the audit history records it', async () => {
    const history = await ownHistory(`/audit/workers/${SUBJECT}`);
    expect(exported.worker.map(factShape)).toEqual(history.map(asFact));
    const types = exported.worker.map((f: Fact) => f.type);
    expect(types).toEqual(expect.arrayContaining(['WorkerRegistered', 'PoolContractAgreed', 'HoursCommitted']));
    const registered = exported.worker.find((f: Fact) => f.type === 'WorkerRegistered');
    expect(registered.data).toMatchObject({ workerId: SUBJECT, birthDate: '1985-09-20' });
    expect(registered.actor).toMatch(/^operator:/);
    expect(registered.recordedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('lists the worker’s placement with the facts of its stream', async () => {
    expect(exported.placements).toHaveLength(1);
    const [placement] = exported.placements;
    const current = await http.read(`/placements/${SUBJECT}-waarbeek`);
    expect(placement).toMatchObject({ placementId: `${SUBJECT}-waarbeek`, employerId: 'waarbeek', period: current.period });
    const history = await ownHistory(`/audit/placements/${SUBJECT}-waarbeek`);
    expect(placement.facts.map(factShape)).toEqual(history.map(asFact));
    expect(placement.facts.map((f: Fact) => f.type)).toEqual(expect.arrayContaining(['PlacementProposed', 'PlacementConfirmed']));
  });

  it('gives the timesheets as GET /timesheets lists them for the worker', async () => {
    const listed = await http.read(`/timesheets?workerId=${SUBJECT}&limit=100`);
    expect(listed.total).toBe(2);
    expect(exported.timesheets).toEqual(listed.items);
    const registered = world.hours.filter((day) => day.workerId === SUBJECT).length;
    expect(exported.timesheets.flatMap((s: { lines: unknown[] }) => s.lines)).toHaveLength(registered);
  });

  it('gives each pay run’s statement and payroll-engine rows as the pay-run routes answer them', async () => {
    expect(exported.payRuns).toHaveLength(1);
    const [run] = exported.payRuns;
    expect(run).toMatchObject({ payRunId: PERIOD, status: 'finalized' });
    // The run locked other workers' sheets too; the statement route and the export name only the worker's own.
    const statement = await http.read(`/pay-runs/${PERIOD}/workers/${SUBJECT}`);
    const own = (sheets: { timesheetId: string }[]) => sheets.filter((s) => s.timesheetId.startsWith(`${SUBJECT}-waarbeek-`));
    expect(own(statement.lockedTimesheets)).toHaveLength(2);
    expect(statement.lockedTimesheets).toEqual(own(statement.lockedTimesheets));
    const wholeRun = await http.read(`/pay-runs/${PERIOD}`);
    expect(wholeRun.lockedTimesheets.length).toBeGreaterThan(statement.lockedTimesheets.length);
    expect(run.statement).toEqual({ ...statement, lockedTimesheets: own(statement.lockedTimesheets), unpaid: own(statement.unpaid) });
    const rows = (await http.read(`/pay-runs/${PERIOD}/export?format=json`)).rows.filter(
      (r: { workerId: string }) => r.workerId === SUBJECT,
    );
    expect(run.payrollEngineRows).toEqual(rows);
    const gross = rows
      .filter((r: { component: string }) => r.component !== 'leave_accrual')
      .reduce((sum: number, r: { amountCents: number }) => sum + r.amountCents, 0);
    expect(gross).toBeGreaterThan(0);
  });

  it('gives every invoice line that names the worker, as the invoice lists it', async () => {
    const listed = await http.read(`/invoices?periodId=${PERIOD}&limit=100`);
    const documents = await Promise.all(listed.items.map((item: { invoiceId: string }) => http.read(`/invoices/${item.invoiceId}`)));
    const expected = documents.flatMap((document) =>
      document.lines
        .map((line: { workerId: string }, lineIndex: number) => ({
          invoiceId: document.invoiceId,
          number: document.number,
          lineIndex,
          line,
        }))
        .filter(({ line }: { line: { workerId: string } }) => line.workerId === SUBJECT),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(
      exported.invoiceLines.map(({ invoiceId, number, lineIndex, line }: Record<string, unknown>) => ({
        invoiceId,
        number,
        lineIndex,
        line,
      })),
    ).toEqual(expected);
    expect(exported.invoiceLines[0]).toMatchObject({ employerId: 'waarbeek', periodId: PERIOD, kind: 'invoice' });
  });

  it('gives the wage-value decision and the LKS claim with the figures GET /lks-claims/:id answers', async () => {
    const decided = exported.wageCostSubsidy.find((f: Fact) => f.type === 'WageValueDecided');
    expect(decided.data).toMatchObject({ workerId: SUBJECT, wageValueBp: 6000, municipality: 'hengelo' });
    const calculated = exported.wageCostSubsidy.filter((f: Fact) => f.type === 'LksClaimCalculated');
    expect(calculated).toHaveLength(1);
    const claim = await http.read(`/lks-claims/${String(calculated[0].data.claimId)}?purpose=subject_access`);
    expect(calculated[0].data).toMatchObject({
      month: MONTH,
      subsidyCents: claim.subsidyCents,
      employerChargesAllowanceCents: claim.employerChargesAllowanceCents,
      totalCents: claim.totalCents,
    });
    expect(claim.totalCents).toBeGreaterThan(0);
  });

  it('gives the allocation run’s proposals of the worker as GET /allocation-runs/:id lists them, with their rejection', async () => {
    const run = await http.read(`/allocation-runs/${RUN}?limit=500`);
    const listed = run.proposals.items.filter((p: { workerId: string }) => p.workerId === SUBJECT);
    expect(listed).toHaveLength(1);
    expect(exported.allocationProposals).toHaveLength(1);
    const [about] = exported.allocationProposals;
    expect(about.runId).toBe(RUN);
    const figures = ({ proposalId, workerId, requestId, employerId, hoursPerWeek, from, to }: Record<string, unknown>) => ({
      proposalId,
      workerId,
      requestId,
      employerId,
      hoursPerWeek,
      from,
      to,
    });
    expect(about.proposals.map(figures)).toEqual(listed.map(figures));
    expect(about.decisions.map((d: Fact) => [d.type, d.data.proposalId])).toEqual([['AllocationProposalRejected', listed[0].proposalId]]);
  });

  it('gives the record of the reads about the worker, and only those', () => {
    const targets = exported.accessRecord.map((f: Fact) => f.data.target);
    expect(targets).toContain(`/audit/workers/${SUBJECT}/history`);
    expect(targets).toContain(`/workers/${SUBJECT}`);
    expect(targets).not.toContain('/audit/workers/anna/history');
    expect(targets).not.toContain('/workers/anna');
    const read = exported.accessRecord.find((f: Fact) => f.data.target === `/audit/workers/${SUBJECT}/history`);
    expect(read.data.actor).toMatch(/^auditor:/);
    expect(read.streamId).toMatch(/^audit-access-/);
  });

  it('is itself on the access record: the next export shows the one before', async () => {
    const next = await http.as(OPERATOR).get(EXPORT).buffer(true).expect(200);
    const again = JSON.parse(next.text);
    const exports = again.accessRecord.filter((f: Fact) => f.data.target === `/workers/${SUBJECT}/export`);
    expect(exports.length).toBeGreaterThanOrEqual(1);
    expect(exports[0]).toMatchObject({ type: 'PersonalDataRead', correlationId: exported.header.correlationId });
    expect(exports[0].data).toMatchObject({ workerIds: [SUBJECT], purpose: 'subject_access', role: 'operator' });
  });

  it('lets no other worker’s data into the export', () => {
    for (const other of OTHERS) {
      expect(text).not.toContain(`"workerId":"${other}"`);
      expect(text).not.toContain(`${other}-visschedijk`);
      expect(text).not.toContain(`${other}-waarbeek`);
      expect(text).not.toContain(`/workers/${other}/`);
    }
  });

  it('is for operators only (403), asks why (400) and knows only registered workers (404)', async () => {
    await http.as(AUDITOR).get(EXPORT).expect(403);
    await http.as(employerKey('waarbeek')).get(EXPORT).expect(403);
    await http.as(OPERATOR).get(`/workers/${SUBJECT}/export`).expect(400);
    const unknown = await http.as(OPERATOR).get('/workers/nobody/export?purpose=subject_access').expect(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
  });
});
