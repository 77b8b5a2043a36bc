import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireBasisPoints, requireCents, requireDate, requirePeriod, requireText } from '../shared/guards.js';
import { contains, formatPeriod, type LocalDate, type Period } from '../shared/local-date.js';
import type { Cents } from '../shared/money.js';
import type { CalculateLksClaim, LksCommand, RecordLksClaimPayment, RecordWageValueDecision, SubmitLksClaim } from './lks.commands.js';
import { claimMonthDays, decisionDaysIn, type LksClaimFigures } from './lks-claim.js';
import type { LksClaimCalculated, LksClaimLine, LksEvent } from './lks.events.js';
import { decisionsInForce, overlappingDecision, type DecisionInForce, type WageValueDecision } from './wage-value-decisions.js';

/** A claim as it stands: its calculation, whether it was submitted, what was paid on it, and the claim that corrected it. */
export interface LksClaim extends Readonly<LksClaimCalculated['data']> {
  readonly submittedOn?: LocalDate;
  readonly paidCents: Cents;
  readonly correctedBy?: string;
}

export type LksState =
  | { readonly status: 'none' }
  | {
      readonly status: 'decided';
      readonly workerId: string;
      readonly decisions: readonly WageValueDecision[];
      /** In the order calculated: a correction comes after the claim it corrects. */
      readonly claims: readonly LksClaim[];
    };

type Decided = Extract<LksState, { status: 'decided' }>;

export const lksDecider: Decider<LksCommand, LksEvent, LksState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    switch (event.type) {
      case 'WageValueDecided': {
        const { workerId } = event.data;
        const decided = state.status === 'none' ? { status: 'decided' as const, workerId, decisions: [], claims: [] } : state;
        return { ...decided, decisions: [...decided.decisions, event.data] };
      }
      case 'LksClaimCalculated': {
        if (state.status === 'none') return state;
        const { claimId, corrects } = event.data;
        const claims = state.claims.map((claim) => (claim.claimId === corrects ? { ...claim, correctedBy: claimId } : claim));
        return { ...state, claims: [...claims, { ...event.data, paidCents: 0 }] };
      }
      case 'LksClaimSubmitted':
        return withClaim(state, event.data.claimId, (claim) => ({ ...claim, submittedOn: event.data.submittedOn }));
      case 'LksClaimPaid':
        return withClaim(state, event.data.claimId, (claim) => ({ ...claim, paidCents: claim.paidCents + event.data.amountCents }));
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordWageValueDecision':
        return decision(command, state);
      case 'CalculateLksClaim':
        return calculation(command, decided(state));
      case 'SubmitLksClaim':
        return submission(command, decided(state));
      case 'RecordLksClaimPayment':
        return payment(command, decided(state));
      default:
        return assertNever(command);
    }
  },
};

function withClaim(state: LksState, claimId: string, change: (claim: LksClaim) => LksClaim): LksState {
  if (state.status === 'none') return state;
  return { ...state, claims: state.claims.map((claim) => (claim.claimId === claimId ? change(claim) : claim)) };
}

function decided(state: LksState): Decided {
  if (state.status === 'none') notFound('no_wage_value_decision', 'This worker has no wage-value decision, so no wage-cost subsidy.');
  return state;
}

function decision(command: RecordWageValueDecision, state: LksState): LksEvent[] {
  const { decisionId, workerId, municipality, wageValueBp, from, to, reassessOn, by, reference } = command;
  const data = {
    decisionId,
    workerId,
    municipality,
    wageValueBp,
    from,
    ...(to !== undefined && { to }),
    reassessOn,
    by,
    ...(reference !== undefined && { reference }),
  };
  for (const [value, what] of [
    [data.decisionId, 'The decision id'],
    [data.workerId, 'The worker id'],
    [data.municipality, 'The municipality'],
    [data.by, 'Who records the decision'],
  ] as const)
    requireText(value, what);
  if (data.reference !== undefined) requireText(data.reference, 'The decision’s reference');
  requireBasisPoints(data.wageValueBp, 'The wage value', { min: 1 });
  requirePeriod(data, 'The decision');
  requireDate(data.reassessOn, 'The reassessment date');
  if (data.reassessOn < data.from) {
    refuse('reassessment_before_start', `The reassessment date ${data.reassessOn} lies before the decision starts on ${data.from}.`);
  }
  const decisions = state.status === 'none' ? [] : state.decisions;
  if (decisions.some((d) => d.decisionId === data.decisionId))
    conflict('decision_exists', `Decision ${data.decisionId} is recorded already.`);
  const overlapping = overlappingDecision(decisions, data);
  if (overlapping !== undefined) {
    refuse(
      'decisions_overlap',
      `The decision ${formatPeriod(data)} shares days with decision ${overlapping.decisionId} of ${overlapping.municipality} ` +
        `(${formatPeriod(overlapping)}): a worker's decisions never overlap; one without an end runs until the next one starts.`,
    );
  }
  return [{ type: 'WageValueDecided', data }];
}

