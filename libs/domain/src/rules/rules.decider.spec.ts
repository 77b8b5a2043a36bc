import { fold } from '../shared/decider.js';
import { given, SPEC_NOW } from '../shared/given-when-then.js';
import { EMPTY_RULE_BOOK, fiscalRecordsKeptUntil, minimumWageOn, type RuleBook } from './rule-book.js';
import { RULE_TABLE_SEED } from './rule-tables.seed.js';
import type { PublishRulePeriod, RuleValuesByTable } from './rules.commands.js';
import { decideInOrder, ruleRows, rulesDecider } from './rules.decider.js';
import type { MinimumWageValues, RuleEvent, RuleSource, WorkingTimeBand } from './rules.events.js';

const source: RuleSource = { title: 'Bedragen minimumloon', url: 'https://www.rijksoverheid.nl/' };
const wage = (adultHourlyCents: number, change: Partial<MinimumWageValues> = {}): MinimumWageValues => ({
  adultHourlyCents,
  adultAge: 21,
  youthBp: { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 },
  ...change,
});

type Period = { effectiveFrom: string; effectiveUntil?: string; reason?: string };
const publishWage = (period: Period, values = wage(1471)): PublishRulePeriod => ({
  type: 'PublishRulePeriod',
  table: 'minimum-wage',
  ...period,
  values,
  source,
});
const wagePublished = ({ effectiveFrom, effectiveUntil, reason }: Period, values = wage(1471)): RuleEvent => ({
  type: 'MinimumWagePublished',
  data: { effectiveFrom, effectiveUntil, source, reason, values },
});
const publishChainRule = (period: Period, values: Partial<RuleValuesByTable['chain-rule']> = {}): PublishRulePeriod => ({
  type: 'PublishRulePeriod',
  table: 'chain-rule',
  ...period,
  values: {
    maxContracts: 3,
    maxMonths: 36,
    breakingGapMonths: 6,
    seasonalBreakingGapMonths: 3,
    caoMaxContracts: 6,
    caoMaxMonths: 48,
    ...values,
  },
  source,
});
const band = (minAge: number, maxAge?: number): WorkingTimeBand => ({ minAge, maxAge, shiftHours: 9, weekHours: 45 });
const publishBands = (bands: WorkingTimeBand[]): PublishRulePeriod => ({
  type: 'PublishRulePeriod',
  table: 'working-time',
  effectiveFrom: '2020-01-01',
  values: { bands },
  source,
});

const born = '2000-01-01';
const firstHalf2026 = wagePublished({ effectiveFrom: '2026-01-01', effectiveUntil: '2026-06-30' });
const bookOf = (history: RuleEvent[]): RuleBook => ({
  ...EMPTY_RULE_BOOK,
  minimumWage: ruleRows(fold(rulesDecider, history), 'minimum-wage'),
});

