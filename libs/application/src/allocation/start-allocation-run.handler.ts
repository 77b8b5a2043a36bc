import { createHash, randomUUID } from 'node:crypto';
import { InternalServerErrorException, Logger, ServiceUnavailableException, type BeforeApplicationShutdown } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DEFAULT_WEIGHTS,
  solveInThread,
  SolveThreadError,
  type AllocationInput,
  type AllocationProposal as EngineProposal,
  type AllocationWeights,
  type Violation,
} from '@banenpool/allocation';
import {
  allocationDecider,
  allocationStreamId,
  conflict,
  type AllocationCommand,
  type AllocationProposal,
  type AllocationScope,
  type AllocationRunRecord,
  type Unplaceable,
} from '@banenpool/domain';
import { formatPosition } from '@banenpool/event-store';
import { buildAllocationInput, unplaceableIn } from '../allocation-input.js';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { AllocationSnapshots } from './allocation-snapshots.js';

export type AllocationRunStarted = CommandAccepted & {
  runId: string;
  result: AllocationRunRecord['result'];
  proposals: number;
  /** Workers and requested sites left out for want of a location, with the reason. */
  unplaceable: readonly Unplaceable[];
};

/** Read the pool at one position, solve, and record the run with its proposals (nothing is placed yet). */
export class StartAllocationRunCommand extends Command<AllocationRunStarted> {
  constructor(
    readonly runId: string | undefined,
    readonly scope: AllocationScope,
    readonly options: { weights?: Partial<AllocationWeights>; timeLimitSeconds?: number },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StartAllocationRunCommand)
export class StartAllocationRunHandler implements ICommandHandler<StartAllocationRunCommand>, BeforeApplicationShutdown {
  private readonly logger = new Logger('AllocationRun');
  /** Aborted at shutdown: every solve still running ends its thread. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly snapshots: AllocationSnapshots,
  ) {}

  /**
   * The run's stream is folded first, so an existing run (or a stale If-Match) is refused before
   * the solver spends its time. No stream is recorded for the Idempotency-Key: the answer is more
   * than the run's events, so a retry after a crash finds the run and gets a 409. Without a runId,
   * a keyed request's run is named after its key, so a retry that took the key over (the first
   * still solving, or dead after it recorded) meets the same run instead of recording a second.
   */
  async execute({ runId, scope, options, context }: StartAllocationRunCommand): Promise<AllocationRunStarted> {
    return this.start(runId ?? runIdFor(context), scope, options, context);
  }

  beforeApplicationShutdown(): void {
    this.shutdown.abort(new ServiceUnavailableException('The service is shutting down; the allocation run was not recorded.'));
  }

  private async start(
    runId: string,
    scope: AllocationScope,
    options: StartAllocationRunCommand['options'],
    context: RequestContext,
  ): Promise<AllocationRunStarted> {
    let recorded: AllocationRunRecord | undefined;
    const accepted = await this.executor.step(
      allocationDecider,
      allocationStreamId(runId),
      async (state): Promise<AllocationCommand> => {
        if (state.status !== 'none') conflict('allocation_run_exists', `Allocation run ${runId} already exists.`);
        recorded = await this.solve(runId, scope, options);
        return { type: 'RecordAllocationRun', run: recorded };
      },
      context,
      context.expectedVersion,
    );
    return {
      ...accepted,
      runId,
      result: recorded!.result,
      proposals: recorded!.proposals.length,
      unplaceable: recorded!.input.unplaceable ?? [],
    };
  }

  private async solve(runId: string, scope: AllocationScope, options: StartAllocationRunCommand['options']): Promise<AllocationRunRecord> {
    const weights: AllocationWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
    const timeLimitSeconds = options.timeLimitSeconds ?? 10;
    const snapshot = await this.snapshots.read(scope);
    const input = buildAllocationInput(snapshot.facts, scope);
    // The thread's check counts each request's places too: a proposal beyond them is an engine fault, never cut away here.
    const { result, violations } = await this.solveInThread(runId, input, weights, timeLimitSeconds);
    requireSound(violations);
    return {
      runId,
      scope,
      input: {
        position: formatPosition(snapshot.position),
        hash: result.inputHash,
        requests: input.demand.length,
        workers: input.workers.length,
        unplaceable: unplaceableIn(snapshot.facts),
      },
      solver: { name: result.solver.name, version: result.solver.version, method: result.method },
      weights: { ...result.weights },
      timeLimitSeconds,
      result: {
        status: result.status,
        objective: result.objective,
        bound: result.bound,
        gap: result.gap,
        solveTimeMs: result.solveTimeMs,
      },
      proposals: result.proposals.map(toRecorded),
    };
  }

  /**
   * The solve and the check of its answer, off the event loop (solve-in-thread.ts), so the API keeps
   * answering for the run's time limit. A thread that dies fails this run only: nothing is recorded, the
   * caller gets a 500 and may start it again.
   */
  private async solveInThread(runId: string, input: AllocationInput, weights: AllocationWeights, timeLimitSeconds: number) {
    try {
      return await solveInThread(input, weights, {
        timeLimitSeconds,
        log: (line) => this.logger.debug(`${runId}: ${line}`),
        warn: (line) => this.logger.warn(`${runId}: ${line}`),
        signal: this.shutdown.signal,
      });
    } catch (error) {
      if (!(error instanceof SolveThreadError)) throw error;
      this.logger.error(`${runId}: ${error.message}`);
      throw new InternalServerErrorException(`Allocation run ${runId} failed: ${error.message} Nothing was recorded; start it again.`);
    }
  }
}

/** The engine's output is checked against the rules; a violation there is a bug, never something to record. */
function requireSound(violations: readonly Violation[]): void {
  if (violations.length > 0)
    throw new Error(`The allocation engine proposed what the rules forbid: ${violations.map((v) => v.message).join(' ')}`);
}

function toRecorded(proposal: EngineProposal): AllocationProposal {
  const { proposalId, workerId, requestId, employerId, siteId, hoursPerWeek, from, to, weekStarts, explanation } = proposal;
  const { skill, shortfallHoursCovered, releasedWeeks, continuity, consecutiveWeeks, distanceKm } = proposal.reasons;
  return {
    proposalId,
    workerId,
    requestId,
    employerId,
    siteId,
    hoursPerWeek,
    from,
    to,
    weekStarts: [...weekStarts],
    explanation,
    reasons: { skill, shortfallHoursCovered, releasedWeeks, continuity, consecutiveWeeks, distanceKm },
  };
}

function runIdFor(context: RequestContext): string {
  const tag = context.idempotency?.tag;
  return tag ? `run-${createHash('sha256').update(tag).digest('hex').slice(0, 20)}` : `run-${randomUUID()}`;
}
