import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AllocationWeights } from '@banenpool/allocation';
import {
  allocationDecider,
  allocationStreamId,
  DomainError,
  laterOf,
  placementDecider,
  placementStreamId,
  type AllocationCommand,
  type AllocationProposal,
  type LegalForm,
  type PlacementCommand,
  type PlacementTerms,
} from '@banenpool/domain';
import { comparePositions, formatPosition, parsePosition, WrongExpectedVersionError } from '@banenpool/event-store';
import { refusalsOf, type ProposalRefusal } from '../allocation-acceptance.js';
import { buildAllocationInput, type RequestFact } from '../allocation-input.js';
import { PlacementFacts } from '../placement/placement-facts.js';
import type { RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor } from '../shared/use-case-executor.js';
import { AllocationSnapshots } from './allocation-snapshots.js';
import { selectProposals, type ProposalSelection } from './proposal-selection.js';

export interface AcceptanceAnswer {
  runId: string;
  accepted: { proposalId: string; placementId: string }[];
  refused: { proposalId: string; code: string; reason: string }[];
  /** The run stream's version after the acceptance (also the ETag). */
  version: number;
  /** The last position written (run and placements): pass as waitFor to read the board and gaps with them. */
  position?: string;
}

/** Accept proposals: each becomes a placement, proposed and confirmed as a manual one. */
export class AcceptAllocationProposalsCommand extends Command<AcceptanceAnswer> {
  constructor(
    readonly runId: string,
    readonly selection: ProposalSelection,
    readonly placements: { legalForm?: LegalForm; step: number },
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** What one acceptance has written so far. */
interface Progress {
  answer: AcceptanceAnswer;
  positions: string[];
}

/**
 * Each selected proposal still open is checked against the pool as it is now; one that no longer
 * holds is refused with the reason. The others go through the placement commands exactly as a
 * manual placement: propose, then confirm (hours, closures, pay). A confirmation the rules refuse
 * withdraws the proposed placement and refuses the proposal with the rule's words.
 *
 * The run stream is where decisions meet: every decision is appended at the run version this
 * acceptance last saw. If a rejection or another acceptance decided meanwhile (409), the placement
 * just made for the proposal is withdrawn again and the proposal is reported as decided elsewhere,
 * so a run never shows a proposal rejected whose placement stands.
 */
@CommandHandler(AcceptAllocationProposalsCommand)
export class AcceptAllocationProposalsHandler implements ICommandHandler<AcceptAllocationProposalsCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
    private readonly snapshots: AllocationSnapshots,
    private readonly placementFacts: PlacementFacts,
  ) {}

  async execute(command: AcceptAllocationProposalsCommand): Promise<AcceptanceAnswer> {
    const { runId, selection, context } = command;
    const { run, version, selected } = await selectProposals(this.streams, runId, selection, context.expectedVersion);
    const snapshot = await this.snapshots.read(run.scope);
    const refusals = refusalsOf(
      buildAllocationInput(snapshot.facts, run.scope),
      snapshot.facts,
      run.weights as unknown as AllocationWeights,
      selected,
    );
    const progress: Progress = { answer: { runId, accepted: [], refused: [], version }, positions: [] };
    for (const proposal of selected) {
      const placementId = `${runId}.p${run.proposals.indexOf(proposal) + 1}`;
      const refusal =
        refusals.get(proposal.proposalId) ?? (await this.place(proposal, placementId, snapshot.facts.requests, command, progress));
      await this.decide(proposal, placementId, refusal, command, progress);
    }
    const last = progress.positions
      .map((p) => parsePosition(p)!)
      .sort(comparePositions)
      .at(-1);
    return { ...progress.answer, ...(last ? { position: formatPosition(last) } : {}) };
  }

