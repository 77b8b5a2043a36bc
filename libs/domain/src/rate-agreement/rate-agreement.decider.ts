import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireBasisPoints, requireCents, requireDate, requirePeriod, requireText } from '../shared/guards.js';
import { addDays, formatPeriod, overlaps, type LocalDate, type OpenPeriod } from '../shared/local-date.js';
import { formatBasisPoints, type BasisPoints, type Cents } from '../shared/money.js';
import { HOUR_TYPES } from '../timesheet/timesheet.events.js';
import type { CostShares, FactorCost, PlacementHourCost } from './cost-price.js';
import type { AgreeRate, EndRateAgreement, RateAgreementCommand } from './rate-agreement.commands.js';
import type { CostPriceCheck, RateAgreementEvent, RateScope } from './rate-agreement.events.js';
import { rateInForce, type RateAgreementView } from './rate-in-force.js';

/** An agreement as the stream holds it: what prices an hour (the view), and what was recorded with it. */
export interface RateAgreementRecord extends RateAgreementView {
  readonly check: CostPriceCheck;
  readonly agreedBy: string;
  readonly reason?: string;
  /** Once ended; its `to` is then the last day. */
  readonly ended?: { readonly lastDay: LocalDate; readonly by: string; readonly reason: string };
}

export type RateAgreementsState =
  | { readonly status: 'none' }
  | { readonly status: 'active'; readonly employerId: string; readonly agreements: readonly RateAgreementRecord[] };

// Bounds that only catch typing errors: no rate is ten times the wage, no surcharge 300 % (as CAO surcharges).
const MAX_FACTOR_BP = 100_000;
const MAX_SURCHARGE_BP = 30_000;

/** The rate agreements with one hirer: the `rates-<employerId>` stream. */
export const rateAgreementDecider: Decider<RateAgreementCommand, RateAgreementEvent, RateAgreementsState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    switch (event.type) {
      case 'RateAgreed': {
        const { agreementId, employerId, scope, from, to, rate, surchargesBp, gAccountShareBp, check, by, reason } = event.data;
        const agreement = { agreementId, scope, from, to, rate, surchargesBp, gAccountShareBp, check, agreedBy: by, reason };
        return { status: 'active', employerId, agreements: [...agreementsOf(state), agreement] };
      }
      case 'RateAgreementEnded': {
        if (state.status === 'none') return state; // an agreement is always agreed before it ends
        const { agreementId, lastDay, by, reason } = event.data;
        const ended = (a: RateAgreementRecord) =>
          a.agreementId === agreementId ? { ...a, to: lastDay, ended: { lastDay, by, reason } } : a;
        return { ...state, agreements: state.agreements.map(ended) };
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'AgreeRate':
        return agree(command, agreementsOf(state));
      case 'EndRateAgreement':
        return end(command, state);
      default:
        return assertNever(command);
    }
  },
};

const agreementsOf = (state: RateAgreementsState): readonly RateAgreementRecord[] => (state.status === 'none' ? [] : state.agreements);

const periodOf = (agreement: { from: LocalDate; to?: LocalDate }): OpenPeriod => ({ from: agreement.from, to: agreement.to });

function agree(command: AgreeRate, agreements: readonly RateAgreementRecord[]): RateAgreementEvent[] {
  if (agreements.some((a) => a.agreementId === command.agreementId)) {
    conflict('rate_agreement_exists', `There is already a rate agreement ${command.agreementId} with employer ${command.employerId}.`);
  }
  requireTerms(command);
  const overlapping = agreements.find((a) => sameScope(a.scope, command.scope) && overlaps(periodOf(a), periodOf(command)));
  if (overlapping) {
    refuse(
      'rate_overlaps',
      `Agreement ${overlapping.agreementId} for ${scopeText(command.scope)} runs ${formatPeriod(periodOf(overlapping))}, ` +
        `which overlaps ${formatPeriod(periodOf(command))}: end it first, then agree the new rate.`,
    );
  }
  const { agreementId, employerId, scope, from, to, rate, surchargesBp, gAccountShareBp, by, reason } = command;
  const check = costPriceCheck(command, agreements);
  return [
    { type: 'RateAgreed', data: { agreementId, employerId, scope, from, to, rate, surchargesBp, gAccountShareBp, check, by, reason } },
  ];
}

function requireTerms(command: AgreeRate): void {
  requireText(command.agreementId, 'The agreement id');
  requireText(command.employerId, 'The employer id');
  requireText(command.by, 'Who agreed the rate');
  if (command.reason !== undefined) requireText(command.reason, 'The reason');
  requireScope(command.scope);
  requirePeriod(periodOf(command), 'The rate agreement');
  const { rate } = command;
  switch (rate.kind) {
    case 'factor':
      requireBasisPoints(rate.factorBp, 'The factor on the gross wage', { min: 1, max: MAX_FACTOR_BP });
      break;
    case 'fixed':
      requireCents(rate.hourlyCents, 'The hourly rate');
      break;
    default:
      assertNever(rate);
  }
  for (const [hourType, surchargeBp] of Object.entries(command.surchargesBp)) {
    if (!(HOUR_TYPES as readonly string[]).includes(hourType)) {
      refuse('invalid_surcharge', `"${hourType}" is not an hour type; surcharges are per ${HOUR_TYPES.join(', ')}.`);
    }
    requireBasisPoints(surchargeBp ?? 0, `The surcharge on ${hourType} hours`, { max: MAX_SURCHARGE_BP });
  }
  requireBasisPoints(command.gAccountShareBp, 'The share paid to the G-account');
}

