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
