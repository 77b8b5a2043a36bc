import type { ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { CaoVersionContent } from '../cao/cao.events.js';
import { sampleContent } from '../cao/cao.fixtures.js';
import { shippedRules, visschedijk } from '../placement/placement-pay.fixtures.js';
import type { RuleBook } from '../rules/rule-book.js';
import { RULE_TABLE_SEED } from '../rules/rule-tables.seed.js';
import { decideInOrder, ruleRows, rulesDecider } from '../rules/rules.decider.js';
import { fold } from '../shared/decider.js';
import { SPEC_NOW } from '../shared/given-when-then.js';
import type { HourType, TimesheetLine } from '../timesheet/timesheet.events.js';
import type { ContractTerms } from '../worker/worker.events.js';
import type { PoolContract } from '../worker/worker.state.js';
import { payPeriodOf } from './pay-period.js';
import type { PayPeriod } from './pay-run.events.js';
import type { ApprovedSheet, PaidRun, PayPlacement, WorkerPay, WorkerPayInput } from './pay-input.js';

/**
 * The shipped rule tables and an illustrative minimum wage from 1 July 2026 of €15.00 (not the
 * published figure: it was not known when this was written), so that periods over 1 July can be paid.
 */
export const payrollRules: RuleBook = {
  ...shippedRules,
  minimumWage: ruleRows(
    fold(
      rulesDecider,
      decideInOrder(
        [
          ...RULE_TABLE_SEED['minimum-wage'],
          {
            type: 'PublishRulePeriod',
            table: 'minimum-wage',
            effectiveFrom: '2026-07-01',
            effectiveUntil: '2026-12-31',
            values: { ...RULE_TABLE_SEED['minimum-wage'][2].values, adultHourlyCents: 1500 },
            source: { title: 'Illustrative figure for the specs, not the published minimum wage' },
          },
        ],
        SPEC_NOW,
      ),
    ),
    'minimum-wage',
  ),
};

/**
 * The cleaning CAO Visschedijk applies (illustrative): scale A €16.00, no youth wages, time bands on
 * Monday evening (15 % from 18:00, 30 % from 22:00) and the weekend, 25 % overtime, 100 % on public
 * holidays, 8 % holiday pay and a pension premium of 7.5 % (employee) and 12.5 % (employer).
 */
export const cleaningContent = (overrides: Partial<CaoVersionContent> = {}): CaoVersionContent =>
  sampleContent({
    wageScales: { A: [1600] },
    youthBp: undefined,
    surcharges: {
      timeBands: [
        { weekday: 'monday', start: '18:00', end: '22:00', surchargeBp: 1500 },
        { weekday: 'monday', start: '22:00', end: '24:00', surchargeBp: 3000 },
        { weekday: 'saturday', start: '00:00', end: '24:00', surchargeBp: 2500 },
        { weekday: 'sunday', start: '00:00', end: '24:00', surchargeBp: 5000 },
      ],
      publicHolidayBp: 10_000,
      overtimeBp: 2500,
    },
    pensionPremium: { employeeBp: 750, employerBp: 1250 },
    ...overrides,
  });

/** One version of the cleaning CAO, as resolved from its stream. */
export const cleaningVersion = (
  content: CaoVersionContent,
  { from = '2025-01-01', until, revision = 0 }: { from?: string; until?: string; revision?: number } = {},
): ResolvedCaoVersion => ({ code: 'schoonmaak', effectiveFrom: from, effectiveUntil: until, revision, content });

/** A cleaner at Visschedijk (scale A, step 0) from December 2025 through 2026. */
export const cleaning = (hirerTermsApply = true, placementId = 'p1'): PayPlacement => ({
  waged: {
    placementId,
    employerId: 'visschedijk',
    functionName: 'cleaner',
    period: { from: '2025-12-01', to: '2026-12-31' },
    step: 0,
    hirer: visschedijk,
  },
  hirerTermsApply,
});

export const line = (day: string, start: string, end: string, hourType: HourType = 'normal', breakMinutes = 0): TimesheetLine => ({
  day,
  start,
  end,
  breakMinutes,
  hourType,
});

/** An approved sheet of placement p1 (its id is the week, for short). */
export const sheet = (week: string, lines: TimesheetLine[], version = 1, placementId = 'p1'): ApprovedSheet => ({
  timesheetId: `${placementId}-${week}`,
  placementId,
  employerId: 'visschedijk',
  week,
  version,
  lines,
});

export const contract = (terms: Partial<ContractTerms> = {}, lastDay?: string): PoolContract => ({
  contractId: 'c1',
  terms: { kind: 'indefinite', from: '2025-01-01', guaranteedHoursPerWeek: 0, maxHoursPerWeek: 40, ...terms } as ContractTerms,
  lastDay,
});

export const fourWeeks = (id: string): PayPeriod => payPeriodOf(id, 'four_weeks');

/** The pay input of worker w1 (born 1990) at p1, with the cleaning CAO at €16.00; override any part. */
export function payInput(overrides: Partial<WorkerPayInput> & { birthDate?: string; contracts?: PoolContract[] } = {}): WorkerPayInput {
  const { birthDate = '1990-05-10', contracts = [], ...rest } = overrides;
  return {
    period: fourWeeks('2026-P02'),
    worker: { workerId: 'w1', birthDate, contracts },
    placements: new Map([['p1', cleaning()]]),
    sheets: [],
    caoVersions: [cleaningVersion(cleaningContent())],
    rules: payrollRules,
    paid: [],
    ...rest,
  };
}

/** What a finalized run of `pay`'s period paid (as `paidRunOf` reads it back). */
export const paidAs = (period: PayPeriod, { lines, topUps, differences }: WorkerPay): PaidRun => ({ period, lines, topUps, differences });
