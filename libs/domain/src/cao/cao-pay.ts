import { refuse } from '../shared/domain-error.js';
import type { LocalDate } from '../shared/local-date.js';
import type { YouthPercentages } from '../shared/minimum-wage.js';
import type { Cents } from '../shared/money.js';
import type { ResolvedCaoVersion } from './cao.decider.js';

/** The hourly wage of a scale and step in a CAO version. */
export function hourlyWage(version: ResolvedCaoVersion, scale: string, step: number): Cents {
  const scales = version.content.wageScales;
  // Object.hasOwn: a scale called "constructor" must not find Object.prototype's.
  if (!Object.hasOwn(scales, scale)) {
    refuse(
      'unknown_scale',
      `CAO ${version.code} (version from ${version.effectiveFrom}) has no scale "${scale}"; it has ${Object.keys(scales).join(', ')}.`,
    );
  }
  const steps = scales[scale];
  if (!Number.isInteger(step) || step < 0 || step >= steps.length) {
    refuse(
      'unknown_step',
      `Scale ${scale} of CAO ${version.code} (version from ${version.effectiveFrom}) has steps 0 to ${steps.length - 1}, not ${step}.`,
    );
  }
  return steps[step];
}

/** What a placement needs from the hirer's CAO to resolve pay: read by the handler, recorded in the placement. */
export interface CaoPayFacts {
  readonly code: string;
  /** The version's effective date and revision identify exactly which figures were used. */
  readonly versionFrom: LocalDate;
  readonly revision: number;
  readonly scale: string;
  readonly step: number;
  readonly hourlyCents: Cents;
  readonly youthBp?: YouthPercentages;
}

export function caoPayFacts(version: ResolvedCaoVersion, scale: string, step: number): CaoPayFacts {
  return {
    code: version.code,
    versionFrom: version.effectiveFrom,
    revision: version.revision,
    scale,
    step,
    hourlyCents: hourlyWage(version, scale, step),
    youthBp: version.content.youthBp,
  };
}
