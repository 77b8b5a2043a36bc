import type { AllocationRunRecord } from './allocation.events.js';

/** Records a run the engine has finished (the handler read the input and ran the solver). */
export interface RecordAllocationRun {
  readonly type: 'RecordAllocationRun';
  readonly run: AllocationRunRecord;
}

/** Records that a proposal went through the placement commands and became `placementId`. */
export interface AcceptAllocationProposal {
  readonly type: 'AcceptAllocationProposal';
  readonly proposalId: string;
  readonly placementId: string;
  readonly by: string;
}

/** Records that accepting a proposal was refused because it no longer holds, with the rule's code and words. */
export interface RefuseAllocationProposal {
  readonly type: 'RefuseAllocationProposal';
  readonly proposalId: string;
  readonly code: string;
  readonly reason: string;
  readonly by: string;
}

/** The operator turns proposals down (none of them is placed). */
export interface RejectAllocationProposals {
  readonly type: 'RejectAllocationProposals';
  readonly proposalIds: readonly string[];
  readonly reason: string;
  readonly by: string;
}

export type AllocationCommand = RecordAllocationRun | AcceptAllocationProposal | RefuseAllocationProposal | RejectAllocationProposals;
