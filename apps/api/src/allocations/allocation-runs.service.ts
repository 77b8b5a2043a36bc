import { BadRequestException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  checkProposals,
  DEFAULT_WEIGHTS,
  solve,
  type AllocationInput,
  type AllocationProposal as EngineProposal,
  type AllocationResult,
  type AllocationWeights,
} from '@banenpool/allocation';
import {
  AllocationSnapshotUnavailableError,
  buildAllocationInput,
  readAllocationSnapshot,
  refusalsOf,
  withinRequestPlaces,
  type AllocationSnapshot,
  type ProposalRefusal,
  type RequestFact,
} from '@banenpool/application';
import {
  allocationDecider,
  allocationStreamId,
  conflict,
  DomainError,
  laterOf,
  openProposals,
  placementDecider,
  placementStreamId,
  requireOpenProposal,
  type AllocationProposal,
  type AllocationScope,
  type CompletedAllocationRun,
  type LegalForm,
  type PlacementTerms,
} from '@banenpool/domain';
import { formatPosition, parsePosition, comparePositions, WrongExpectedVersionError, type EventStore } from '@banenpool/event-store';
import { actorLabel, AppConfig, EVENT_STORE, type Actor } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { DataSource } from 'typeorm';
import { CommandRunner, parseIfMatch, type CommandAccepted } from '../commands/command-runner.service.js';
import { StreamReader } from '../commands/stream-reader.service.js';
import { PlacementFacts } from '../placements/placement-facts.service.js';
import { weekRange } from '../read-model-queries/query-params.js';
import type { AcceptProposalsDto, RejectProposalsDto, StartAllocationRunDto } from './allocation-run.dto.js';

export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The If-Match header, if any: the run's version the client read. */
  ifMatch?: string;
}

export interface AcceptanceAnswer {
  runId: string;
  accepted: { proposalId: string; placementId: string }[];
  refused: { proposalId: string; code: string; reason: string }[];
  /** The run stream's version after the acceptance (also the ETag). */
  version: number;
  /** The last position written (run and placements): pass as waitFor to read the board and gaps with them. */
  position?: string;
}

const MAX_WEEKS = 53;

