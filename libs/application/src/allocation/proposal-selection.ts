import { WrongExpectedVersionError } from '@banenpool/event-store';
import {
  allocationDecider,
  allocationStreamId,
  openProposals,
  requireOpenProposal,
  type AllocationProposal,
  type CompletedAllocationRun,
} from '@banenpool/domain';
import type { StreamStates } from '../shared/stream-states.js';

/** Which proposals of a run a decision is about: every one still open, or these. */
export type ProposalSelection = { all: true } | { proposalIds: string[] };

/**
 * The run, its version and the proposals asked for, in the run's order; a stale If-Match, an
 * unknown or an already decided proposal refuses the whole request before anything changes.
 */
export async function selectProposals(
  streams: StreamStates,
  runId: string,
  selection: ProposalSelection,
  expectedVersion: number | undefined,
): Promise<{ run: CompletedAllocationRun; version: number; selected: AllocationProposal[] }> {
  const { state: run, version } = await streams.existing(allocationDecider, allocationStreamId(runId), `allocation run ${runId}`);
  if (expectedVersion !== undefined && expectedVersion !== version)
    throw new WrongExpectedVersionError(allocationStreamId(runId), expectedVersion, version);
  const chosen = 'all' in selection ? openProposals(run) : [...new Set(selection.proposalIds)].map((id) => requireOpenProposal(run, id));
  return { run, version, selected: run.proposals.filter((p) => chosen.includes(p)) };
}
