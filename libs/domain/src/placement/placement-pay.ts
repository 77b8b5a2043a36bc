import { caoVersionIn, type ResolvedCaoVersion } from '../cao/cao.decider.js';
import { hourlyWage } from '../cao/cao-pay.js';
import { caoOn, scaleOf, type EmployerState } from '../employer/employer.decider.js';
import { minimumWageOn, type MinimumWageOnDay, type RuleBook } from '../rules/rule-book.js';
import { DomainError, refuse } from '../shared/domain-error.js';
import { ageOn, contains, formatPeriod, type LocalDate, type Period } from '../shared/local-date.js';
import { youthPercentageFor } from '../shared/minimum-wage.js';
import { applyBasisPoints, type Cents } from '../shared/money.js';
import type { AgreedPay, DayWage, FirstDayPay, HirerTerms, LegalForm } from './placement.events.js';

/** A placement as the wage of its days needs it: when, which function with which hirer, and the agreed step. */
export interface WagedPlacement {
  readonly placementId: string;
  readonly employerId: string;
  readonly functionName: string;
  /** The days it is worked: an early end shortens it. */
  readonly period: Period;
  readonly step: number;
  /** The hirer's record: the CAO it applies and the scale it classifies the function in, both by date. */
  readonly hirer: EmployerState;
}

/** Of the worker, the wage needs the birth date only: the age on each day. */
export interface WagedWorker {
  readonly birthDate: LocalDate;
}

type CaoWage = DayWage['cao'];

/**
 * The hourly wage of a placement on one of its days: the higher of the hirer's CAO wage for the
 * function's scale and the agreed step (with the CAO's own youth percentage for the worker's age)
 * and the statutory minimum wage for that age. The CAO the hirer applies, the function's scale,
 * the CAO version, the worker's age and the minimum-wage period are each taken as they stand that
 * day, so each change (a new CAO version, a birthday, 1 January or 1 July) takes effect on its date.
 */
export function wageOn(
  placement: WagedPlacement,
  worker: WagedWorker,
  day: LocalDate,
  rules: RuleBook,
  caoVersions: readonly ResolvedCaoVersion[],
): DayWage {
  if (!contains(placement.period, day)) {
    refuse(
      'day_outside_placement',
      `Placement ${placement.placementId} runs ${formatPeriod(placement.period)}; ${day} is not one of its days.`,
    );
  }
  return dayWage(day, caoWageOn(placement, worker, day, caoVersions), minimumWageOn(rules, worker.birthDate, day));
}

/**
 * What a confirmation records about pay: the function's scale on the first day with the agreed step
 * (refused when the CAO has no such scale or step), and the pay of the first day as information.
 */
export function agreedPayOf(
  placement: WagedPlacement,
  worker: WagedWorker,
  rules: RuleBook,
  caoVersions: readonly ResolvedCaoVersion[],
): { agreed: AgreedPay; firstDayPay: FirstDayPay } {
  const day = placement.period.from;
  const cao = caoWageOn(placement, worker, day, caoVersions);
  return {
    agreed: { functionName: placement.functionName, caoCode: cao.code, scale: cao.scale, step: cao.step },
    firstDayPay: firstDayPay(day, cao, () => minimumWageOn(rules, worker.birthDate, day)),
  };
}

