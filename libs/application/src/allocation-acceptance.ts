// Which proposals of a run no longer hold against the pool as it is now: checked with the engine's
// own rules against a freshly read input, plus the capacity stream's rule that a request holds at
// most `headcount` placements over its whole period (the engine keeps to it when it solves; placements
// made meanwhile can still take the places).
import { checkProposals, inputHash, type AllocationInput, type AllocationWeights, type Violation } from '@banenpool/allocation';
import type { AllocationProposal } from '@banenpool/domain';
import type { AllocationFacts } from './allocation-input.js';

export interface ProposalRefusal {
  readonly code: string;
  readonly reason: string;
}

/**
 * Refusals by proposal id for the proposals that became invalid. The proposals of one run fit
 * together, so checking those still to accept as one set against the current facts finds exactly
 * what changed meanwhile (another confirmed placement, a lost skill, a filled request, a closure).
 * A violation of one proposal refuses it; one of a worker-week or request-week (too many hours,
 * too many places) refuses only as many of the proposals there as it takes for the rest to fit,
 * those covering the fewest hours first.
 */
export function refusalsOf(
  current: AllocationInput,
  facts: AllocationFacts,
  weights: AllocationWeights,
  proposals: readonly AllocationProposal[],
): Map<string, ProposalRefusal> {
  const refusals = new Map<string, ProposalRefusal>();
  const add = (proposalId: string, code: string, reason: string) => {
    const earlier = refusals.get(proposalId);
    refusals.set(proposalId, earlier ? { code: earlier.code, reason: `${earlier.reason} ${reason}` } : { code, reason });
  };
  for (const violation of violationsOf(current, weights, proposals))
    if (violation.proposalId !== undefined) add(violation.proposalId, violation.code, violation.message);
  /** The proposal covering the fewest hours in the first worker-week or request-week that still overflows, with every overflow it is part of. */
  const nextExcess = () => {
    const holding = proposals.filter((p) => !refusals.has(p.proposalId));
    const shared = violationsOf(current, weights, holding).filter((v) => v.proposalId === undefined);
    for (const violation of shared) {
      const concerned = holding.filter((p) => concerns(violation, p)).sort(byHoursCovered);
      const excess = concerned[concerned.length - 1];
      if (excess) return { proposalId: excess.proposalId, violations: shared.filter((v) => concerns(v, excess)) };
    }
    return undefined;
  };
  for (let excess = nextExcess(); excess; excess = nextExcess()) {
    for (const violation of excess.violations) add(excess.proposalId, violation.code, violation.message);
  }
  const holding = proposals.filter((p) => !refusals.has(p.proposalId));
  for (const [proposalId, refusal] of overRequestPlaces(facts, holding)) add(proposalId, refusal.code, refusal.reason);
  return refusals;
}

function violationsOf(current: AllocationInput, weights: AllocationWeights, proposals: readonly AllocationProposal[]): Violation[] {
  const engineProposals = proposals.map((p) => ({
    ...p,
    reasons: { ...p.reasons, releasedWeeks: p.reasons.releasedWeeks ?? 0, homeArea: '', siteArea: '' },
  }));
  // Checked against today's input on purpose, so its hash is today's: only the rules speak.
  return checkProposals(current, { proposals: engineProposals, weights, inputHash: inputHash(current, weights) });
}

/** A violation names its proposal, or the worker-week or request-week it is about. */
function concerns(violation: Violation, proposal: AllocationProposal): boolean {
  if (violation.proposalId !== undefined) return violation.proposalId === proposal.proposalId;
  const inWeek = violation.weekStart !== undefined && proposal.weekStarts.includes(violation.weekStart);
  if (violation.workerId !== undefined) return inWeek && violation.workerId === proposal.workerId;
  if (violation.requestId !== undefined) return inWeek && violation.requestId === proposal.requestId;
  return false;
}

/** What a proposal is worth to a request's places: the hours it covers (ties by id, so the choice is deterministic). */
const byHoursCovered = <P extends PlacesProposal>(a: P, b: P) =>
  b.hoursPerWeek * b.weekStarts.length - a.hoursPerWeek * a.weekStarts.length || (a.proposalId < b.proposalId ? -1 : 1);

type PlacesProposal = Pick<AllocationProposal, 'proposalId' | 'requestId' | 'hoursPerWeek' | 'weekStarts'>;

/**
 * The capacity stream gives a placement one place of the request for its whole period, where the
 * engine fills places week by week: two workers covering a place in turn are two placements. Per
 * request, the proposals that cover the most hours take the places left; the rest are over them.
 */
export function overRequestPlaces<P extends PlacesProposal>(facts: AllocationFacts, proposals: readonly P[]): Map<string, ProposalRefusal> {
  const refusals = new Map<string, ProposalRefusal>();
  for (const request of facts.requests) {
    const left = Math.max(0, request.headcount - request.reservedSlots);
    const taking = proposals.filter((p) => p.requestId === request.requestId).sort(byHoursCovered);
    for (const proposal of taking.slice(left)) {
      refusals.set(proposal.proposalId, {
        code: 'request_full',
        reason: `Capacity request ${request.requestId} has ${left} of its ${request.headcount} places left, fewer than the ${taking.length} proposals to accept.`,
      });
    }
  }
  return refusals;
}
