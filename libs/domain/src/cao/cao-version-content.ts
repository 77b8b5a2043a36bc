import { refuse } from '../shared/domain-error.js';
import { requireBasisPoints, requireCents, requireHours, requireText } from '../shared/guards.js';
import { WEEKDAYS } from '../shared/local-date.js';
import type { YouthPercentages } from '../shared/minimum-wage.js';
import { formatBasisPoints } from '../shared/money.js';
import type { CaoVersionContent, TimeBandSurcharge } from './cao.events.js';

/** Holiday pay is at least 8 % of the wage by law; a CAO may give more, never less. */
export const MINIMUM_HOLIDAY_PAY_BP = 800;

// Generous bounds that only catch typing errors: 300 % is more than any Dutch CAO surcharge.
const MAX_SURCHARGE_BP = 30_000;
// Dutch pension premiums are about a quarter to a third of the wage, employee and employer together.
const MAX_PENSION_PREMIUM_BP = 5_000;
const YOUTH_AGES = { min: 15, max: 22 };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Refuses a CAO version whose content breaks the law or cannot be applied unambiguously. */
export function requireValidContent(content: CaoVersionContent): void {
  requireWageScales(content.wageScales);
  if (content.youthBp !== undefined) requireYouthPercentages(content.youthBp);
  requireTimeBands(content.surcharges.timeBands);
  requireBasisPoints(content.surcharges.publicHolidayBp, 'The public-holiday surcharge', { max: MAX_SURCHARGE_BP });
  if (content.surcharges.overtimeBp !== undefined)
    requireBasisPoints(content.surcharges.overtimeBp, 'The overtime surcharge', { max: MAX_SURCHARGE_BP });
  if (content.pensionPremium !== undefined) requirePensionPremium(content.pensionPremium);
  if (content.holidayPayBp < MINIMUM_HOLIDAY_PAY_BP) {
    const required = formatBasisPoints(MINIMUM_HOLIDAY_PAY_BP);
    refuse(
      'holiday_pay_below_minimum',
      `Holiday pay must be at least ${required} by law; this version gives ${formatBasisPoints(content.holidayPayBp)}.`,
    );
  }
  requireBasisPoints(content.holidayPayBp, 'Holiday pay', { min: MINIMUM_HOLIDAY_PAY_BP });
  requireHours(content.fullTimeHoursPerWeek, 'Full-time hours a week');
}

function requireWageScales(scales: CaoVersionContent['wageScales']): void {
  const entries = Object.entries(scales);
  if (entries.length === 0) refuse('invalid_wage_scales', 'A CAO version needs at least one wage scale.');
  for (const [scale, steps] of entries) {
    requireText(scale, 'A wage scale name');
    if (steps.length === 0) refuse('invalid_wage_scales', `Wage scale "${scale}" has no steps.`);
    steps.forEach((hourly, step) => requireCents(hourly, `The hourly wage of scale ${scale}, step ${step}`));
  }
}

function requirePensionPremium({ employeeBp, employerBp }: NonNullable<CaoVersionContent['pensionPremium']>): void {
  requireBasisPoints(employeeBp, "The employee's share of the pension premium", { max: MAX_PENSION_PREMIUM_BP });
  requireBasisPoints(employerBp, "The employer's share of the pension premium", { max: MAX_PENSION_PREMIUM_BP });
  if (employeeBp + employerBp > MAX_PENSION_PREMIUM_BP) {
    refuse(
      'pension_premium_too_high',
      `The pension premium of ${formatBasisPoints(employeeBp)} (employee) and ${formatBasisPoints(employerBp)} (employer) ` +
        `adds up to more than ${formatBasisPoints(MAX_PENSION_PREMIUM_BP)} of the wage.`,
    );
  }
}

// Ages must follow one another so that every age between the youngest and the oldest has a percentage.
function requireYouthPercentages(percentages: YouthPercentages): void {
  const ages = Object.keys(percentages)
    .map(Number)
    .sort((a, b) => a - b);
  const contiguous = ages.every((age, i) => Number.isInteger(age) && (i === 0 || age === ages[i - 1] + 1));
  if (ages.length === 0 || !contiguous || ages[0] < YOUTH_AGES.min || ages[ages.length - 1] > YOUTH_AGES.max) {
    refuse(
      'invalid_youth_percentages',
      `Youth percentages need consecutive ages from ${YOUTH_AGES.min} to ${YOUTH_AGES.max} without gaps; got ${ages.join(', ') || 'none'}.`,
    );
  }
  for (const age of ages) requireBasisPoints(percentages[age], `The youth percentage for age ${age}`, { min: 1 });
}

function requireTimeBands(bands: readonly TimeBandSurcharge[]): void {
  for (const band of bands) {
    const validTimes = TIME.test(band.start) && (TIME.test(band.end) || band.end === '24:00') && band.start < band.end;
    if (!WEEKDAYS.includes(band.weekday) || !validTimes) {
      refuse(
        'invalid_time_band',
        `The surcharge band ${band.weekday} ${band.start}–${band.end} is not a weekday with a start before its end (HH:MM).`,
      );
    }
    requireBasisPoints(band.surchargeBp, `The surcharge for ${band.weekday} ${band.start}–${band.end}`, { max: MAX_SURCHARGE_BP });
  }
  // 'HH:MM' strings sort like times, so a band overlaps the next one of its day when it ends after that one starts.
  const sorted = [...bands].sort((a, b) => a.weekday.localeCompare(b.weekday) || a.start.localeCompare(b.start));
  sorted.forEach((band, i) => {
    const next = sorted[i + 1];
    if (next?.weekday === band.weekday && band.end > next.start) {
      refuse(
        'overlapping_time_bands',
        `The surcharge bands ${band.weekday} ${band.start}–${band.end} and ${next.start}–${next.end} overlap.`,
      );
    }
  });
}