function requireScope(scope: RateScope): void {
  switch (scope.kind) {
    case 'employer':
      return;
    case 'function':
      return requireText(scope.functionCode, 'The function');
    case 'placement':
      return requireText(scope.placementId, 'The placement id');
    default:
      return assertNever(scope);
  }
}

/** Same kind and the same function or placement: agreements of one scope never overlap. */
function sameScope(a: RateScope, b: RateScope): boolean {
  return scopeText(a) === scopeText(b);
}

function scopeText(scope: RateScope): string {
  switch (scope.kind) {
    case 'employer':
      return 'every placement';
    case 'function':
      return `function ${scope.functionCode}`;
    case 'placement':
      return `placement ${scope.placementId}`;
    default:
      return assertNever(scope);
  }
}

/** Refuses a rate below the cost price it is given; otherwise what it was compared with, for the record. */
function costPriceCheck(command: AgreeRate, agreements: readonly RateAgreementRecord[]): CostPriceCheck {
  const { rate, costs } = command;
  if (rate.kind === 'factor' && costs.kind === 'factor') return factorCheck(rate.factorBp, costs.cost);
  if (rate.kind === 'fixed' && costs.kind === 'fixed') return fixedCheck(rate.hourlyCents, pricedBy(command, agreements, costs.placements));
  throw new Error(`A ${rate.kind} rate was given the cost facts of a ${costs.kind} rate`);
}

function factorCheck(factorBp: BasisPoints, cost: FactorCost): CostPriceCheck {
  if (factorBp < cost.costFactorBp) {
    refuse(
      'rate_below_cost',
      `A factor of ${factorText(factorBp)} × the gross wage is below the cost price of ${factorText(cost.costFactorBp)} × on ${cost.day} ` +
        `(${sharesText(cost)}; CAO ${cost.cao.code}, version from ${cost.cao.effectiveFrom}).`,
    );
  }
  return { costFactorBp: cost.costFactorBp, placementIds: [] };
}

function fixedCheck(hourlyCents: Cents, placements: readonly PlacementHourCost[]): CostPriceCheck {
  const highest = placements.reduce<PlacementHourCost | undefined>(
    (max, p) => (max && max.cost.hourlyCents >= p.cost.hourlyCents ? max : p),
    undefined,
  );
  if (highest && hourlyCents < highest.cost.hourlyCents) {
    const { cost } = highest;
    refuse(
      'rate_below_cost',
      `${euros(hourlyCents)} an hour is below the cost price of an hour of placement ${highest.placementId} on ${cost.day}: ` +
        `${euros(cost.hourlyCents)} (gross wage ${euros(cost.wage.hourlyCents)}, ${sharesText(cost)}).`,
    );
  }
  return { ...(highest && { costHourlyCents: highest.cost.hourlyCents }), placementIds: placements.map((p) => p.placementId) };
}

/**
 * The placements whose hour on its checked day this agreement would price: of those its scope
 * covers, the ones no more specific agreement prices that day (rateInForce decides, as invoicing does).
 */
function pricedBy(
  command: AgreeRate,
  agreements: readonly RateAgreementView[],
  placements: readonly PlacementHourCost[],
): PlacementHourCost[] {
  const { agreementId, scope, from, to, rate, surchargesBp, gAccountShareBp } = command;
  const all = [...agreements, { agreementId, scope, from, to, rate, surchargesBp, gAccountShareBp }];
  return placements.filter(
    (p) => rateInForce(all, { placementId: p.placementId, functionCode: p.functionName }, p.cost.day)?.agreementId === agreementId,
  );
}

function end(command: EndRateAgreement, state: RateAgreementsState): RateAgreementEvent[] {
  const agreement = agreementsOf(state).find((a) => a.agreementId === command.agreementId);
  if (state.status === 'none' || !agreement) {
    notFound('rate_agreement_not_found', `There is no rate agreement ${command.agreementId} with this employer.`);
  }
  requireDate(command.lastDay, 'The last day');
  requireText(command.reason, 'The reason for ending it');
  requireText(command.by, 'Who ended it');
  const { from, to } = agreement;
  if (command.lastDay < from || (to !== undefined && command.lastDay >= to)) {
    const last = to === undefined ? `from ${from} on` : `from ${from} to ${addDays(to, -1)}`;
    refuse(
      'end_outside_agreement',
      `Agreement ${agreement.agreementId} runs ${formatPeriod(periodOf(agreement))}: an end shortens it, with a last day ${last}, not ${command.lastDay}.`,
    );
  }
  const { agreementId, lastDay, by, reason } = command;
  return [{ type: 'RateAgreementEnded', data: { agreementId, employerId: state.employerId, lastDay, by, reason } }];
}

const factorText = (bp: BasisPoints): string => String(bp / 10_000);

const euros = (cents: Cents): string => `€${(cents / 100).toFixed(2)}`;

const sharesText = (shares: CostShares): string =>
  `holiday allowance ${formatBasisPoints(shares.holidayAllowanceBp)}, pension ${formatBasisPoints(shares.pensionEmployerBp)}, ` +
  `employer charges ${formatBasisPoints(shares.employerChargesBp)}`;