/** Allocation runs: read the pool at one position, solve, record; accept proposals through the placement commands. */
@Injectable()
export class AllocationRuns {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly config: AppConfig,
    private readonly commands: CommandRunner,
    private readonly streams: StreamReader,
    private readonly placementFacts: PlacementFacts,
  ) {}

  async start(body: StartAllocationRunDto, context: CommandContext): Promise<CommandAccepted & { runId: string; result: CompletedAllocationRun['result']; proposals: number }> {
    const runId = body.runId ?? `run-${randomUUID()}`;
    const streamId = allocationStreamId(runId);
    // Refused before the solver spends its time, not only when the run is recorded.
    const expectedVersion = parseIfMatch(context.ifMatch);
    const existing = await this.streams.load(allocationDecider, streamId);
    if (existing.state.status !== 'none') conflict('allocation_run_exists', `Allocation run ${runId} already exists.`);
    if (expectedVersion !== undefined) throw new WrongExpectedVersionError(streamId, expectedVersion, existing.version); // a new run has no version to match
    const scope = scopeOf(body);
    const weights: AllocationWeights = { ...DEFAULT_WEIGHTS, ...body.weights };
    const timeLimitSeconds = body.timeLimitSeconds ?? 10;
    const snapshot = await this.snapshot(scope);
    const input = buildAllocationInput(snapshot.facts, scope);
    const result = withinRequestPlaces(input, snapshot.facts, await solve(input, weights, { timeLimitSeconds }));
    requireSound(input, result);
    const run = {
      runId,
      scope,
      input: { position: formatPosition(snapshot.position), hash: result.inputHash, requests: input.demand.length, workers: input.workers.length },
      solver: { name: result.solver.name, version: result.solver.version, method: result.method },
      weights: { ...result.weights },
      timeLimitSeconds,
      result: { status: result.status, objective: result.objective, bound: result.bound, gap: result.gap, solveTimeMs: result.solveTimeMs, droppedOverPlaces: result.droppedOverPlaces },
      proposals: result.proposals.map(toRecorded),
    };
    const accepted = await this.commands.execute(allocationDecider, streamId, { type: 'RecordAllocationRun', run }, context);
    return { ...accepted, runId, result: run.result, proposals: run.proposals.length };
  }

  async get(runId: string): Promise<{ run: CompletedAllocationRun; version: number }> {
    const { state, version } = await this.streams.existing(allocationDecider, allocationStreamId(runId), `allocation run ${runId}`);
    return { run: state, version };
  }

  /**
   * Each selected proposal still open is checked against the pool as it is now; one that no
   * longer holds is refused with the reason. The others go through the placement commands exactly
   * as a manual placement: propose, then confirm (hours, closures, pay). A confirmation the rules
   * refuse withdraws the proposed placement and refuses the proposal with the rule's words.
   *
   * The run stream is where decisions meet: every decision is appended at the run version this
   * acceptance last saw. If a rejection or another acceptance decided meanwhile (409), the
   * placement just made for the proposal is withdrawn again and the proposal is reported as
   * decided elsewhere, so a run never shows a proposal rejected whose placement stands.
   */
  async accept(runId: string, body: AcceptProposalsDto, context: CommandContext): Promise<AcceptanceAnswer> {
    const { run, version, selected } = await this.selection(runId, body, context);
    const snapshot = await this.snapshot(run.scope);
    const refusals = refusalsOf(buildAllocationInput(snapshot.facts, run.scope), snapshot.facts, run.weights as unknown as AllocationWeights, selected);
    const answer: AcceptanceAnswer = { runId, accepted: [], refused: [], version };
    const positions: string[] = [];
    const record = async (command: Parameters<typeof allocationDecider.decide>[0]) => {
      const written = await this.commands.execute(allocationDecider, allocationStreamId(runId), command, { ...context, expectedVersion: answer.version });
      answer.version = written.version;
      if (written.position) positions.push(written.position);
    };
    const by = actorLabel(context.actor);
    for (const proposal of selected) {
      const placementId = `${runId}.p${run.proposals.indexOf(proposal) + 1}`;
      const refusal =
        refusals.get(proposal.proposalId) ??
        (await this.place(proposal, placementId, snapshot.facts.requests, body, context, positions));
      try {
        if (refusal) await record({ type: 'RefuseAllocationProposal', proposalId: proposal.proposalId, by, ...refusal });
        else await record({ type: 'AcceptAllocationProposal', proposalId: proposal.proposalId, placementId, by });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (!refusal) await this.withdraw(placementId, `Allocation proposal ${proposal.proposalId} was decided elsewhere meanwhile.`, context, positions);
        answer.refused.push({ proposalId: proposal.proposalId, code: 'decided_meanwhile', reason: 'Another request decided on this run meanwhile; read the run again.' });
        answer.version = (await this.get(runId)).version;
        continue;
      }
      if (refusal) answer.refused.push({ proposalId: proposal.proposalId, ...refusal });
      else answer.accepted.push({ proposalId: proposal.proposalId, placementId });
    }
    const last = positions.map((p) => parsePosition(p)!).sort(comparePositions).at(-1);
    return { ...answer, ...(last ? { position: formatPosition(last) } : {}) };
  }

  /** Rejects at the run version it read, so a concurrent acceptance and this rejection cannot both decide. */
  async reject(runId: string, body: RejectProposalsDto, context: CommandContext): Promise<CommandAccepted> {
    const { version, selected } = await this.selection(runId, body, context);
    const command = { type: 'RejectAllocationProposals' as const, proposalIds: selected.map((p) => p.proposalId), reason: body.reason, by: actorLabel(context.actor) };
    return this.commands.execute(allocationDecider, allocationStreamId(runId), command, { ...context, expectedVersion: version });
  }

  /** The run, its version and the proposals asked for; an unknown or already decided one refuses the whole request before anything changes. */
  private async selection(runId: string, body: { all?: true; proposalIds?: string[] }, context: CommandContext) {
    if ((body.all === undefined) === (body.proposalIds === undefined)) throw new BadRequestException('Give either all: true or proposalIds, not both or neither');
    const { run, version } = await this.get(runId);
    const expected = parseIfMatch(context.ifMatch);
    if (expected !== undefined && expected !== version) throw new WrongExpectedVersionError(allocationStreamId(runId), expected, version);
    const selected = body.all ? openProposals(run) : [...new Set(body.proposalIds)].map((id) => requireOpenProposal(run, id));
    return { run, version, selected: run.proposals.filter((p) => selected.includes(p)) };
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
    body: AcceptProposalsDto,
    context: CommandContext,
    positions: string[],
  ): Promise<ProposalRefusal | undefined> {
    const request = requests.find((r) => r.requestId === proposal.requestId)!; // refusalsOf refused proposals of requests no longer there
    const terms = termsOf(proposal, placementId, request, body.legalForm ?? 'payroll');
    const run = async (command: Parameters<typeof placementDecider.decide>[0]) => {
      const written = await this.commands.execute(placementDecider, placementStreamId(placementId), command, context);
      if (written.position) positions.push(written.position);
    };
    const earlier = (await this.streams.load(placementDecider, placementStreamId(placementId))).state;
    if (earlier.status === 'confirmed') return undefined;
    if (earlier.status === 'withdrawn' || earlier.status === 'ended') return { code: 'placement_' + earlier.status, reason: `Placement ${placementId} of this proposal was ${earlier.status} before.` };
    if (earlier.status === 'none') await run({ type: 'ProposePlacement', ...terms });
    try {
      await run({ type: 'ConfirmPlacement', ...(await this.placementFacts.forConfirmation(terms, body.step ?? 0)) });
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'rule') throw error;
      await run({ type: 'WithdrawPlacement', reason: `Allocation proposal ${proposal.proposalId} refused: ${error.message}` });
      return { code: error.code, reason: error.message };
    }
  }

  private async withdraw(placementId: string, reason: string, context: CommandContext, positions: string[]): Promise<void> {
    const written = await this.commands.execute(placementDecider, placementStreamId(placementId), { type: 'WithdrawPlacement', reason }, context);
    if (written.position) positions.push(written.position);
  }

  private async snapshot(scope: AllocationScope): Promise<AllocationSnapshot> {
    try {
      return await readAllocationSnapshot(
        { dataSource: this.dataSource, store: this.store, waitForReadModels: (position) => this.projector.waitFor(position, this.config.READ_YOUR_WRITES_MAX_WAIT_MS) },
        scope,
      );
    } catch (error) {
      if (error instanceof AllocationSnapshotUnavailableError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}

function scopeOf(body: StartAllocationRunDto): AllocationScope {
  const { fromWeek, toWeek } = weekRange(body.scope.fromWeek, body.scope.toWeek, { maxWeeks: MAX_WEEKS });
  const sorted = (ids: string[] | undefined) => [...new Set(ids ?? [])].sort();
  return { fromWeek: fromWeek!, toWeek: toWeek!, employerIds: sorted(body.scope.employerIds), requestIds: sorted(body.scope.requestIds) };
}

/** The engine checks its own output; a violation here is a bug, never something to record. */
function requireSound(input: AllocationInput, result: AllocationResult): void {
  const violations = checkProposals(input, result);
  if (violations.length > 0) throw new Error(`The allocation engine proposed what the rules forbid: ${violations.map((v) => v.message).join(' ')}`);
}

function toRecorded(proposal: EngineProposal): AllocationProposal {
  const { proposalId, workerId, requestId, employerId, siteId, hoursPerWeek, from, to, weekStarts, explanation } = proposal;
  const { skill, shortfallHoursCovered, releasedWeeks, continuity, consecutiveWeeks, distanceKm } = proposal.reasons;
  return { proposalId, workerId, requestId, employerId, siteId, hoursPerWeek, from, to, weekStarts, explanation, reasons: { skill, shortfallHoursCovered, releasedWeeks, continuity, consecutiveWeeks, distanceKm } };
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
