import type { LksClaimLine, LocalDate, Period, WageValueDecision } from '@banenpool/domain';
import { SqlFilter, type Queryable } from '../shared/sql.js';
import type { LksPayment } from './lks-claims.entity.js';

/** A claim as the read model holds it. */
export interface LksClaimRecord {
  claimId: string;
  workerId: string;
  month: string;
  municipality: string;
  decisionId: string;
  payRunIds: string[];
  lines: LksClaimLine[];
  subsidyCents: number;
  employerChargesAllowanceCents: number;
  totalCents: number;
  calculatedBy: string;
  /** The claim this one corrects. */
  corrects?: string;
  /** The claim that corrected this one: it no longer counts. */
  correctedBy?: string;
  submittedOn?: LocalDate;
  payments: LksPayment[];
  paidCents: number;
}

const CLAIM_COLUMNS = `claim_id AS "claimId", worker_id AS "workerId", month, municipality, decision_id AS "decisionId",
  pay_run_ids AS "payRunIds", lines, subsidy_cents AS "subsidyCents",
  employer_charges_allowance_cents AS "employerChargesAllowanceCents", total_cents AS "totalCents",
  calculated_by AS "calculatedBy", corrects, corrected_by AS "correctedBy", submitted_on::text AS "submittedOn", payments`;

type ClaimRow = Omit<LksClaimRecord, 'corrects' | 'correctedBy' | 'submittedOn' | 'paidCents'> & {
  corrects: string | null;
  correctedBy: string | null;
  submittedOn: string | null;
};

function recordOf({ corrects, correctedBy, submittedOn, ...row }: ClaimRow): LksClaimRecord {
  return {
    ...row,
    ...(corrects !== null && { corrects }),
    ...(correctedBy !== null && { correctedBy }),
    ...(submittedOn !== null && { submittedOn }),
    paidCents: row.payments.reduce((sum, payment) => sum + payment.amountCents, 0),
  };
}

export async function findLksClaim(db: Queryable, claimId: string): Promise<LksClaimRecord | undefined> {
  const rows: ClaimRow[] = await db.query(`SELECT ${CLAIM_COLUMNS} FROM rm_lks_claims WHERE claim_id = $1`, [claimId]);
  return rows.length === 0 ? undefined : recordOf(rows[0]);
}

/** The claims of a month, of one municipality or all: by municipality and worker, each worker's in the order calculated. */
export async function lksClaimsOfMonth(db: Queryable, month: string, municipality?: string): Promise<LksClaimRecord[]> {
  const filter = new SqlFilter().when(month, (p) => `month = ${p}`).when(municipality, (p) => `municipality = ${p}`);
  const rows: ClaimRow[] = await db.query(
    `SELECT ${CLAIM_COLUMNS} FROM rm_lks_claims ${filter.sql} ORDER BY municipality, worker_id, calculated_at`,
    filter.params,
  );
  return rows.map(recordOf);
}

const DECISION_COLUMNS = `decision_id AS "decisionId", worker_id AS "workerId", municipality, wage_value_bp AS "wageValueBp",
  from_day::text AS "from", to_day::text AS "to", reassess_on::text AS "reassessOn", decided_by AS "by", reference`;

type DecisionRow = Omit<WageValueDecision, 'to' | 'reference'> & { to: string | null; reference: string | null };

const decisionOf = ({ to, reference, ...row }: DecisionRow): WageValueDecision => ({
  ...row,
  ...(to !== null && { to }),
  ...(reference !== null && { reference }),
});

/**
 * The workers with a decision whose own days (from its start to its own end, if any) touch `days`,
 * of one municipality or any, by id. A superset of those with a decision in force then: an open
 * decision ends where the worker's next one starts, which the worker's stream says.
 */
export async function workersWithDecisionsDuring(db: Queryable, days: Period, municipality?: string): Promise<string[]> {
  const filter = new SqlFilter()
    .when(days.to, (p) => `from_day <= ${p}::date`)
    .when(days.from, (p) => `(to_day IS NULL OR to_day >= ${p}::date)`)
    .when(municipality, (p) => `municipality = ${p}`);
  const rows: { workerId: string }[] = await db.query(
    `SELECT DISTINCT worker_id AS "workerId" FROM rm_lks_decisions ${filter.sql} ORDER BY worker_id`,
    filter.params,
  );
  return rows.map((row) => row.workerId);
}

/** Every decision of each worker with a reassessment date on or before `by`: what reassessmentsDue judges. */
export async function decisionsOfWorkersReassessedBy(db: Queryable, by: LocalDate): Promise<WageValueDecision[]> {
  const rows: DecisionRow[] = await db.query(
    `SELECT ${DECISION_COLUMNS} FROM rm_lks_decisions
     WHERE worker_id IN (SELECT worker_id FROM rm_lks_decisions WHERE reassess_on <= $1::date) ORDER BY worker_id, from_day`,
    [by],
  );
  return rows.map(decisionOf);
}
