import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireDate, requireHours, requireText } from '../shared/guards.js';
import { addDays, mondayOf } from '../shared/local-date.js';
import type { AllocationCommand, RecordAllocationRun } from './allocation.commands.js';
import type { AllocationEvent, AllocationProposal, AllocationRunRecord } from './allocation.events.js';

/** What became of a proposal; a proposal without one is still open. */
export type ProposalDecision =
  | { readonly outcome: 'accepted'; readonly placementId: string; readonly by: string }
  | { readonly outcome: 'rejected'; readonly by: string; readonly reason: string }
  | { readonly outcome: 'refused'; readonly by: string; readonly code: string; readonly reason: string };

export type CompletedAllocationRun = AllocationRunRecord & {
  readonly status: 'completed';
  /** By proposal id; each proposal is decided at most once. */
  readonly decisions: Readonly<Record<string, ProposalDecision>>;
};

export type AllocationState = { readonly status: 'none' } | CompletedAllocationRun;

export const allocationDecider: Decider<AllocationCommand, AllocationEvent, AllocationState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    if (event.type === 'AllocationRunCompleted') return { ...event.data, status: 'completed', decisions: {} };
    if (state.status === 'none') return state; // a run's history always starts with AllocationRunCompleted
    switch (event.type) {
      case 'AllocationProposalAccepted': {
        const { proposalId, placementId, by } = event.data;
        return decided(state, proposalId, { outcome: 'accepted', placementId, by });
      }
      case 'AllocationProposalRejected': {
        const { proposalId, by, reason } = event.data;
        return decided(state, proposalId, { outcome: 'rejected', by, reason });
      }
      case 'AllocationProposalRefused': {
        const { proposalId, by, code, reason } = event.data;
        return decided(state, proposalId, { outcome: 'refused', by, code, reason });
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RecordAllocationRun':
        return record(command, state);
      case 'AcceptAllocationProposal': {
        const run = completed(state);
        open(run, command.proposalId);
        requireText(command.placementId, 'The placement id');
        const { proposalId, placementId, by } = command;
        return [{ type: 'AllocationProposalAccepted', data: { runId: run.runId, proposalId, placementId, by } }];
      }
      case 'RefuseAllocationProposal': {
        const run = completed(state);
        open(run, command.proposalId);
        requireText(command.code, 'The refusal code');
        requireText(command.reason, 'The refusal reason');
        const { proposalId, by, code, reason } = command;
        return [{ type: 'AllocationProposalRefused', data: { runId: run.runId, proposalId, by, code, reason } }];
      }
      case 'RejectAllocationProposals': {
        const run = completed(state);
        requireText(command.reason, 'The reason for rejecting');
        const ids = [...new Set(command.proposalIds)];
        if (ids.length === 0) refuse('nothing_to_reject', `No proposal of allocation run ${run.runId} was named to reject.`);
        for (const id of ids) open(run, id);
        return ids.map((proposalId) => ({
          type: 'AllocationProposalRejected',
          data: { runId: run.runId, proposalId, by: command.by, reason: command.reason },
        }));
      }
      default:
        return assertNever(command);
    }
  },
};

function record({ run }: RecordAllocationRun, state: AllocationState): AllocationEvent[] {
  if (state.status !== 'none') conflict('allocation_run_exists', `Allocation run ${state.runId} already exists.`);
  requireText(run.runId, 'The run id');
  requireWeek(run.scope.fromWeek, 'The first week');
  requireWeek(run.scope.toWeek, 'The last week');
  if (run.scope.toWeek < run.scope.fromWeek)
    refuse('invalid_period', `The run's last week ${run.scope.toWeek} is before its first week ${run.scope.fromWeek}.`);
  requireText(run.input.position, 'The input position');
  requireText(run.input.hash, 'The input hash');
  const ids = new Set<string>();
  for (const proposal of run.proposals) {
    if (ids.has(proposal.proposalId))
      refuse('duplicate_proposal', `Proposal ${proposal.proposalId} appears twice in allocation run ${run.runId}.`);
    ids.add(proposal.proposalId);
    requireProposal(proposal, run);
  }
  return [{ type: 'AllocationRunCompleted', data: run }];
}

// The engine's checks are the real ones (checkProposals); these keep the stream sound whoever writes to it.
function requireProposal(proposal: AllocationProposal, run: AllocationRunRecord): void {
  requireText(proposal.workerId, 'The worker id');
  requireText(proposal.requestId, 'The request id');
  requireHours(proposal.hoursPerWeek, `The hours a week of proposal ${proposal.proposalId}`);
  requireDate(proposal.from, 'The first day of a proposal');
  const weeks = proposal.weekStarts;
  const consecutive = weeks.length > 0 && weeks.every((week, i) => i === 0 || addDays(weeks[i - 1], 7) === week);
  if (!consecutive || proposal.from !== weeks[0] || proposal.to !== addDays(weeks[weeks.length - 1], 6)) {
    refuse(
      'malformed_proposal',
      `Proposal ${proposal.proposalId} is not one run of consecutive weeks from ${proposal.from} to ${proposal.to}.`,
    );
  }
  if (weeks[0] < run.scope.fromWeek || weeks[weeks.length - 1] > run.scope.toWeek) {
    refuse(
      'proposal_outside_scope',
      `Proposal ${proposal.proposalId} (${proposal.from}..${proposal.to}) lies outside the run's weeks ${run.scope.fromWeek}..${run.scope.toWeek}.`,
    );
  }
}

function requireWeek(weekStart: string, what: string): void {
  requireDate(weekStart, what);
  if (mondayOf(weekStart) !== weekStart) refuse('invalid_week', `${what} must be named by its Monday, not ${weekStart}.`);
}

function completed(state: AllocationState): CompletedAllocationRun {
  if (state.status === 'none')
    notFound('allocation_run_not_found', 'This allocation run does not exist (nothing can be accepted or rejected from it).');
  return state;
}

/** A proposal of the run that has not been decided yet: accepted, rejected or refused at most once. */
function open(run: CompletedAllocationRun, proposalId: string): AllocationProposal {
  const proposal = run.proposals.find((p) => p.proposalId === proposalId);
  if (!proposal) notFound('proposal_not_found', `Allocation run ${run.runId} has no proposal ${proposalId}.`);
  const decision = run.decisions[proposalId];
  if (decision)
    conflict('proposal_already_decided', `Proposal ${proposalId} of allocation run ${run.runId} was already ${decision.outcome}.`);
  return proposal;
}

function decided(run: CompletedAllocationRun, proposalId: string, decision: ProposalDecision): CompletedAllocationRun {
  return { ...run, decisions: { ...run.decisions, [proposalId]: decision } };
}

/** A proposal of a completed run that is still open, for a handler that checks before it acts. */
export function requireOpenProposal(state: AllocationState, proposalId: string): AllocationProposal {
  return open(completed(state), proposalId);
}

/** The proposals still waiting for a decision, in the run's order. */
export function openProposals(state: AllocationState): AllocationProposal[] {
  if (state.status === 'none') return [];
  return state.proposals.filter((p) => state.decisions[p.proposalId] === undefined);
}