function calculation(command: CalculateLksClaim, state: Decided): LksEvent[] {
  const { claimId, month, decisionId, payRunIds, figures, by } = command;
  requireText(claimId, 'The claim id');
  requireText(by, 'Who calculates the claim');
  const decision = inForce(state, decisionId);
  const latest = state.claims.findLast((claim) => claim.month === month && claim.decisionId === decisionId);
  requireFiguresFit(figures, claimDays(month, decision, latest), decision.decision);
  if (state.claims.some((claim) => claim.claimId === claimId)) conflict('claim_exists', `Claim ${claimId} is recorded already.`);
  if (latest === undefined ? figures.lines.length === 0 : sameFigures(latest, figures)) return [];
  const { municipality } = decision.decision;
  const { lines, subsidyCents, employerChargesAllowanceCents, totalCents } = figures;
  return [
    {
      type: 'LksClaimCalculated',
      data: {
        claimId,
        workerId: state.workerId,
        month,
        municipality,
        decisionId,
        payRunIds: [...payRunIds],
        lines: [...lines],
        subsidyCents,
        employerChargesAllowanceCents,
        totalCents,
        ...(latest && { corrects: latest.claimId }),
        by,
      },
    },
  ];
}

function inForce(state: Decided, decisionId: string): DecisionInForce {
  return (
    decisionsInForce(state.decisions).find((d) => d.decision.decisionId === decisionId) ??
    notFound('decision_not_found', `Worker ${state.workerId} has no wage-value decision ${decisionId}.`)
  );
}

/**
 * The days of the month the decision is in force. None refuses a first claim; a claimed month the
 * decision no longer covers (a later decision took its days) is corrected to nothing.
 */
function claimDays(month: string, decision: DecisionInForce, latest: LksClaim | undefined): Period | undefined {
  const days = decisionDaysIn(month, decision);
  if (days === undefined && latest === undefined) {
    refuse(
      'decision_not_in_force',
      `Decision ${decision.decision.decisionId} is in force ${formatPeriod(decision.days)}, not in ${month}.`,
    );
  }
  return days;
}

// The handler computes the figures; a line outside the decision's days, at another wage value, or totals that do not add up are its bug.
function requireFiguresFit(figures: LksClaimFigures, days: Period | undefined, decision: WageValueDecision): void {
  const misfit = figures.lines.find(
    (line) => days === undefined || !contains(days, { from: line.from, to: line.to }) || line.wageValueBp !== decision.wageValueBp,
  );
  const subsidy = figures.lines.reduce((sum, line) => sum + line.subsidyCents, 0);
  if (misfit !== undefined || subsidy !== figures.subsidyCents || figures.totalCents !== subsidy + figures.employerChargesAllowanceCents) {
    refuse(
      'claim_figures_invalid',
      `The claim's figures do not fit decision ${decision.decisionId} (${days ? formatPeriod(days) : 'no days of the month'}, ` +
        `wage value ${decision.wageValueBp} bp), ` +
        'or its totals are not the sums of its lines.',
    );
  }
}

/** Whether a recalculation comes to what the claim says: the same lines (days, minutes, hourly figures, rule rows) and totals. */
function sameFigures(claim: LksClaim, figures: LksClaimFigures): boolean {
  const shape = (lines: readonly LksClaimLine[], totals: Omit<LksClaimFigures, 'lines'>) =>
    JSON.stringify([
      lines.map((l) => [
        l.from,
        l.to,
        l.minutes,
        l.minimumWageHourlyCents,
        l.statutoryHolidayAllowanceBp,
        l.caoWageHourlyCents,
        l.holidayAllowanceBp,
        l.wageValueBp,
        l.capped,
        l.subsidyCents,
        l.rules.map((r) => [r.table, r.effectiveFrom, r.revision]),
      ]),
      [totals.subsidyCents, totals.employerChargesAllowanceCents, totals.totalCents],
    ]);
  return shape(claim.lines, claim) === shape(figures.lines, figures);
}

function claimOf(state: Decided, claimId: string): LksClaim {
  return (
    state.claims.find((claim) => claim.claimId === claimId) ??
    notFound('claim_not_found', `Worker ${state.workerId} has no wage-cost subsidy claim ${claimId}.`)
  );
}

function submission({ claimId, submittedOn, by }: SubmitLksClaim, state: Decided): LksEvent[] {
  requireText(by, 'Who submits the claim');
  requireDate(submittedOn, 'The submission date');
  const claim = claimOf(state, claimId);
  if (claim.correctedBy !== undefined) {
    refuse('claim_corrected', `Claim ${claimId} was corrected by claim ${claim.correctedBy}: submit that one instead.`);
  }
  if (claim.submittedOn !== undefined) conflict('claim_submitted', `Claim ${claimId} was submitted on ${claim.submittedOn}.`);
  const { to } = claimMonthDays(claim.month);
  if (submittedOn <= to) {
    refuse('month_not_over', `Claim ${claimId} is for ${claim.month}: it is submitted once the month is over, after ${to}.`);
  }
  return [{ type: 'LksClaimSubmitted', data: { claimId, submittedOn, by } }];
}

function payment({ claimId, amountCents, paidOn, by }: RecordLksClaimPayment, state: Decided): LksEvent[] {
  requireText(by, 'Who records the payment');
  requireCents(amountCents, 'The amount paid');
  requireDate(paidOn, 'The payment date');
  const claim = claimOf(state, claimId);
  if (claim.submittedOn === undefined) refuse('claim_not_submitted', `Claim ${claimId} was not submitted, so nothing was paid on it.`);
  if (paidOn < claim.submittedOn) {
    refuse('paid_before_submission', `Claim ${claimId} was submitted on ${claim.submittedOn}: it cannot be paid on ${paidOn}.`);
  }
  return [{ type: 'LksClaimPaid', data: { claimId, amountCents, paidOn, by } }];
}
