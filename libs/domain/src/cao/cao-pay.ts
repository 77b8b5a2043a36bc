import { refuse } from '../shared/domain-error.js';
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