  /** Records the proposal's outcome on the run, at the run version last seen. */
  private async decide(
    proposal: AllocationProposal,
    placementId: string,
    refusal: ProposalRefusal | undefined,
    { runId, context }: AcceptAllocationProposalsCommand,
    progress: Progress,
  ): Promise<void> {
    const { proposalId } = proposal;
    const by = context.caller.label;
    const decision: AllocationCommand = refusal
      ? { type: 'RefuseAllocationProposal', proposalId, by, ...refusal }
      : { type: 'AcceptAllocationProposal', proposalId, placementId, by };
    try {
      await this.onRun(runId, decision, context, progress);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const reason = `Allocation proposal ${proposalId} was decided elsewhere meanwhile.`;
      if (!refusal) await this.onPlacement(placementId, { type: 'WithdrawPlacement', reason }, context, progress);
      progress.answer.refused.push({
        proposalId,
        code: 'decided_meanwhile',
        reason: 'Another request decided on this run meanwhile; read the run again.',
      });
      progress.answer.version = (await this.streams.load(allocationDecider, allocationStreamId(runId))).version;
      return;
    }
    if (refusal) progress.answer.refused.push({ proposalId, ...refusal });
    else progress.answer.accepted.push({ proposalId, placementId });
  }

  /**
   * Propose and confirm the placement; the rule's refusal when one says no (the proposed placement
   * is then withdrawn). An acceptance cut short (a crash, a timeout) left the placement where it
   * got: a retry carries on from there instead of finding the placement id taken.
   */
  private async place(
    proposal: AllocationProposal,
    placementId: string,
    requests: readonly RequestFact[],
    { placements, context }: AcceptAllocationProposalsCommand,
    progress: Progress,
  ): Promise<ProposalRefusal | undefined> {
    const request = requests.find((r) => r.requestId === proposal.requestId)!; // refusalsOf refused proposals of requests no longer there
    const terms = termsOf(proposal, placementId, request, placements.legalForm ?? 'payroll');
    const run = (command: PlacementCommand) => this.onPlacement(placementId, command, context, progress);
    const earlier = (await this.streams.load(placementDecider, placementStreamId(placementId))).state;
    if (earlier.status === 'confirmed') return undefined;
    if (earlier.status === 'withdrawn' || earlier.status === 'ended') {
      return { code: 'placement_' + earlier.status, reason: `Placement ${placementId} of this proposal was ${earlier.status} before.` };
    }
    if (earlier.status === 'none') await run({ type: 'ProposePlacement', ...terms });
    try {
      await run({ type: 'ConfirmPlacement', ...(await this.placementFacts.forConfirmation(terms, placements.step)) });
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'rule') throw error;
      await run({ type: 'WithdrawPlacement', reason: `Allocation proposal ${proposal.proposalId} refused: ${error.message}` });
      return { code: error.code, reason: error.message };
    }
  }

  /** Appends a decision at the run version last seen: a decision made elsewhere meanwhile is a WrongExpectedVersionError. */
  private async onRun(runId: string, decision: AllocationCommand, context: RequestContext, progress: Progress): Promise<void> {
    const written = await this.executor.step(allocationDecider, allocationStreamId(runId), decision, context, progress.answer.version);
    progress.answer.version = written.version;
    if (written.position) progress.positions.push(written.position);
  }

  private async onPlacement(placementId: string, command: PlacementCommand, context: RequestContext, progress: Progress): Promise<void> {
    const written = await this.executor.step(placementDecider, placementStreamId(placementId), command, context);
    if (written.position) progress.positions.push(written.position);
  }
}

/** The placement a proposal becomes: its weeks, within the request's own period. */
function termsOf(proposal: AllocationProposal, placementId: string, request: RequestFact, legalForm: LegalForm): PlacementTerms {
  const to = proposal.to < request.period.to ? proposal.to : request.period.to;
  return {
    placementId,
    workerId: proposal.workerId,
    employerId: proposal.employerId,
    capacityRequestId: proposal.requestId,
    siteId: proposal.siteId,
    functionName: request.functionName,
    legalForm,
    hoursPerWeek: proposal.hoursPerWeek,
    period: { from: laterOf(proposal.from, request.period.from), to },
  };
}
