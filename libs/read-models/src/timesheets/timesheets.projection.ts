import { assertNever, timesheetEvents, type TimesheetEvent } from '@banenpool/domain';
import type { Projection } from '@banenpool/projector';
import { readModel, typesOf, type ProjectedEvent } from '../shared/projected-events.js';
import { saveRows } from '../shared/rows.js';
import { anyOf } from '../shared/sql.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { TimesheetRow } from './timesheets.entity.js';

type TimesheetProjectedEvent = ProjectedEvent & TimesheetEvent;

const isTimesheetEvent = (event: ProjectedEvent): event is TimesheetProjectedEvent => Object.hasOwn(timesheetEvents, event.type);

/**
 * Timesheets: one row per sheet, folded from its stream in revision order. A sheet's events do not
 * commute (a correction replaces the lines, an approval follows a submission), so each row keeps the
 * count of its stream's events folded in: a batch is sorted by revision and an event the row has
 * already seen is passed over. Applying the feed again, or a stream's events in another order within
 * a batch, gives the same row.
 */
export const timesheetsProjection: Projection = readModel({
  name: 'timesheets',
  entities: [TimesheetRow],
  eventTypes: typesOf(timesheetEvents),
  async apply(events, manager) {
    const sheetEvents = events.filter(isTimesheetEvent).sort((a, b) => a.revision - b.revision);
    if (sheetEvents.length === 0) return;
    const ids = [...new Set(sheetEvents.map((e) => e.data.timesheetId))];
    const rows = new Map((await manager.findBy(TimesheetRow, { timesheetId: anyOf(ids) })).map((row) => [row.timesheetId, row]));
    const changed = new Set<string>();
    for (const event of sheetEvents) {
      const id = event.data.timesheetId;
      const row = rows.get(id);
      if (row && event.revision < row.eventCount) continue;
      const next = applyTimesheetEvent(row, event);
      if (!next) continue;
      rows.set(id, { ...next, eventCount: event.revision + 1 });
      changed.add(id);
    }
    await saveRows(
      manager,
      TimesheetRow,
      [...changed].map((id) => rows.get(id)!),
      ['timesheetId'],
    );
  },
});

/**
 * One event folded into the sheet's row (event count aside). The first event of every sheet is
 * HoursRegistered, which names its placement, worker, hirer and week; any other event before it
 * (a hand-made stream) leaves no row.
 */
export function applyTimesheetEvent(row: TimesheetRow | undefined, event: TimesheetEvent): TimesheetRow | undefined {
  if (event.type === 'HoursRegistered') {
    const { timesheetId, placementId, workerId, employerId, week, lines } = event.data;
    const monday = mondayOfIsoWeek(week);
    if (monday === undefined) return row;
    const registered = { placementId, workerId, employerId, week, monday, status: 'draft' as const, lines };
    return row ? { ...row, ...registered } : { timesheetId, ...registered, ...NOT_YET_APPROVED, eventCount: 0 };
  }
  if (!row) return undefined;
  switch (event.type) {
    case 'TimesheetSubmitted':
      return { ...row, status: 'submitted' };
    case 'TimesheetApproved': {
      const { lines, approvedVersion, by, onBehalfOf } = event.data;
      return {
        ...row,
        status: 'approved',
        lines,
        approvedVersion,
        approvedLines: lines,
        approvedBy: by,
        onBehalfOf: onBehalfOf ?? null,
        rejectionReason: null,
      };
    }
    case 'TimesheetRejected':
      return { ...row, status: 'rejected', rejectionReason: event.data.reason };
    case 'TimesheetLocked':
      return { ...row, lockedByPayRun: event.data.payRunId, lockedVersion: event.data.approvedVersion };
    case 'TimesheetCorrected':
      // Corrected lines go back to the hirer for approval; the approved ones stay what is paid until then.
      return { ...row, status: 'submitted', lines: event.data.lines };
    default:
      return assertNever(event);
  }
}

const NOT_YET_APPROVED = {
  approvedVersion: null,
  approvedLines: null,
  approvedBy: null,
  onBehalfOf: null,
  lockedByPayRun: null,
  lockedVersion: null,
  rejectionReason: null,
} as const;
