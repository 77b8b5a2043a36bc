import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { addDays, LKS_ROUNDING_RULE, reassessmentsDue, type LocalDate, type ReassessmentDue } from '@banenpool/domain';
import { decisionsOfWorkersReassessedBy, lksClaimsOfMonth, type LksClaimRecord } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { hoursText } from '../payroll/pay-run-export.js';
import { LksClaimReader } from './lks-claim-reader.js';

/** Paid once the municipality paid anything on it; a claim a later one corrected says so in `correctedBy`. */
export type LksClaimStatus = 'calculated' | 'submitted' | 'paid';

/** A claim as operators and auditors read it: with where it stands and the hours it counts. */
export type LksClaimView = LksClaimRecord & { status: LksClaimStatus; minutes: number; hours: string };

const viewOf = (claim: LksClaimRecord): LksClaimView => {
  const minutes = claim.lines.reduce((sum, line) => sum + line.minutes, 0);
  const status = claim.paidCents > 0 ? 'paid' : claim.submittedOn !== undefined ? 'submitted' : 'calculated';
  return { ...claim, status, minutes, hours: hoursText(minutes) };
};

/** One claim, with its lines (each line's hourly figures and the rule rows they came from). */
export class GetLksClaimQuery extends Query<LksClaimView & { rounding: typeof LKS_ROUNDING_RULE }> {
  constructor(readonly claimId: string) {
    super();
  }
}

@QueryHandler(GetLksClaimQuery)
export class GetLksClaimHandler implements IQueryHandler<GetLksClaimQuery> {
  constructor(private readonly claims: LksClaimReader) {}

  async execute({ claimId }: GetLksClaimQuery) {
    return { ...viewOf(await this.claims.existing(claimId)), rounding: LKS_ROUNDING_RULE };
  }
}

/** A claim in a month's list: its totals and hours, without its lines. */
export type LksClaimSummary = Omit<LksClaimView, 'lines'>;

/** What a municipality is claimed for a month: the standing claims (a corrected one no longer counts) and the corrected ones. */
export interface MunicipalityClaims {
  municipality: string;
  workers: number;
  subsidyCents: number;
  employerChargesAllowanceCents: number;
  totalCents: number;
  /** Paid on any claim of the month, corrected ones too. */
  paidCents: number;
  claims: LksClaimSummary[];
  corrected: LksClaimSummary[];
}

export interface LksMonthClaims {
  month: string;
  rounding: typeof LKS_ROUNDING_RULE;
  municipalities: MunicipalityClaims[];
}

/** The claims of a month per municipality (or of one), with the per-worker claims behind each total. */
export class ListLksClaimsQuery extends Query<LksMonthClaims> {
  constructor(
    readonly month: string,
    readonly municipality?: string,
  ) {
    super();
  }
}

@QueryHandler(ListLksClaimsQuery)
export class ListLksClaimsHandler implements IQueryHandler<ListLksClaimsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ month, municipality }: ListLksClaimsQuery): Promise<LksMonthClaims> {
    const claims = (await lksClaimsOfMonth(this.dataSource, month, municipality)).map(viewOf);
    const municipalities = [...new Set(claims.map((claim) => claim.municipality))];
    return {
      month,
      rounding: LKS_ROUNDING_RULE,
      municipalities: municipalities.map((name) =>
        municipalityClaims(
          name,
          claims.filter((claim) => claim.municipality === name),
        ),
      ),
    };
  }
}

function municipalityClaims(municipality: string, claims: readonly LksClaimView[]): MunicipalityClaims {
  const standing = claims.filter((claim) => claim.correctedBy === undefined);
  const sum = (of: readonly LksClaimView[], figure: (claim: LksClaimView) => number) =>
    of.reduce((total, claim) => total + figure(claim), 0);
  const summary = ({ lines: _lines, ...claim }: LksClaimView): LksClaimSummary => claim;
  return {
    municipality,
    workers: new Set(standing.map((claim) => claim.workerId)).size,
    subsidyCents: sum(standing, (claim) => claim.subsidyCents),
    employerChargesAllowanceCents: sum(standing, (claim) => claim.employerChargesAllowanceCents),
    totalCents: sum(standing, (claim) => claim.totalCents),
    paidCents: sum(claims, (claim) => claim.paidCents),
    claims: standing.map(summary),
    corrected: claims.filter((claim) => claim.correctedBy !== undefined).map(summary),
  };
}

export interface ReassessmentsDueAnswer {
  asOf: LocalDate;
  weeks: number;
  items: ReassessmentDue[];
}

/** Each worker's current decision whose reassessment date falls within `weeks` weeks of `asOf`, or has passed. */
export class ReassessmentsDueQuery extends Query<ReassessmentsDueAnswer> {
  constructor(
    readonly asOf: LocalDate,
    readonly weeks: number,
  ) {
    super();
  }
}

@QueryHandler(ReassessmentsDueQuery)
export class ReassessmentsDueHandler implements IQueryHandler<ReassessmentsDueQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ asOf, weeks }: ReassessmentsDueQuery): Promise<ReassessmentsDueAnswer> {
    const decisions = await decisionsOfWorkersReassessedBy(this.dataSource, addDays(asOf, weeks * 7));
    return { asOf, weeks, items: reassessmentsDue(decisions, asOf, weeks) };
  }
}
