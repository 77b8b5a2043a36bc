import type { CaoBinding } from '../cao/cao-binding.js';
import { caoBindingOn, caoVersionOn, type CaoState } from '../cao/cao.decider.js';
import { chainRuleOn, refOf, type RuleBook } from '../rules/rule-book.js';
import { refuse } from '../shared/domain-error.js';
import { addDays, addMonths, type LocalDate } from '../shared/local-date.js';
import type { ChainPosition, ContractTerms } from './worker.events.js';
import type { PoolWorker } from './worker.state.js';
import { contractPeriod } from './worker-hours.js';

// Chain rule for fixed-term contracts (ketenregeling, art. 7:668a BW); its figures come from the
// rule book's chain-rule row on the new contract's first day.

/**
 * What the pool knows, on a contract's first day, about the CAO an offer names for the seasonal
 * clause: read by the handler from the CAO stream with `seasonalClauseFactsOf`.
 */
export interface SeasonalClauseFacts {
  readonly caoCode: string;
  /** The pool's recorded binding by this CAO that day; absent when it records none. */
  readonly binding?: CaoBinding;
  /** The version in force that day; absent when none is. */
  readonly version?: { readonly effectiveFrom: LocalDate; readonly revision: number; readonly seasonalClause: boolean };
}

export function seasonalClauseFactsOf(cao: CaoState, caoCode: string, day: LocalDate): SeasonalClauseFacts {
  const version = caoVersionOn(cao, day);
  return {
    caoCode,
    binding: caoBindingOn(cao, day),
    version: version && {
      effectiveFrom: version.effectiveFrom,
      revision: version.revision,
      seasonalClause: version.content.seasonalClause,
    },
  };
}

/** What the chain rule reads besides the worker: the rule book and, when claimed, the seasonal clause. */
export interface ChainInputs {
  readonly rules: RuleBook;
  readonly seasonalClause?: SeasonalClauseFacts;
}

type FixedTermTerms = Extract<ContractTerms, { kind: 'fixed_term' }>;

// A contract of the worker's history as the chain sees it: a fixed-term link or an indefinite
// contract (which no chain runs through).
interface ChainItem {
  readonly from: LocalDate;
  /** Absent for an indefinite contract that still runs. */
  readonly lastDay?: LocalDate;
  readonly fixedTerm: boolean;
  /** Set for a direct contract: the words that name it in a refusal. */
  readonly direct?: string;
}

interface ChainLink {
  readonly from: LocalDate;
  readonly lastDay: LocalDate;
  readonly direct?: string;
}

/**
 * Where a new fixed-term contract stands in the worker's chain, or a refusal when it would be one
 * contract too many or take the chain beyond the maximum months. The chain counts the worker's
 * pool contracts and every recorded direct contract with a hirer that started before `terms.from`.
 */
export function chainPositionFor(worker: PoolWorker, terms: FixedTermTerms, inputs: ChainInputs): ChainPosition {
  const row = chainRuleOn(inputs.rules, terms.from);
  const { maxContracts, maxMonths } = row.values;
  const seasonalClauseCao = inputs.seasonalClause && requireSeasonalClause(inputs.seasonalClause, terms.from);
  const breakingGapMonths = seasonalClauseCao ? row.values.seasonalBreakingGapMonths : row.values.breakingGapMonths;
  const chain = chainBefore(itemsOf(worker, terms.from), terms.from, breakingGapMonths);
  const position = chain.length + 1;
  const chainStartedOn = chain[0]?.from ?? terms.from;
  const latest = chain.at(-1);
  if (latest && position > maxContracts) {
    const listed = chain.map((link, i) => `${i + 1}: ${link.from} to ${link.lastDay}${link.direct ? ` (${link.direct})` : ''}`).join('; ');
    refuse(
      'chain_rule_exceeded',
      `A fixed-term contract from ${terms.from} would be number ${position} in a chain of fixed-term contracts (${listed}); ` +
        `at most ${maxContracts} are allowed. Offer an indefinite contract, or a fixed-term contract from ` +
        `${breakDay(latest.lastDay, breakingGapMonths)}, after a gap of more than ${breakingGapMonths} months.`,
    );
  }
  const lastAllowedDay = addDays(addMonths(chainStartedOn, maxMonths), -1);
  if (terms.to > lastAllowedDay) {
    refuse(
      'chain_rule_exceeded',
      `The chain of ${position} fixed-term contract(s) started on ${chainStartedOn}; a contract until ${terms.to} would take it beyond ` +
        `${maxMonths} months. Offer an indefinite contract, or let this one end by ${lastAllowedDay}.`,
    );
  }
  return { position, chainStartedOn, breakingGapMonths, rule: refOf(row), seasonalClauseCao };
}

/**
 * Whether something starting on `nextStart` follows on from something whose last day is `lastDay`:
 * true when the gap between them is at most `months` months (or they overlap).
 */
export const followsOn = (lastDay: LocalDate, nextStart: LocalDate, months: number): boolean => nextStart < breakDay(lastDay, months);

// The shorter gap may only come from a CAO that binds the pool itself and has the clause that day;
// a CAO the pool merely names (or one that binds only a hirer) changes nothing, so it is refused, not ignored.
function requireSeasonalClause(facts: SeasonalClauseFacts, day: LocalDate): string {
  const { caoCode, binding, version } = facts;
  if (!binding) {
    refuse(
      'cao_not_binding_pool',
      `CAO ${caoCode} does not bind the pool on ${day}: no binding of the pool by it is recorded for that day, so its seasonal clause ` +
        `cannot shorten the chain's breaking gap. Record the binding (POST /caos/${caoCode}/binding) or offer the contract without it.`,
    );
  }
  if (!version?.seasonalClause) {
    const which = version
      ? `its version from ${version.effectiveFrom} (revision ${version.revision}) has`
      : 'it has no version in force then, so it has';
    refuse(
      'no_seasonal_clause',
      `CAO ${caoCode} binds the pool on ${day} (${binding.basis}), but ${which} no seasonal clause; offer the contract without it.`,
    );
  }
  return caoCode;
}

function itemsOf(worker: PoolWorker, start: LocalDate): ChainItem[] {
  const pool = worker.contracts.map((contract) => ({
    from: contract.terms.from,
    lastDay: contractPeriod(contract).to,
    fixedTerm: contract.terms.kind === 'fixed_term',
  }));
  const direct = worker.directContracts.map((contract) => ({
    from: contract.from,
    lastDay: contract.to,
    fixedTerm: true,
    direct: `direct contract ${contract.contractId} with ${contract.employerId}`,
  }));
  return [...pool, ...direct].filter((item) => item.from < start);
}

// Walks back from the latest contract while contracts are fixed-term and follow each other with
// no gap of more than `months`. An indefinite contract is no link of a fixed-term chain.
function chainBefore(items: readonly ChainItem[], start: LocalDate, months: number): ChainLink[] {
  const chain: ChainLink[] = [];
  let nextStart = start;
  for (const { from, lastDay, fixedTerm, direct } of [...items].sort((a, b) => b.from.localeCompare(a.from))) {
    if (!fixedTerm || lastDay === undefined || !followsOn(lastDay, nextStart, months)) break;
    chain.unshift({ from, lastDay, direct });
    nextStart = from;
  }
  return chain;
}

// The gap after `lastDay` starts the next day; it is "more than n months" when the next contract
// starts later than n months after that first day of the gap.
const breakDay = (lastDay: LocalDate, months: number): LocalDate => addDays(addMonths(addDays(lastDay, 1), months), 1);
