import { caoDecider } from '../cao/cao.decider.js';
import type { CaoEvent } from '../cao/cao.events.js';
import { sampleContent } from '../cao/cao.fixtures.js';
import { EMPTY_RULE_BOOK, refOf, type RuleBook, type RuleRow } from '../rules/rule-book.js';
import type { ChainRuleValues } from '../rules/rules.events.js';
import { fold } from '../shared/decider.js';
import type { LocalDate } from '../shared/local-date.js';
import { seasonalClauseFactsOf, type SeasonalClauseFacts } from './chain-rule.js';

/** The chain rule as the pool seeds it (rules/rule-tables.seed.ts): 3 contracts in 36 months; a gap over 6 (seasonal: 3) months breaks it. */
export const chainRuleRow: RuleRow<ChainRuleValues> = {
  table: 'chain-rule',
  effectiveFrom: '2020-01-01',
  revision: 0,
  values: { maxContracts: 3, maxMonths: 36, breakingGapMonths: 6, seasonalBreakingGapMonths: 3, caoMaxContracts: 6, caoMaxMonths: 48 },
  source: { title: 'Burgerlijk Wetboek Boek 7, article 7:668a (ketenregeling)', url: 'https://wetten.overheid.nl/BWBR0005290' },
};

/** A rule book with only the chain-rule table: enough for offering contracts, which read no other. */
export const chainRuleBook: RuleBook = { ...EMPTY_RULE_BOOK, chainRule: [chainRuleRow] };

/** The row reference a contract decided under `chainRuleBook` records. */
export const chainRuleRef = refOf(chainRuleRow);

/**
 * The recreation CAO as the offer reads it on `day`: by default its version has the seasonal clause
 * and it binds the pool from 2024 on; `binds: false` leaves the binding out, `clause: false` the clause.
 */
export function recreatieOn(day: LocalDate, { binds = true, clause = true } = {}): SeasonalClauseFacts {
  const history: CaoEvent[] = [
    { type: 'CaoRegistered', data: { code: 'recreatie', name: 'CAO Recreatie' } },
    {
      type: 'CaoVersionPublished',
      data: { code: 'recreatie', effectiveFrom: '2024-01-01', content: sampleContent({ seasonalClause: clause }) },
    },
  ];
  const binding: CaoEvent = {
    type: 'CaoBindingOnPoolRecorded',
    data: { code: 'recreatie', from: '2024-01-01', basis: 'Member of the recreation employers’ organisation' },
  };
  return seasonalClauseFactsOf(fold(caoDecider, binds ? [...history, binding] : history), 'recreatie', day);
}
