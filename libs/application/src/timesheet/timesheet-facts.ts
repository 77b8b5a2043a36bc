import { Injectable } from '@nestjs/common';
import {
  closuresOf,
  employerDecider,
  employerStreamId,
  isoWeekOf,
  isPaid,
  registeredWorker,
  laterOf,
  overlaps,
  placementDecider,
  placementStreamId,
  refuse,
  registeredReachOf,
  shiftsOf,
  timesheetDecider,
  timesheetIdOf,
  timesheetStreamId,
  weekStartsIn,
  workedLastDay,
  workerDecider,
  workerStreamId,
  type HoursCommitment,
  type PaidPlacement,
  type Period,
  type Placement,
  type RegisteredShift,
  type TimesheetFacts,
  type TimesheetIdentity,
} from '@banenpool/domain';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import { StreamStates } from '../shared/stream-states.js';

/** A sheet's id is `<placementId>-<YYYY-Www>`: the placement and ISO week it holds the hours of. */
const TIMESHEET_ID = /^(.+)-(\d{4}-W\d{2})$/;

/** The placement and week of a timesheet id, or undefined when it has not that shape. */
export function parseTimesheetId(timesheetId: string): { placementId: string; week: string } | undefined {
  const match = TIMESHEET_ID.exec(timesheetId);
  return match ? { placementId: match[1], week: match[2] } : undefined;
}

/**
 * Reads what registering or correcting a sheet's hours is checked against: the placement's worked
 * days, the closures of its site, the worker's birth date, the rule tables, and the worker's work
 * registered on every other sheet within reach of the week (every hirer's, read from the streams).
 */
@Injectable()
export class TimesheetFactsReader {
  constructor(
    private readonly streams: StreamStates,
    private readonly rules: RuleBookReader,
  ) {}

  /** The placement a sheet is of (404 when there is none): its employer says who may reach the sheet. */
  async placement(placementId: string): Promise<Placement> {
    return (await this.streams.existing(placementDecider, placementStreamId(placementId), `placement ${placementId}`)).state;
  }

  async read(sheet: Pick<TimesheetIdentity, 'timesheetId' | 'placementId' | 'week'>): Promise<TimesheetFacts> {
    const placement = paid(await this.placement(sheet.placementId));
    const [{ state: hirer }, { state: worker }, rules] = await Promise.all([
      this.streams.load(employerDecider, employerStreamId(placement.employerId)),
      this.streams.existing(workerDecider, workerStreamId(placement.workerId), `worker ${placement.workerId}`),
      this.rules.read(),
    ]);
    const { placementId, workerId, employerId } = placement;
    return {
      placement: { placementId, workerId, employerId, period: { from: placement.period.from, to: workedLastDay(placement) } },
      closures: closuresOf(hirer, placement.siteId).map(({ period, reason }) => ({ period, reason })),
      worker: { birthDate: registeredWorker(worker).birthDate },
      otherShifts: await this.otherShifts(worker.commitments, sheet),
      rules,
    };
  }

  /**
   * The lines now on the worker's other sheets within reach of the week: a sheet per placement of
   * the worker's commitments and ISO week in the reach, read from its stream (most do not exist).
   */
  private async otherShifts(
    commitments: readonly HoursCommitment[],
    { timesheetId, week }: Pick<TimesheetIdentity, 'timesheetId' | 'week'>,
  ): Promise<RegisteredShift[]> {
    const reach = registeredReachOf(week);
    const sheetIds = commitments
      .filter((c) => overlaps(c.period, reach))
      .flatMap((c) => weekStartsIn(within(c.period, reach)).map((monday) => timesheetIdOf(c.placementId, isoWeekOf(monday))))
      .filter((id) => id !== timesheetId);
    const sheets = await Promise.all([...new Set(sheetIds)].map((id) => this.streams.load(timesheetDecider, timesheetStreamId(id))));
    return sheets.flatMap(({ state }) => (state.status === 'none' ? [] : shiftsOf(state.timesheetId, state.lines)));
  }
}

/** Hours are registered only on a placement that is (or was) worked. */
function paid(placement: Placement): PaidPlacement {
  if (!isPaid(placement)) {
    refuse(
      'placement_not_confirmed',
      `Placement ${placement.placementId} is ${placement.status}: hours are registered only on a confirmed or ended placement.`,
    );
  }
  return placement;
}

const within = (period: Period, bounds: Period): Period => ({
  from: laterOf(period.from, bounds.from),
  to: period.to < bounds.to ? period.to : bounds.to,
});
