import { NotFoundException } from '@nestjs/common';
import type { TimesheetActor, TimesheetIdentity } from '@banenpool/domain';
import { requireEmployerAccess, type Caller } from '../shared/request-context.js';
import { parseTimesheetId } from './timesheet-facts.js';

/**
 * Who approves or rejects a sheet: the placement's own hirer, or an operator, whose decision is
 * recorded as taken on the hirer's behalf. Another employer's key is refused (403).
 */
export function approverOf(caller: Caller, employerId: string): TimesheetActor {
  requireEmployerAccess(caller, employerId);
  return caller.employerId === undefined ? { by: caller.label, onBehalfOf: employerId } : { by: caller.label };
}

/** The sheet an id names: its placement and week (404 for an id of another shape, which no sheet has). */
export function sheetNamed(timesheetId: string): Pick<TimesheetIdentity, 'timesheetId' | 'placementId' | 'week'> {
  const parsed = parseTimesheetId(timesheetId);
  if (!parsed) throw new NotFoundException(`No timesheet ${timesheetId}: a timesheet's id is <placementId>-<YYYY-Www>`);
  return { timesheetId, ...parsed };
}
