import type { CaoPayFacts } from '../cao/cao-pay.js';
import type { LocalDate } from '../shared/local-date.js';
import { minimumHourlyWage, youthPercentageFor } from '../shared/minimum-wage.js';
import { applyBasisPoints, HUNDRED_PERCENT, type Cents } from '../shared/money.js';
import type { LegalForm, PlacementConfirmed, PlacementPay } from './placement.events.js';

/**
 * The hourly wage of a placement: the hirer's CAO wage for the scale and step (with the CAO's own
 * youth percentage for a young worker), never below the statutory minimum wage for the worker's
 * age, both as they stand on the first day of the placement.
 */
export function resolvePay(birthDate: LocalDate, startDate: LocalDate, cao: CaoPayFacts): PlacementPay {
  const minimumWage = minimumHourlyWage(birthDate, startDate);
  const youthBp = cao.youthBp ? youthPercentageFor(cao.youthBp, minimumWage.age) : HUNDRED_PERCENT;
  const caoHourly = applyBasisPoints(cao.hourlyCents, youthBp);
  return {
    hourlyCents: Math.max(caoHourly, minimumWage.hourlyCents),
    wageBasis: caoHourly >= minimumWage.hourlyCents ? 'cao' : 'minimum_wage',
    cao: {
      code: cao.code,
      versionFrom: cao.versionFrom,
      revision: cao.revision,
      scale: cao.scale,
      step: cao.step,
      scaleHourlyCents: cao.hourlyCents,
      youthBp,
      hourlyCents: caoHourly,
    },
    minimumWage,
  };
}

/** A payroll worker gets at least the hirer's employment conditions (art. 8a Waadi). */
export const appliesHirerConditions = (legalForm: LegalForm): boolean => legalForm === 'payroll';

export interface WageSource {
  readonly placementId: string;
  readonly employerId: string;
  readonly caoCode: string;
  readonly caoVersionFrom: LocalDate;
  readonly caoRevision: number;
  readonly hourlyCents: Cents;
  readonly wageBasis: PlacementPay['wageBasis'];
}

export interface WageDifference {
  /** `to` minus `from`: positive when the worker earns more per hour in the second placement. */
  readonly differenceCents: Cents;
  readonly from: WageSource;
  readonly to: WageSource;
}

/** What changes per hour when a worker moves from one placement to another (e.g. from the park's CAO to a cleaning CAO). */
export function wageDifference(from: PlacementConfirmed['data'], to: PlacementConfirmed['data']): WageDifference {
  return { differenceCents: to.pay.hourlyCents - from.pay.hourlyCents, from: wageSource(from), to: wageSource(to) };
}

function wageSource(placement: PlacementConfirmed['data']): WageSource {
  const { placementId, employerId, pay } = placement;
  return {
    placementId,
    employerId,
    caoCode: pay.cao.code,
    caoVersionFrom: pay.cao.versionFrom,
    caoRevision: pay.cao.revision,
    hourlyCents: pay.hourlyCents,
    wageBasis: pay.wageBasis,
  };
}
