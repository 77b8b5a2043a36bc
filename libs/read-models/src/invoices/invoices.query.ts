import type { InvoiceKind, InvoiceLine, InvoiceTotals, LocalDate } from '@banenpool/domain';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import type { InvoiceCorrection, InvoicePayment, InvoiceRow, InvoiceStatus, InvoiceVat } from './invoices.entity.js';

/** A document in a list: who, which period, its dates, totals and what is paid and open. */
export interface InvoiceSummary {
  invoiceId: string;
  number: string;
  year: number;
  sequence: number;
  kind: InvoiceKind;
  employerId: string;
  periodId: string;
  payRunId: string;
  issuedOn: LocalDate;
  dueOn: LocalDate;
  sentOn?: LocalDate;
  status: InvoiceStatus;
  totals: InvoiceTotals;
  paid: { cents: number; toGAccountCents: number };
  openCents: number;
}

/** A document whole: its lines, VAT, G-account share, what a credit note corrects, and the payments. */
export interface InvoiceRecord extends InvoiceSummary {
  vat: InvoiceVat;
  gAccountShareBp: number;
  lines: InvoiceLine[];
  corrects?: InvoiceCorrection['corrects'];
  reasons?: InvoiceCorrection['reasons'];
  payments: InvoicePayment[];
  issuedBy: string;
  /** The stream's version (its last revision): the If-Match of a next command on it. */
  version: number;
}

export interface InvoiceFilter {
  employerId?: string;
  periodId?: string;
  year?: number;
  kind?: InvoiceKind;
  status?: InvoiceStatus;
  limit: number;
  offset: number;
}

const SUMMARY_COLUMNS = `invoice_id AS "invoiceId", number, year, sequence, kind, employer_id AS "employerId", period_id AS "periodId",
  pay_run_id AS "payRunId", issued_on::text AS "issuedOn", due_on::text AS "dueOn", sent_on::text AS "sentOn", status,
  net_cents AS "netCents", vat_cents AS "vatCents", total_cents AS "totalCents", g_account_cents AS "gAccountCents",
  paid_cents AS "paidCents", paid_to_g_account_cents AS "paidToGAccountCents", open_cents AS "openCents"`;
const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, vat, g_account_share_bp AS "gAccountShareBp", lines, correction, payments,
  issued_by AS "issuedBy", event_count AS "eventCount"`;

function summaryOf(row: InvoiceRow): InvoiceSummary {
  const { invoiceId, number, year, sequence, kind, employerId, periodId, payRunId, issuedOn, dueOn, sentOn, status } = row;
  return {
    invoiceId,
    number,
    year,
    sequence,
    kind,
    employerId,
    periodId,
    payRunId,
    issuedOn,
    dueOn,
    ...(sentOn === null ? {} : { sentOn }),
    status,
    totals: { netCents: row.netCents, vatCents: row.vatCents, totalCents: row.totalCents, gAccountCents: row.gAccountCents },
    paid: { cents: row.paidCents, toGAccountCents: row.paidToGAccountCents },
    openCents: row.openCents,
  };
}

function recordOf(row: InvoiceRow): InvoiceRecord {
  return {
    ...summaryOf(row),
    vat: row.vat,
    gAccountShareBp: row.gAccountShareBp,
    lines: row.lines,
    ...(row.correction === null ? {} : row.correction),
    payments: row.payments,
    issuedBy: row.issuedBy,
    version: row.eventCount - 1,
  };
}

/** The document with this id (`<year>-<sequence>`), as far as the read model has come. */
export async function findInvoice(db: Queryable, invoiceId: string): Promise<InvoiceRecord | undefined> {
  const rows: InvoiceRow[] = await db.query(`SELECT ${RECORD_COLUMNS} FROM rm_invoices WHERE invoice_id = $1`, [invoiceId]);
  return rows.length === 0 ? undefined : recordOf(rows[0]);
}

/** The documents that match, in the order of the series (year, then number); paginated. */
export async function listInvoices(db: Queryable, filter: InvoiceFilter): Promise<Page<InvoiceSummary>> {
  const filtered = () =>
    new SqlFilter()
      .when(filter.employerId, (p) => `employer_id = ${p}`)
      .when(filter.periodId, (p) => `period_id = ${p}`)
      .when(filter.year, (p) => `year = ${p}`)
      .when(filter.kind, (p) => `kind = ${p}`)
      .when(filter.status, (p) => `status = ${p}`);
  const select = (where: SqlFilter) => `SELECT ${SUMMARY_COLUMNS} FROM rm_invoices ${where.sql}`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: InvoiceRow[] = await db.query(
    `${select(paged)} ORDER BY year, sequence LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return { items: rows.map(summaryOf), total, limit: filter.limit, offset: filter.offset };
}

