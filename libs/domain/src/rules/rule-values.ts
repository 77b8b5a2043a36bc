import { assertNever } from '../shared/decider.js';
import { refuse } from '../shared/domain-error.js';
import { requireBasisPoints, requireCents, requireHours } from '../shared/guards.js';
import type { PublishRulePeriod } from './rules.commands.js';
import type {
  ChainRuleValues,
  HolidayAllowanceValues,
  MinimumWageValues,
  RetentionValues,
  SickPayAndLeaveValues,
  VatValues,
  WageCostSubsidyValues,
  WorkingTimeBand,
  WorkingTimeValues,
} from './rules.events.js';

// The API parses each table's values with its zod schema; these are the rules a shape cannot say.

/** The WML sets the adult age at 21; a table outside 21–23 is a typing error, not a change of law. */
const ADULT_AGE_RANGE = { min: 21, max: 23 } as const;
const HOURS_A_DAY = 24;
const HOURS_A_WEEK = 168;
/** Dutch retention duties run from 2 to 20 years; outside 1–30 is a typing error. */
const RETENTION_YEARS = { min: 1, max: 30 } as const;

/** Refuses values that the command's table cannot hold. */
export function requireValidRuleValues(command: PublishRulePeriod): void {
  switch (command.table) {
    case 'minimum-wage':
      return requireValidMinimumWage(command.values);
    case 'working-time':
      return requireValidWorkingTime(command.values);
    case 'chain-rule':
      return requireValidChainRule(command.values);
    case 'holiday-allowance':
      return requireValidHolidayAllowance(command.values);
    case 'sick-pay-and-leave':
      return requireValidSickPayAndLeave(command.values);
    case 'employer-charges':
      return requireBasisPoints(command.values.chargesBp, 'The employer charges', { max: 10_000 });
    case 'vat':
      return requireValidVat(command.values);
    case 'wage-cost-subsidy':
      return requireValidWageCostSubsidy(command.values);
    case 'retention':
      return requireValidRetention(command.values);
    default:
      return assertNever(command);
  }
}

function requireValidMinimumWage({ adultHourlyCents, adultAge, youthBp, bblYouthBp = {} }: MinimumWageValues): void {
  requireCents(adultHourlyCents, 'The adult hourly minimum wage');
  if (!Number.isInteger(adultAge) || adultAge < ADULT_AGE_RANGE.min || adultAge > ADULT_AGE_RANGE.max) {
    refuse(
      'minimum_wage_adult_age_out_of_range',
      `The adult age of the minimum wage must be from ${ADULT_AGE_RANGE.min} to ${ADULT_AGE_RANGE.max}, not ${adultAge}.`,
    );
  }
  requireContiguousYouthAges(youthBp, adultAge);
  for (const [age, bp] of entriesByAge(youthBp)) requireBasisPoints(bp, `The youth percentage at age ${age}`, { min: 1 });
  for (const [age, bp] of entriesByAge(bblYouthBp)) {
    requireBasisPoints(bp, `The BBL youth percentage at age ${age}`, { min: 1 });
    if (age >= adultAge) {
      refuse(
        'minimum_wage_bbl_age_not_youth',
        `A BBL youth percentage is given for age ${age}, which is not below the adult age ${adultAge}.`,
      );
    }
  }
}

// A missing age would fall through to the next listed percentage, and the highest listed age must
// be the one before the adult age, or someone between the two would silently get the adult wage.
function requireContiguousYouthAges(youthBp: MinimumWageValues['youthBp'], adultAge: number): void {
  const ages = entriesByAge(youthBp).map(([age]) => age);
  const contiguous = ages.length > 0 && ages.every((age, i) => i === 0 || age === ages[i - 1] + 1) && ages.at(-1) === adultAge - 1;
  if (!contiguous) {
    refuse(
      'minimum_wage_youth_ages_not_contiguous',
      `The youth percentages must list every age up to ${adultAge - 1}, the one before the adult age, without gaps; they list ages ${ages.join(', ') || 'none'}.`,
    );
  }
}

const entriesByAge = (byAge: Readonly<Record<number, number>>): [number, number][] =>
  Object.entries(byAge)
    .map(([age, value]): [number, number] => [Number(age), value])
    .sort(([a], [b]) => a - b);

