import { refuse } from '../shared/domain-error.js';
import { addDays, addMonths, type LocalDate } from '../shared/local-date.js';
import type { ChainPosition, ContractTerms } from './worker.events.js';
import type { PoolContract } from './worker.state.js';
import { contractPeriod } from './worker-hours.js';

/** Chain rule for fixed-term contracts (ketenregeling, art. 7:668a BW). */
export const CHAIN_RULE = {
  maxContracts: 3,
  maxMonths: 36,
  breakingGapMonths: 6,
  /** Under a CAO's seasonal clause (work of at most 9 months a year) a shorter gap breaks the chain. */
  seasonalBreakingGapMonths: 3,
} as const;

type FixedTermTerms = Extract<ContractTerms, { kind: 'fixed_term' }>;

interface ChainLink {
  readonly from: LocalDate;
  readonly lastDay: LocalDate;
}

/**
 * Where a new fixed-term contract stands in the worker's chain, or a refusal when it would be the
 * fourth in the chain or take the chain beyond 36 months. `contracts` all end before `terms.from`.
 */
export function chainPositionFor(contracts: readonly PoolContract[], terms: FixedTermTerms, seasonalClause: boolean): ChainPosition {
  const breakingGapMonths = seasonalClause ? CHAIN_RULE.seasonalBreakingGapMonths : CHAIN_RULE.breakingGapMonths;
  const chain = chainBefore(contracts, terms.from, breakingGapMonths);
  const position = chain.length + 1;
  const chainStartedOn = chain[0]?.from ?? terms.from;
  const latest = chain.at(-1);
  if (latest && position > CHAIN_RULE.maxContracts) {
    const listed = chain.map((link, i) => `${i + 1}: ${link.from} to ${link.lastDay}`).join('; ');
    refuse(
      'chain_rule_exceeded',
      `A fixed-term contract from ${terms.from} would be number ${position} in a chain of fixed-term contracts (${listed}); ` +
        `at most ${CHAIN_RULE.maxContracts} are allowed. Offer an indefinite contract, or a fixed-term contract from ` +
        `${breakDay(latest.lastDay, breakingGapMonths)}, after a gap of more than ${breakingGapMonths} months.`,
    );
  }
  const lastAllowedDay = addDays(addMonths(chainStartedOn, CHAIN_RULE.maxMonths), -1);
  if (terms.to > lastAllowedDay) {
    refuse(
      'chain_rule_exceeded',
      `The chain of ${position} fixed-term contract(s) started on ${chainStartedOn}; a contract until ${terms.to} would take it beyond ` +
        `${CHAIN_RULE.maxMonths} months. Offer an indefinite contract, or let this one end by ${lastAllowedDay}.`,
    );
  }
  return { position, chainStartedOn, breakingGapMonths };
}

// Walks back from the latest contract while contracts are fixed-term and follow each other with
// no gap of more than `months`. An indefinite contract is no link of a fixed-term chain.
function chainBefore(contracts: readonly PoolContract[], start: LocalDate, months: number): ChainLink[] {
  const chain: ChainLink[] = [];
  let nextStart = start;
  for (const contract of [...contracts].sort((a, b) => b.terms.from.localeCompare(a.terms.from))) {
    const lastDay = contractPeriod(contract).to;
    if (contract.terms.kind !== 'fixed_term' || lastDay === undefined || nextStart >= breakDay(lastDay, months)) break;
    chain.unshift({ from: contract.terms.from, lastDay });
    nextStart = contract.terms.from;
  }
  return chain;
}

// The gap after `lastDay` starts the next day; it is "more than n months" when the next contract
// starts later than n months after that first day of the gap.
const breakDay = (lastDay: LocalDate, months: number): LocalDate => addDays(addMonths(addDays(lastDay, 1), months), 1);