// Placements are planned ahead of the publication of a half-year's minimum wage: a first day the
// table does not reach yet leaves its pay unknown rather than refusing the placement.
function firstDayPay(day: LocalDate, cao: CaoWage, minimumWage: () => MinimumWageOnDay): FirstDayPay {
  try {
    return { known: true, wage: dayWage(day, cao, minimumWage()) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rule_table_outdated') return { known: false, reason: error.message, cao };
    throw error;
  }
}

function caoWageOn(placement: WagedPlacement, worker: WagedWorker, day: LocalDate, caoVersions: readonly ResolvedCaoVersion[]): CaoWage {
  const { placementId, employerId, functionName, step, hirer } = placement;
  const applied =
    caoOn(hirer, day) ??
    refuse('no_cao_applied', `Employer ${employerId} applies no CAO on ${day}, so placement ${placementId} has no CAO wage that day.`);
  const classification =
    scaleOf(hirer, functionName, day) ??
    refuse('function_not_classified', `${functionName} has no scale in CAO ${applied.caoCode} at employer ${employerId} on ${day}.`);
  const version =
    caoVersionIn(caoVersions, applied.caoCode, day) ??
    refuse('no_cao_version', `CAO ${applied.caoCode} has no version in force on ${day}.`);
  const scaleHourlyCents = hourlyWage(version, classification.scale, step);
  const youthBp = youthPercentageFor(version.content.youthBp ?? {}, ageOn(worker.birthDate, day));
  return {
    code: version.code,
    effectiveFrom: version.effectiveFrom,
    revision: version.revision,
    scale: classification.scale,
    step,
    scaleHourlyCents,
    youthBp,
    hourlyCents: applyBasisPoints(scaleHourlyCents, youthBp),
  };
}

function dayWage(day: LocalDate, cao: CaoWage, minimumWage: MinimumWageOnDay): DayWage {
  return {
    day,
    hourlyCents: Math.max(cao.hourlyCents, minimumWage.hourlyCents),
    basis: cao.hourlyCents >= minimumWage.hourlyCents ? 'cao' : 'minimum_wage',
    age: minimumWage.age,
    cao,
    minimumWage: { rule: minimumWage.rule, youthBp: minimumWage.youthBp, hourlyCents: minimumWage.hourlyCents },
  };
}

/** The CAOs the hirer applies on any day of a period: the ones whose versions the wage of those days needs. */
export function caoCodesDuring(hirer: EmployerState, period: Period): string[] {
  if (hirer.status === 'none') return [];
  const applications = hirer.caoApplications;
  const during = applications.filter((application, i) => {
    const next = applications[i + 1];
    return application.from <= period.to && (next === undefined || next.from > period.from);
  });
  return [...new Set(during.map((application) => application.caoCode))];
}

const HIRER_PAY_TERMS: Readonly<Record<LegalForm, string>> = {
  payroll: "art. 8a Waadi: a payroll worker gets at least the employment terms of the hirer's own employees",
  secondment:
    "art. 8 Waadi and the equal-pay rule of the temp-agency CAO: a seconded worker gets the pay of the hirer's own employees " +
    'in an equal or equivalent function',
};

/** Both legal forms give the worker the hirer's pay terms; what differs is the article that says so. */
export const hirerTermsFor = (legalForm: LegalForm): HirerTerms => ({ applies: true, basis: HIRER_PAY_TERMS[legalForm] });

/** A placement's wage on a day, named by the placement and its hirer. */
export interface PlacementWage {
  readonly placementId: string;
  readonly employerId: string;
  readonly wage: DayWage;
}

export interface WageSource {
  readonly placementId: string;
  readonly employerId: string;
  /** The day whose wage is compared. */
  readonly day: LocalDate;
  readonly caoCode: string;
  readonly caoVersionFrom: LocalDate;
  readonly caoRevision: number;
  readonly hourlyCents: Cents;
  readonly wageBasis: DayWage['basis'];
  /** The minimum-wage period (and revision) the wage was compared with. */
  readonly minimumWageFrom: LocalDate;
  readonly minimumWageRevision: number;
}

export interface WageDifference {
  /** `to` minus `from`: positive when the worker earns more per hour in the second placement. */
  readonly differenceCents: Cents;
  readonly from: WageSource;
  readonly to: WageSource;
}

/** What changes per hour when a worker moves from one placement to another (e.g. from the park's CAO to a cleaning CAO). */
export function wageDifference(from: PlacementWage, to: PlacementWage): WageDifference {
  return { differenceCents: to.wage.hourlyCents - from.wage.hourlyCents, from: wageSource(from), to: wageSource(to) };
}

function wageSource({ placementId, employerId, wage }: PlacementWage): WageSource {
  return {
    placementId,
    employerId,
    day: wage.day,
    caoCode: wage.cao.code,
    caoVersionFrom: wage.cao.effectiveFrom,
    caoRevision: wage.cao.revision,
    hourlyCents: wage.hourlyCents,
    wageBasis: wage.basis,
    minimumWageFrom: wage.minimumWage.rule.effectiveFrom,
    minimumWageRevision: wage.minimumWage.rule.revision,
  };
}