function requireValidWorkingTime({ bands }: WorkingTimeValues): void {
  bands.forEach(requireValidBand);
  const ordered = [...bands].sort((a, b) => a.minAge - b.minAge);
  for (const [i, band] of ordered.entries()) {
    const next = ordered[i + 1];
    if (next && (band.maxAge === undefined || band.maxAge >= next.minAge)) {
      refuse('working_time_bands_overlap', `The working-time band for ${ageRange(band)} overlaps the band for ${ageRange(next)}.`);
    }
  }
}

function requireValidBand(band: WorkingTimeBand): void {
  const what = `The working-time band for ${ageRange(band)}`;
  if (band.maxAge !== undefined && band.maxAge < band.minAge) {
    refuse('invalid_age_band', `${what} ends at an age below the age it starts at.`);
  }
  requireHours(band.shiftHours, `${what}: the hours a shift`, { max: HOURS_A_DAY });
  requireHours(band.weekHours, `${what}: the hours a week`, { max: HOURS_A_WEEK });
  for (const average of [band.fourWeekAverageHours, band.sixteenWeekAverageHours]) {
    if (average !== undefined) requireHours(average, `${what}: an average a week`, { max: band.weekHours });
  }
  requireValidRest(band, what);
}

function requireValidRest({ dailyRestHours, shortenedDailyRestHours }: WorkingTimeBand, what: string): void {
  if (dailyRestHours !== undefined) requireHours(dailyRestHours, `${what}: the daily rest`, { max: HOURS_A_DAY });
  if (shortenedDailyRestHours === undefined) return;
  if (dailyRestHours === undefined) {
    refuse('shortened_rest_without_daily_rest', `${what} gives a shortened daily rest but no daily rest to shorten.`);
  }
  requireHours(shortenedDailyRestHours, `${what}: the shortened daily rest`, { max: dailyRestHours });
}

const ageRange = ({ minAge, maxAge }: WorkingTimeBand): string =>
  maxAge === undefined ? `ages ${minAge} and over` : `ages ${minAge} to ${maxAge}`;

function requireValidChainRule(values: ChainRuleValues): void {
  for (const [name, value] of Object.entries(values)) {
    if (value < 1) refuse('invalid_chain_rule_parameters', `The chain-rule parameter ${name} must be at least 1, not ${value}.`);
  }
}

function requireValidHolidayAllowance({ minimumBp }: HolidayAllowanceValues): void {
  requireBasisPoints(minimumBp, 'The minimum holiday allowance', { min: 1 });
}

// Sick pay of 70 % to 100 % and 4 to 8 weeks of leave a year bound every Dutch rule; outside is a typing error.
function requireValidSickPayAndLeave({ sickPayBp, leaveAccrualBp }: SickPayAndLeaveValues): void {
  requireBasisPoints(sickPayBp, 'The share of the wage paid while sick', { min: 7_000, max: 10_000 });
  requireBasisPoints(leaveAccrualBp, 'The holiday hours earned per paid hour', { min: 700, max: 1_600 });
}

function requireValidVat({ standardBp }: VatValues): void {
  requireBasisPoints(standardBp, 'The VAT rate', { max: 10_000 });
}

function requireValidWageCostSubsidy({ capBp, employerChargesAllowanceBp }: WageCostSubsidyValues): void {
  requireBasisPoints(capBp, 'The cap of the wage-cost subsidy', { min: 1, max: 10_000 });
  requireBasisPoints(employerChargesAllowanceBp, 'The employer-charges allowance of the wage-cost subsidy', { max: 10_000 });
}

function requireValidRetention({ fiscalRecordsYears }: RetentionValues): void {
  if (!Number.isInteger(fiscalRecordsYears) || fiscalRecordsYears < RETENTION_YEARS.min || fiscalRecordsYears > RETENTION_YEARS.max) {
    refuse(
      'invalid_retention_period',
      `The years fiscal records are kept must be a whole number from ${RETENTION_YEARS.min} to ${RETENTION_YEARS.max}, not ${fiscalRecordsYears}.`,
    );
  }
}
