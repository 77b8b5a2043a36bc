import { BadRequestException, Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { daysOfIsoWeek, DomainError, timesheetDecider, timesheetStreamId, type TimesheetCommand } from '@banenpool/domain';
import { comparePositions, formatPosition, parsePosition, WrongExpectedVersionError, type EventStore } from '@banenpool/event-store';
import { submittedSheetsOf } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { ReadModelsCatchUp, USE_CASE_EVENT_STORE } from '../shared/ports.js';
import { requireEmployerAccess, type RequestContext } from '../shared/request-context.js';
import { existing, existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor } from '../shared/use-case-executor.js';
import { approverOf } from './timesheet-access.js';

export interface WeekApprovalAnswer {
  employerId: string;
  week: string;
  /** 'timeout' when the timesheets read model had not caught up with the store: a sheet submitted just before may be missing. */
  consistency: 'reached' | 'timeout';
  /** Each sheet approved, with its stream's new version (the If-Match of a next command on it). */
  accepted: { timesheetId: string; version: number }[];
  /** Each sheet that could not be approved (changed meanwhile), with why. */
  refused: { timesheetId: string; code: string; reason: string }[];
  /** The last position written: pass as waitFor to read the sheets with their approvals. */
  position?: string;
}

/** Approves every submitted sheet of one employer's placements in one ISO week. */
export class ApproveTimesheetWeekCommand extends Command<WeekApprovalAnswer> {
  constructor(
    readonly employerId: string,
    readonly week: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * Finds the submitted sheets in the timesheets read model, once it has caught up with the store
 * (bounded wait), and approves each on its own stream as a single approval would: a sheet that
 * changed meanwhile is refused with the reason and the others are approved all the same. Each is
 * approved at the version it has then, so an If-Match, which names one stream's version, has no meaning here.
 */
@CommandHandler(ApproveTimesheetWeekCommand)
export class ApproveTimesheetWeekHandler implements ICommandHandler<ApproveTimesheetWeekCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModelsCatchUp,
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ employerId, week, context }: ApproveTimesheetWeekCommand): Promise<WeekApprovalAnswer> {
    requireEmployerAccess(context.caller, employerId);
    if (context.expectedVersion !== undefined) {
      throw new BadRequestException('If-Match does not apply to a bulk approval: each sheet is approved at the version it has');
    }
    const consistency = await this.caughtUp();
    const sheets = await submittedSheetsOf(this.dataSource, employerId, daysOfIsoWeek(week).from);
    const answer: WeekApprovalAnswer = { employerId, week, consistency, accepted: [], refused: [] };
    const positions: string[] = [];
    for (const timesheetId of sheets) {
      try {
        const written = await this.approve(timesheetId, context);
        answer.accepted.push({ timesheetId, version: written.version });
        if (written.position) positions.push(written.position);
      } catch (error) {
        answer.refused.push({ timesheetId, ...refusalOf(error) });
      }
    }
    const last = positions
      .map((p) => parsePosition(p)!)
      .sort(comparePositions)
      .at(-1);
    return { ...answer, ...(last ? { position: formatPosition(last) } : {}) };
  }

  private approve(timesheetId: string, context: RequestContext) {
    const what = `timesheet ${timesheetId}`;
    return this.executor.step(
      timesheetDecider,
      timesheetStreamId(timesheetId),
      (state): TimesheetCommand => ({ type: 'ApproveTimesheet', actor: approverOf(context.caller, existing(state, what).employerId) }),
      context,
      undefined,
      existingFor(context.caller, what),
    );
  }

  private async caughtUp(): Promise<WeekApprovalAnswer['consistency']> {
    const head = await this.store.headPosition();
    return head === undefined || (await this.readModels.waitFor(head)) ? 'reached' : 'timeout';
  }
}

/** A sheet that changed between the read model and its stream; anything else is no refusal and fails the request. */
function refusalOf(error: unknown): { code: string; reason: string } {
  if (error instanceof DomainError) return { code: error.code, reason: error.message };
  if (error instanceof WrongExpectedVersionError) {
    return { code: 'changed_meanwhile', reason: 'Others changed the sheet while it was being approved; read it again.' };
  }
  throw error;
}
