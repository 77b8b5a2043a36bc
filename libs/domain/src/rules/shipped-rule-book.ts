import { ruleBookFrom, type RuleBook } from './rule-book.js';
import { RULE_TABLE_SEED } from './rule-tables.seed.js';
import { decideInOrder, ruleRows, rulesDecider } from './rules.decider.js';
import { fold } from '../shared/decider.js';

/** The rule tables as the service ships them, decided as RuleTableSeeder publishes them at `now`: for tests and benchmarks. */
export function shippedRuleBook(now: Date): RuleBook {
  return ruleBookFrom((table) => ruleRows(fold(rulesDecider, decideInOrder(RULE_TABLE_SEED[table], now)), table));
}
