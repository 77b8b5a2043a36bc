import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  conflict,
  DomainError,
  payRunDecider,
  payRunStreamId,
  timesheetDecider,
  timesheetStreamId,
  type PayRunFinalized,
} from '@banenpool/domain';
import { WrongExpectedVersionError } from '@banenpool/event-store';
import type { RequestContext } from '../shared/request-context.js';
import { StreamStates } from '../shared/stream-states.js';
import { UseCaseExecutor } from '../shared/use-case-executor.js';
import { mapBounded } from './collections.js';
import type { PayRunAccepted } from './calculate-pay-run.handler.js';
import { PayRunCalculation } from './pay-run-calculation.js';

/** Locks on timesheets at once: each is a read and an append on its own stream. */
const LOCKS_IN_FLIGHT = 8;

type LockedTimesheet = PayRunFinalized['data']['timesheets'][number];

export type PayRunFinalizedAnswer = PayRunAccepted & { lockedTimesheets: number };

/** Makes a run's latest attempt final: every sheet it paid is locked at the approval it paid, then the run is finalized. */
export class FinalizePayRunCommand extends Command<PayRunFinalizedAnswer> {
  constructor(
    readonly periodId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * The sheets to lock are the ones the decider's finalization names (worked out on the run as read,
 * nothing appended yet). They are locked first: a crash or a refusal halfway leaves the run open,
 * and a retry carries on, as a lock at the same approval is recorded once. A sheet approved again
 * since the run paid it refuses its lock (409): the run must be recalculated first. The run is then
 * finalized at the version read, so a recalculation meanwhile (which may pay other approvals) is a 409 too.
 */
@CommandHandler(FinalizePayRunCommand)
export class FinalizePayRunHandler implements ICommandHandler<FinalizePayRunCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly streams: StreamStates,
    private readonly calculation: PayRunCalculation,
  ) {}

  async execute({ periodId, context }: FinalizePayRunCommand): Promise<PayRunFinalizedAnswer> {
    const { id: payRunId } = this.calculation.periodOf(periodId);
    const streamId = payRunStreamId(payRunId);
    const { state, version } = await this.streams.load(payRunDecider, streamId);
    if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
      throw new WrongExpectedVersionError(streamId, context.expectedVersion, version < 0 ? undefined : version);
    }
    const finalization = { type: 'FinalizePayRun', by: context.caller.label } as const;
    const timesheets = payRunDecider
      .decide(finalization, state, new Date())
      .flatMap((event) => (event.type === 'PayRunFinalized' ? event.data.timesheets : []));
    await mapBounded(timesheets, LOCKS_IN_FLIGHT, (sheet) => this.lock(payRunId, sheet, context));
    const accepted = await this.executor.step(payRunDecider, streamId, finalization, context, version);
    return { payRunId, ...accepted, lockedTimesheets: timesheets.length };
  }

  private async lock(payRunId: string, { timesheetId, approvedVersion }: LockedTimesheet, context: RequestContext): Promise<void> {
    try {
      await this.executor.step(
        timesheetDecider,
        timesheetStreamId(timesheetId),
        { type: 'LockTimesheet', payRunId, approvedVersion },
        context,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      conflict(
        'timesheet_changed_since_pay_run',
        `Timesheet ${timesheetId} changed after pay run ${payRunId} paid its approval ${approvedVersion}: ${error.message} ` +
          'Recalculate the run, then finalize it.',
      );
    }
  }
}
