import { BadRequestException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  claimMonthDays,
  decisionDaysIn,
  decisionsInForce,
  lksDecider,
  lksStreamId,
  monthClaimOf,
  requireMonthPaid,
  type DecisionInForce,
  type LksCommand,
  type LksState,
  type RuleBook,
} from '@banenpool/domain';
import { comparePositions, formatPosition, parsePosition } from '@banenpool/event-store';
import { finalizedPaysOf, lastFinalizedDay, workersWithDecisionsDuring } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { mapBounded } from '../payroll/collections.js';
import { PayRunInputs } from '../payroll/pay-run-inputs.js';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import type { RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';

/** Workers claimed at once: each is a few reads and an append on the worker's own stream. */
const WORKERS_IN_FLIGHT = 8;

/** A claim a calculation recorded: a month's first, or a correction of the one it names. */
export interface RecordedLksClaim {
  claimId: string;
  workerId: string;
  municipality: string;
  decisionId: string;
  totalCents: number;
  corrects?: string;
}

export interface LksClaimsCalculated {
  month: string;
  municipality?: string;
  claims: RecordedLksClaim[];
  /** Decisions in force in the month whose claim stands as calculated before, or that had no paid hours. */
  unchanged: number;
  /** The facts recorded, by type. */
  events: string[];
  /** The last position written: pass as waitFor to read the claims. */
  position?: string;
}

/**
 * Calculates the claims of a month for every worker with a decision in force in it (of one
 * municipality, or all): from the hours the finalized runs paid, read from the pay-runs read model.
 */
export class CalculateLksClaimsCommand extends Command<LksClaimsCalculated> {
  constructor(
    readonly month: string,
    readonly municipality: string | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

interface Claimed {
  claim?: RecordedLksClaim;
  accepted: CommandAccepted;
}

/**
 * Refused (422 month_not_paid) until the month's pay is final. Each worker's stream gets one
 * calculation per decision in force in the month; the decider records it only when it is the
 * month's first or its figures differ from the latest claim's, so calculating a month again (or a
 * retry after a failure) records only what changed, as corrections.
 */
@CommandHandler(CalculateLksClaimsCommand)
export class CalculateLksClaimsHandler implements ICommandHandler<CalculateLksClaimsCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
    private readonly dataSource: DataSource,
    private readonly inputs: PayRunInputs,
    private readonly rules: RuleBookReader,
  ) {}

  async execute({ month, municipality, context }: CalculateLksClaimsCommand): Promise<LksClaimsCalculated> {
    if (context.expectedVersion !== undefined) {
      throw new BadRequestException(
        'If-Match does not apply to a calculation of claims: each worker’s stream is written at the version it has',
      );
    }
    const days = claimMonthDays(month);
    await this.inputs.caughtUp();
    requireMonthPaid(month, await lastFinalizedDay(this.dataSource));
    const [rules, workerIds] = await Promise.all([this.rules.read(), workersWithDecisionsDuring(this.dataSource, days, municipality)]);
    const claimed = (
      await mapBounded(workerIds, WORKERS_IN_FLIGHT, (workerId) => this.claimWorker({ workerId, month, municipality, rules }, context))
    ).flat();
    const last = claimed
      .flatMap(({ accepted }) => (accepted.position ? [parsePosition(accepted.position)!] : []))
      .sort(comparePositions)
      .at(-1);
    return {
      month,
      ...(municipality !== undefined && { municipality }),
      claims: claimed.flatMap(({ claim }) => claim ?? []),
      unchanged: claimed.filter(({ claim }) => claim === undefined).length,
      events: claimed.flatMap(({ accepted }) => accepted.events),
      ...(last && { position: formatPosition(last) }),
    };
  }

  private async claimWorker(
    input: { workerId: string; month: string; municipality?: string; rules: RuleBook },
    context: RequestContext,
  ): Promise<Claimed[]> {
    const { workerId, month, municipality } = input;
    const streamId = lksStreamId(workerId);
    const [{ state }, runs] = await Promise.all([
      this.streams.load(lksDecider, streamId),
      finalizedPaysOf(this.dataSource, workerId, claimMonthDays(month).from),
    ]);
    if (state.status === 'none') return [];
    // In force in the month, or claimed for it before a later decision took its days (then corrected to nothing).
    const claimedFor = new Set(state.claims.filter((c) => c.month === month).map((c) => c.decisionId));
    const decisions = decisionsInForce(state.decisions).filter(
      (d) =>
        (municipality === undefined || d.decision.municipality === municipality) &&
        (decisionDaysIn(month, d) !== undefined || claimedFor.has(d.decision.decisionId)),
    );
    const claimed: Claimed[] = [];
    // One after the other: each is an append on the same stream.
    for (const decision of decisions) {
      const { payRunIds, ...figures } = monthClaimOf(runs, month, decision, input.rules);
      let claim: RecordedLksClaim | undefined;
      const command = (current: LksState): LksCommand => {
        const claims = current.status === 'none' ? [] : current.claims;
        const claimId = `${workerId}.${month}.${claims.filter((c) => c.month === month).length + 1}`;
        const corrects = claims.findLast((c) => c.month === month && c.decisionId === decision.decision.decisionId)?.claimId;
        claim = recorded(decision, claimId, figures.totalCents, corrects);
        return {
          type: 'CalculateLksClaim',
          claimId,
          month,
          decisionId: decision.decision.decisionId,
          payRunIds,
          figures,
          by: context.caller.label,
        };
      };
      const accepted = await this.executor.step(lksDecider, streamId, command, context);
      claimed.push({ accepted, ...(accepted.events.length > 0 && { claim }) });
    }
    return claimed;
  }
}

const recorded = ({ decision }: DecisionInForce, claimId: string, totalCents: number, corrects: string | undefined): RecordedLksClaim => ({
  claimId,
  workerId: decision.workerId,
  municipality: decision.municipality,
  decisionId: decision.decisionId,
  totalCents,
  ...(corrects !== undefined && { corrects }),
});
