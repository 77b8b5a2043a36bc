import type { INestApplication } from '@nestjs/common';
import { auditAccessStreamId } from '@banenpool/audit';
import { localDateOf } from '@banenpool/domain';
import type { EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { startTestApi } from './support/api-client.js';
import { runAuditCli } from './support/audit-cli.js';
import { requireBuild } from './support/built-app.js';
import {
  AUDITOR,
  buildPayrollWorld,
  CAO_FROM,
  employerKey,
  fourWeekPeriod,
  WORLD_CAOS,
  type PayrollWorld,
  type PoolHttp,
} from './support/payroll-world.js';

// An auditor follows each line of the world's invoices of 2026-P02 back to what it was made of, over
// HTTP and with the audit CLI, on PostgreSQL. What each line should lead to is taken from the world
// as it was built (its hours, CAOs, rates), never from an answer.

const P02 = fourWeekPeriod('2026-P02');
const FACTOR_BP = 18_500;
const OVERTIME_SURCHARGE_BP = 2_500;
const WAARBEEK_HOURLY_CENTS = 3_500;

/** Basis points of an amount in cents, rounded half up (the amounts here are positive). */
const share = (cents: number, bp: number) => Math.floor((cents * bp + 5_000) / 10_000);

interface RecordRef {
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  actor?: string;
}
interface Source {
  source: { payRunId: string; timesheetId: string; timesheetVersion: number; lineIndex: number; day: string; minutes: number };
  timesheetLine: { approval: RecordRef; approvedVersion: number; approvedBy: string; line: Record<string, unknown> };
  payLine: {
    attempt: number;
    recorded: RecordRef;
    grossWageCents: number;
    line: {
      minutes: number;
      wage: {
        age: number;
        basis: string;
        cao: { code: string; effectiveFrom: string; revision: number; scale: string; step: number; youthBp: number };
        minimumWage: { rule: { effectiveFrom: string } };
      };
    };
  };
}
interface Provenance {
  document: { invoiceId: string; kind: string; employerId: string };
  line: { placementId: string; workerId: string; hourType: string; rateAgreementId: string; amountCents: number };
  rateAgreement: { agreed: RecordRef; terms: { agreementId: string; rate: object; check: object } };
  sources: Source[];
  caoVersions: {
    code: string;
    effectiveFrom: string;
    revision: number;
    scale: string;
    step: number;
    scaleHourlyCents: number;
    recorded: RecordRef;
  }[];
  ruleRows: { table: string; effectiveFrom: string; revision: number; recorded: RecordRef }[];
  vat: { bp: number; row: { table: string; values: { standardBp: number } } };
  recomputed: { amountCents: number; storedAmountCents: number; equal: boolean };
  discrepancies: string[];
}
interface InvoiceLine {
  workerId: string;
  hourType: string;
  amountCents: number;
}
interface Invoice {
  invoiceId: string;
  employerId: string;
  issuedOn: string;
  lines: InvoiceLine[];
  totals: { totalCents: number };
}

describe('an auditor replays every invoice line back to what it was made of', () => {
  let database: ScratchDatabase;
  let app: INestApplication;
  let world: PayrollWorld;
  let http: PoolHttp;
  const agreements: Record<string, string> = {};
  let invoices: Invoice[];
  const invoiceOf = (employerId: string) => invoices.find((i) => i.employerId === employerId)!;
  const auditor = () => http.as(AUDITOR);
  const provenance = async (invoiceId: string, index: number): Promise<Provenance> =>
    (await auditor().get(`/audit/invoices/${invoiceId}/lines/${index}`).expect(200)).body;

  beforeAll(async () => {
    requireBuild();
    database = await createScratchDatabase();
    app = await startTestApi({ DATABASE_URL: database.url });
    world = await buildPayrollWorld(app, {
      periods: [P02.id],
      beforePayRuns: async (pool) => {
        const agree = (employerId: string, rate: object, surchargesBp = {}) =>
          pool.post(`/employers/${employerId}/rate-agreements`, { scope: { kind: 'employer' }, from: P02.from, rate, surchargesBp });
        agreements.visschedijk = (
          await agree('visschedijk', { kind: 'factor', factorBp: FACTOR_BP }, { overtime: OVERTIME_SURCHARGE_BP })
        ).agreementId;
        agreements.waarbeek = (await agree('waarbeek', { kind: 'fixed', hourlyCents: WAARBEEK_HOURLY_CENTS })).agreementId;
      },
    });
    http = world.http;
    const run = await http.post('/invoice-runs', { periodId: P02.id });
    invoices = await Promise.all(run.documents.map((d: { invoiceId: string }) => http.read(`/invoices/${d.invoiceId}`)));
    const paid = invoiceOf('visschedijk');
    await http.post(`/invoices/${paid.invoiceId}/sending`, { sentOn: paid.issuedOn });
    await http.post(`/invoices/${paid.invoiceId}/payments`, { amountCents: 10_000, toGAccountCents: 0, paidOn: paid.issuedOn });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lists every event of an invoice with who and when, from the number its ledger assigned on', async () => {
    const { invoiceId } = invoiceOf('visschedijk');
    const { body } = await auditor().get(`/audit/invoices/${invoiceId}/history`).expect(200);
    const [year, sequence] = invoiceId.split('-').map(Number);
    expect(body.entries.map((e: RecordRef) => `${e.streamId} ${e.type} by ${e.actor}`)).toEqual([
      `invoice-numbers-${year} InvoiceNumberAssigned by operator:demo`,
      `invoice-${year}-${sequence} InvoiceIssued by operator:demo`,
      `invoice-${year}-${sequence} InvoiceSent by operator:demo`,
      `invoice-${year}-${sequence} InvoicePaid by operator:demo`,
    ]);
    expect(body.entries[0].data).toMatchObject({ invoiceId, kind: 'invoice', employerId: 'visschedijk', periodId: P02.id });
    expect(body.entries[1]).toMatchObject({ recordedAt: expect.any(String), rules: [{ rule: 'rule_table', table: 'vat' }] });

    const csv = await auditor().get(`/audit/invoices/${invoiceId}/history?format=csv`).expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(5);
  });

  it('replays the invoice as known at an instant, and as it stood on a date by its payments', async () => {
    const { invoiceId, issuedOn, totals } = invoiceOf('visschedijk');
    const now = new Date().toISOString();
    const known = await auditor().get(`/audit/invoices/${invoiceId}/as-of?knownAt=${now}`).expect(200);
    expect(known.body.state).toMatchObject({ status: 'issued', kind: 'invoice', paidCents: 10_000, openCents: totals.totalCents - 10_000 });
    const before = await auditor().get(`/audit/invoices/${invoiceId}/as-of?on=2026-01-01`).expect(200);
    expect(before.body.applies).toEqual({ issued: false });
    const on = await auditor().get(`/audit/invoices/${invoiceId}/as-of?on=${issuedOn}`).expect(200);
    expect(on.body.applies).toMatchObject({ issued: true, overdue: false, paidCents: 10_000 });
  });

  it('leads a line to each timesheet line as approved, its pay line with the wage row and CAO version, and the rule rows', async () => {
    const invoice = invoiceOf('visschedijk');
    const index = invoice.lines.findIndex((line) => line.workerId === 'joris');
    const answer = await provenance(invoice.invoiceId, index);
    const days = world.hours.filter((d) => d.workerId === 'joris');
    expect(answer.sources.map((s) => s.timesheetLine.line)).toEqual(
      days.map(({ day, start, end, breakMinutes }) => ({ day, start, end, breakMinutes, hourType: 'normal' })),
    );
    expect(answer.sources.map((s) => s.source.timesheetId)).toEqual(days.map((d) => d.timesheetId));
    for (const { timesheetLine, payLine, source } of answer.sources) {
      expect(timesheetLine).toMatchObject({ approvedVersion: 1, approvedBy: 'employer:demo@visschedijk' });
      expect(timesheetLine.approval).toMatchObject({ streamId: `timesheet-${source.timesheetId}`, type: 'TimesheetApproved' });
      expect(payLine.recorded).toMatchObject({ streamId: `pay-run-${P02.id}`, type: 'PayLinesCalculated' });
      expect(payLine.line.wage.cao).toMatchObject({ code: 'schoonmaak', effectiveFrom: CAO_FROM, revision: 0, scale: 'A', step: 1 });
      expect(payLine.line.wage.minimumWage.rule.effectiveFrom).toBe('2026-01-01');
    }
    // Joris turns 18 on the Wednesday of the first week: his Monday is paid at the CAO's youth wage for 17, his Thursday for 18.
    const youth = answer.sources.slice(0, 2).map((s) => [s.payLine.line.wage.age, s.payLine.line.wage.cao.youthBp]);
    expect(youth).toEqual([
      [17, WORLD_CAOS.schoonmaak.youthBp[17]],
      [18, WORLD_CAOS.schoonmaak.youthBp[18]],
    ]);
    expect(answer.caoVersions).toEqual([
      expect.objectContaining({
        code: 'schoonmaak',
        effectiveFrom: CAO_FROM,
        revision: 0,
        scaleHourlyCents: WORLD_CAOS.schoonmaak.wageScales.A[1],
        recorded: expect.objectContaining({ streamId: 'cao-schoonmaak', type: 'CaoVersionPublished' }),
      }),
    ]);
    expect(answer.ruleRows.map((r) => `${r.table} ${r.recorded.streamId}`)).toEqual([
      'minimum-wage rules-minimum-wage',
      'holiday-allowance rules-holiday-allowance',
      'sick-pay-and-leave rules-sick-pay-and-leave',
    ]);
  });

  it('names the rate agreement and the VAT row, and computes the amount again to the cent', async () => {
    const invoice = invoiceOf('visschedijk');
    const index = invoice.lines.findIndex((line) => line.workerId === 'joris');
    const answer = await provenance(invoice.invoiceId, index);
    expect(answer.rateAgreement).toMatchObject({
      agreed: { streamId: 'rates-visschedijk', type: 'RateAgreed' },
      terms: {
        agreementId: agreements.visschedijk,
        rate: { kind: 'factor', factorBp: FACTOR_BP },
        check: { costFactorBp: expect.any(Number) },
      },
    });
    expect(answer.vat).toMatchObject({ bp: 2100, row: { table: 'vat', values: { standardBp: 2100 } } });
    const gross = answer.sources.reduce((sum, s) => sum + s.payLine.grossWageCents, 0);
    expect(answer.recomputed).toEqual(
      expect.objectContaining({ amountCents: share(gross, FACTOR_BP), storedAmountCents: invoice.lines[index].amountCents, equal: true }),
    );
    expect(answer.discrepancies).toEqual([]);
  });

  it('replays every line of every invoice exactly, for a factor rate and a fixed one', async () => {
    for (const invoice of invoices) {
      for (const [index, line] of invoice.lines.entries()) {
        const answer = await provenance(invoice.invoiceId, index);
        expect({ line: `${invoice.invoiceId} #${index}`, discrepancies: answer.discrepancies, equal: answer.recomputed.equal }).toEqual({
          line: `${invoice.invoiceId} #${index}`,
          discrepancies: [],
          equal: true,
        });
        expect(answer.line.rateAgreementId).toBe(agreements[invoice.employerId]);
        if (invoice.employerId === 'waarbeek') {
          const minutes = answer.sources.reduce((sum, s) => sum + s.payLine.line.minutes, 0);
          expect(line.amountCents).toBe((minutes * WAARBEEK_HOURLY_CENTS) / 60);
        }
      }
    }
  });

  it('is for auditors and operators, records each access, and refuses what names no line', async () => {
    const { invoiceId } = invoiceOf('waarbeek');
    for (const path of [`/audit/invoices/${invoiceId}/lines/0`, `/audit/invoices/${invoiceId}/history`]) {
      await http.as(employerKey('waarbeek')).get(path).expect(403);
      await http.as(world.keys.operator).get(path).expect(200);
    }
    await auditor().get(`/audit/invoices/${invoiceId}/lines/first`).expect(400);
    await auditor().get(`/audit/invoices/${invoiceId}/lines/-1`).expect(400);
    expect((await auditor().get(`/audit/invoices/${invoiceId}/lines/99`).expect(404)).body).toMatchObject({
      code: 'invoice_line_not_found',
    });
    await auditor().get('/audit/invoices/2026-09999/lines/0').expect(404);
    await auditor().get('/audit/invoices/not-a-number/history').expect(404);

    await auditor().get(`/audit/invoices/${invoiceId}/lines/0`).expect(200);
    const store = app.get<EventStore>(EVENT_STORE);
    const accesses = await store.readStream(auditAccessStreamId(localDateOf(new Date())));
    expect(accesses.at(-1)?.data).toMatchObject({
      actor: 'auditor:demo',
      action: 'provenance',
      target: `/audit/invoices/${invoiceId}/lines/0`,
    });
  });

  describe('with the audit CLI (npm run audit)', () => {
    it('provenance invoice <number> --line n: the same answer as over HTTP, in sentences on stderr', async () => {
      const invoice = invoiceOf('visschedijk');
      const index = invoice.lines.findIndex((line) => line.workerId === 'anna');
      const run = await runAuditCli(database.url, 'provenance', 'invoice', invoice.invoiceId, '--line', String(index));
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 0,
        stderr: expect.stringContaining(`Line ${index} of invoice ${invoice.invoiceId} to visschedijk: placement anna-visschedijk`),
      });
      expect(run.stderr).toContain('Computed again from these records');
      expect(run.stderr).not.toContain('DISCREPANCY');
      expect(JSON.parse(run.stdout)).toEqual(await provenance(invoice.invoiceId, index));
    });

    it('as-of worker <id> starts from the snapshot the commands kept, as GET …/as-of does', async () => {
      // Past the snapshot interval (100 events), so the commands keep a snapshot of the worker's state.
      for (let change = 0; change < 110; change += 1) await http.put('/workers/anna/availability', { hoursPerWeek: 30 + (change % 2) });
      const knownAt = new Date().toISOString();
      const cli = await runAuditCli(database.url, 'as-of', 'worker', 'anna', '--known-at', knownAt);
      expect(cli.code).toBe(0);
      const answer = JSON.parse(cli.stdout);
      expect(answer.replayedFrom).toMatchObject({ snapshot: true, revision: expect.any(Number) });
      const http200 = await http.read(`/audit/workers/anna/as-of?knownAt=${knownAt}&purpose=subject_access`, AUDITOR);
      expect(answer).toEqual(JSON.parse(JSON.stringify(http200)));
    });

    it('history invoice <number> and as-of invoice <number>, and refuses a provenance without --line (exit 2)', async () => {
      const { invoiceId } = invoiceOf('waarbeek');
      const history = await runAuditCli(database.url, 'history', 'invoice', invoiceId);
      expect(history.code).toBe(0);
      expect(JSON.parse(history.stdout).entries.map((e: RecordRef) => e.type)).toEqual(['InvoiceNumberAssigned', 'InvoiceIssued']);
      const asOf = await runAuditCli(database.url, 'as-of', 'invoice', invoiceId, '--known-at', new Date().toISOString());
      expect(JSON.parse(asOf.stdout).state).toMatchObject({ status: 'issued', employerId: 'waarbeek' });
      expect((await runAuditCli(database.url, 'provenance', 'invoice', invoiceId)).code).toBe(2);
      expect((await runAuditCli(database.url, 'provenance', 'placement', 'p1', '--line', '0')).code).toBe(2);
      const missing = await runAuditCli(database.url, 'provenance', 'invoice', invoiceId, '--line', '99');
      expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('there is no line 99') });
    });
  });
});