describe('rule tables', () => {
  describe('PublishRulePeriod', () => {
    it('publishes the first period of a table', () =>
      given(rulesDecider, [])
        .when(publishWage({ effectiveFrom: '2026-01-01', effectiveUntil: '2026-06-30' }))
        .then([firstHalf2026]));

    it('publishes the next period from the day after the last one ends', () =>
      given(rulesDecider, [firstHalf2026])
        .when(publishWage({ effectiveFrom: '2026-07-01', effectiveUntil: '2026-12-31' }, wage(1500)))
        .then([wagePublished({ effectiveFrom: '2026-07-01', effectiveUntil: '2026-12-31' }, wage(1500))]));

    it('refuses a period that overlaps the last one', () =>
      given(rulesDecider, [firstHalf2026])
        .when(publishWage({ effectiveFrom: '2026-06-01', effectiveUntil: '2026-12-31' }))
        .thenRefused('rule_periods_overlap', { message: 'the last period ends on 2026-06-30' }));

    it('refuses a period inside the published ones', () =>
      given(rulesDecider, [firstHalf2026, wagePublished({ effectiveFrom: '2026-07-01', effectiveUntil: '2026-12-31' })])
        .when(publishWage({ effectiveFrom: '2026-03-01', effectiveUntil: '2026-03-31' }))
        .thenRefused('rule_periods_overlap', { message: '2026-01-01 to 2026-12-31' }));

    it('refuses a period that leaves days without figures', () =>
      given(rulesDecider, [firstHalf2026])
        .when(publishWage({ effectiveFrom: '2026-08-01', effectiveUntil: '2026-12-31' }))
        .thenRefused('rule_periods_gap', { message: '2026-08-01 to 2026-12-31' }));

    it('publishes an earlier period that ends the day before the first one', () =>
      given(rulesDecider, [firstHalf2026])
        .when(publishWage({ effectiveFrom: '2025-07-01', effectiveUntil: '2025-12-31' }, wage(1440)))
        .then([wagePublished({ effectiveFrom: '2025-07-01', effectiveUntil: '2025-12-31' }, wage(1440))]));

    it('refuses an earlier period that ends before the day the first one starts', () =>
      given(rulesDecider, [firstHalf2026])
        .when(publishWage({ effectiveFrom: '2025-07-01', effectiveUntil: '2025-11-30' }, wage(1440)))
        .thenRefused('rule_periods_gap', { message: 'the first period starts on 2026-01-01' }));

    it('ends an open period the day before the next one starts', () => {
      const [open] = decideInOrder([publishChainRule({ effectiveFrom: '2020-01-01' })], SPEC_NOW);
      const next = publishChainRule({ effectiveFrom: '2027-01-01' }, { maxContracts: 4 });
      const [published] = decideInOrder([next], SPEC_NOW);
      given(rulesDecider, [open]).when(next).then([published]);
      expect(ruleRows(fold(rulesDecider, [open, published]), 'chain-rule').map((r) => [r.effectiveFrom, r.lastDay])).toEqual([
        ['2020-01-01', '2026-12-31'],
        ['2027-01-01', undefined],
      ]);
    });

    it('refuses a minimum-wage period without an end: the amount is indexed twice a year', () =>
      given(rulesDecider, [])
        .when(publishWage({ effectiveFrom: '2026-07-01' }))
        .thenRefused('rule_period_end_required'));

    it('refuses an end before the start', () =>
      given(rulesDecider, [])
        .when(publishWage({ effectiveFrom: '2026-07-01', effectiveUntil: '2026-06-30' }))
        .thenRefused('invalid_period'));
  });

  describe('corrections', () => {
    const corrected = { effectiveFrom: '2026-01-01', effectiveUntil: '2026-06-30', reason: 'The amount was typed wrong.' };

    it('records a correction of a period as its next revision and keeps the history', () => {
      given(rulesDecider, [firstHalf2026])
        .when(publishWage(corrected, wage(1472)))
        .then([wagePublished(corrected, wage(1472))]);
      const state = fold(rulesDecider, [firstHalf2026, wagePublished(corrected, wage(1472))]);
      expect(ruleRows(state, 'minimum-wage')).toEqual([
        expect.objectContaining({ effectiveFrom: '2026-01-01', revision: 1, values: wage(1472) }),
      ]);
      expect(
        state.status === 'published' && state.periods[0].revisions.map((r) => (r.values as MinimumWageValues).adultHourlyCents),
      ).toEqual([1471, 1472]);
    });

    it('refuses a correction without a reason', () =>
      given(rulesDecider, [firstHalf2026])
        .when(publishWage({ effectiveFrom: '2026-01-01', effectiveUntil: '2026-06-30' }, wage(1472)))
        .thenRefused('correction_reason_required', { message: '2026-01-01' }));

    it('refuses a correction that moves the end of a period another one follows', () =>
      given(rulesDecider, [firstHalf2026, wagePublished({ effectiveFrom: '2026-07-01', effectiveUntil: '2026-12-31' })])
        .when(publishWage({ ...corrected, effectiveUntil: '2026-07-31' }))
        .thenRefused('rule_periods_overlap', { message: 'the next period starts on 2026-07-01' }));
  });

  describe('values', () => {
    const period = { effectiveFrom: '2026-01-01', effectiveUntil: '2026-06-30' };

    it('refuses youth ages with a gap', () =>
      given(rulesDecider, [])
        .when(publishWage(period, wage(1471, { youthBp: { 15: 3000, 16: 3450, 18: 5000, 19: 6000, 20: 8000 } })))
        .thenRefused('minimum_wage_youth_ages_not_contiguous', { message: '15, 16, 18, 19, 20' }));

    it('refuses youth ages that stop before the adult age', () =>
      given(rulesDecider, [])
        .when(publishWage(period, wage(1471, { youthBp: { 15: 3000, 16: 3450 } })))
        .thenRefused('minimum_wage_youth_ages_not_contiguous', { message: 'up to 20' }));

    it('refuses an adult age outside 21 to 23', () =>
      given(rulesDecider, [])
        .when(publishWage(period, wage(1471, { adultAge: 18 })))
        .thenRefused('minimum_wage_adult_age_out_of_range'));

    it('refuses an hourly amount of 0 cents', () =>
      given(rulesDecider, [])
        .when(publishWage(period, wage(0)))
        .thenRefused('invalid_amount', { message: 'not 0' }));

    it('refuses working-time bands that overlap in age', () =>
      given(rulesDecider, [])
        .when(publishBands([band(18), band(16, 18)]))
        .thenRefused('working_time_bands_overlap', { message: 'ages 16 to 18 overlaps the band for ages 18 and over' }));

    it('refuses a shortened daily rest without the daily rest it shortens', () =>
      given(rulesDecider, [])
        .when(publishBands([{ ...band(18), shortenedDailyRestHours: 8 }]))
        .thenRefused('shortened_rest_without_daily_rest'));

    it('refuses a shortened daily rest longer than the daily rest', () =>
      given(rulesDecider, [])
        .when(publishBands([{ ...band(18), dailyRestHours: 11, shortenedDailyRestHours: 12 }]))
        .thenRefused('invalid_hours', { message: 'the shortened daily rest must be above 0 up to 11 hours' }));

    it('refuses a holiday allowance minimum of 0', () =>
      given(rulesDecider, [])
        .when({ type: 'PublishRulePeriod', table: 'holiday-allowance', effectiveFrom: '2020-01-01', values: { minimumBp: 0 }, source })
        .thenRefused('invalid_percentage'));

    it('refuses a chain rule of 0 contracts', () =>
      given(rulesDecider, [])
        .when(publishChainRule({ effectiveFrom: '2020-01-01' }, { maxContracts: 0 }))
        .thenRefused('invalid_chain_rule_parameters'));

    it.each([0, 31, 7.5])('refuses keeping fiscal records %s years', (fiscalRecordsYears) =>
      given(rulesDecider, [])
        .when({ type: 'PublishRulePeriod', table: 'retention', effectiveFrom: '2020-01-01', values: { fiscalRecordsYears }, source })
        .thenRefused('invalid_retention_period'),
    );
  });

  describe('the rule book', () => {
    it('looks up the row of the period a day falls in', () => {
      const book = bookOf([firstHalf2026, wagePublished({ effectiveFrom: '2026-07-01', effectiveUntil: '2026-12-31' }, wage(1500))]);
      expect(minimumWageOn(book, born, '2026-06-30')).toMatchObject({ hourlyCents: 1471, rule: { effectiveFrom: '2026-01-01' } });
      expect(minimumWageOn(book, born, '2026-07-01')).toMatchObject({ hourlyCents: 1500, rule: { effectiveFrom: '2026-07-01' } });
    });

    it('refuses a day past the last minimum-wage period as rule_table_outdated, naming the table and the day', () => {
      expect(() => minimumWageOn(bookOf([firstHalf2026]), born, '2026-07-01')).toThrow(
        expect.objectContaining({
          kind: 'rule',
          code: 'rule_table_outdated',
          message: expect.stringMatching(/"minimum-wage".*2026-07-01/),
        }),
      );
    });

    it('applies a youth percentage from the row', () =>
      expect(minimumWageOn(bookOf([firstHalf2026]), '2008-03-01', '2026-03-01')).toMatchObject({
        age: 18,
        youthBp: 5000,
        hourlyCents: 736,
      }));
  });

  describe('retention', () => {
    const retained = (history: RuleEvent[]): RuleBook => ({
      ...EMPTY_RULE_BOOK,
      retention: ruleRows(fold(rulesDecider, history), 'retention'),
    });
    const published = (effectiveFrom: string, fiscalRecordsYears: number): RuleEvent => ({
      type: 'RetentionPeriodsPublished',
      data: { effectiveFrom, source, values: { fiscalRecordsYears } },
    });

    it('keeps a year’s records until the end of the year the row in force on the day says', () => {
      const book = retained([published('2020-01-01', 7), published('2027-01-01', 10)]);
      expect(fiscalRecordsKeptUntil(book, 2026, '2026-12-31')).toEqual({
        until: '2033-12-31',
        rule: { table: 'retention', effectiveFrom: '2020-01-01', revision: 0 },
      });
      expect(fiscalRecordsKeptUntil(book, 2026, '2027-01-01').until).toBe('2036-12-31');
    });

    it('refuses a day before the first retention row', () =>
      expect(() => fiscalRecordsKeptUntil(retained([published('2020-01-01', 7)]), 2019, '2019-12-31')).toThrow(
        expect.objectContaining({ code: 'no_rule_in_force' }),
      ));
  });

  describe('the shipped tables', () => {
    it.each(Object.entries(RULE_TABLE_SEED))('%s decides cleanly, each row citing a source', (table, commands) => {
      const events = decideInOrder(commands, SPEC_NOW);
      expect(events).toHaveLength(commands.length);
      expect(ruleRows(fold(rulesDecider, events), table as PublishRulePeriod['table']).every((r) => r.source.title && r.source.url)).toBe(
        true,
      );
    });

    it('ends the minimum wage on 30 June 2026: the next amount is published by an operator', () => {
      const book = bookOf(decideInOrder(RULE_TABLE_SEED['minimum-wage'], SPEC_NOW));
      expect(minimumWageOn(book, born, '2026-06-30').hourlyCents).toBe(1471);
      expect(() => minimumWageOn(book, born, '2026-07-01')).toThrow(expect.objectContaining({ code: 'rule_table_outdated' }));
    });
  });
});