/** Every document to one hirer with its lines, in the order of the series: what a next invoice corrects. */
export async function invoicesOfEmployer(db: Queryable, employerId: string): Promise<InvoiceRecord[]> {
  const rows: InvoiceRow[] = await db.query(`SELECT ${RECORD_COLUMNS} FROM rm_invoices WHERE employer_id = $1 ORDER BY year, sequence`, [
    employerId,
  ]);
  return rows.map(recordOf);
}

/**
 * A hirer's documents of one kind issued in a period's invoicing, summed as issued (a credit note's
 * totals are negative), with what is paid and open on them so far. For the finance view.
 */
export interface PeriodDocumentTotals {
  employerId: string;
  kind: InvoiceKind;
  documents: number;
  netCents: number;
  vatCents: number;
  totalCents: number;
  paidCents: number;
  openCents: number;
}

/** The totals of a period's documents per hirer (or of one) and kind, by hirer id; summed in SQL, never a document's lines. */
export async function documentTotalsOfPeriod(db: Queryable, periodId: string, employerId?: string): Promise<PeriodDocumentTotals[]> {
  const filter = new SqlFilter().when(periodId, (p) => `period_id = ${p}`).when(employerId, (p) => `employer_id = ${p}`);
  const rows: Record<keyof PeriodDocumentTotals, string | number>[] = await db.query(
    `SELECT employer_id AS "employerId", kind, count(*) AS documents, sum(net_cents) AS "netCents", sum(vat_cents) AS "vatCents",
       sum(total_cents) AS "totalCents", sum(paid_cents) AS "paidCents", sum(open_cents) AS "openCents"
     FROM rm_invoices ${filter.sql} GROUP BY employer_id, kind ORDER BY employer_id, kind`,
    filter.params,
  );
  // SQL sums come back as bigint text.
  return rows.map(({ employerId, kind, ...sums }) => ({
    employerId: String(employerId),
    kind: kind as InvoiceKind,
    documents: Number(sums.documents),
    netCents: Number(sums.netCents),
    vatCents: Number(sums.vatCents),
    totalCents: Number(sums.totalCents),
    paidCents: Number(sums.paidCents),
    openCents: Number(sums.openCents),
  }));
}

/** What a period's documents of one kind to a hirer bill for one worker: the sum of the worker's lines (a credit note's as first invoiced, so positive). */
export interface PeriodWorkerLines {
  employerId: string;
  workerId: string;
  kind: InvoiceKind;
  amountCents: number;
}

/** The lines of a period's documents (to every hirer or one) summed per hirer, worker and kind, in SQL. */
export async function workerLinesOfPeriod(db: Queryable, periodId: string, employerId?: string): Promise<PeriodWorkerLines[]> {
  const filter = new SqlFilter().when(periodId, (p) => `period_id = ${p}`).when(employerId, (p) => `employer_id = ${p}`);
  const rows: (Omit<PeriodWorkerLines, 'amountCents'> & { amountCents: string | number })[] = await db.query(
    `SELECT employer_id AS "employerId", line->>'workerId' AS "workerId", kind, sum((line->>'amountCents')::bigint) AS "amountCents"
     FROM rm_invoices, jsonb_array_elements(lines) AS line ${filter.sql}
     GROUP BY employer_id, line->>'workerId', kind ORDER BY employer_id, 2, kind`,
    filter.params,
  );
  return rows.map((row) => ({ ...row, amountCents: Number(row.amountCents) }));
}
