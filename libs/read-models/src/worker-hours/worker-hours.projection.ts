import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import { approvalsToApply, paidMinutesOf, type Approval } from '../shared/approved-timesheets.js';
import { CONTRACT_EVENT_TYPES, mergeContractFacts } from '../shared/contract-facts.js';
import {
  isActive,
  mergePlacementFacts,
  storedBefore,
  PLACEMENT_EVENT_TYPES,
  workedPeriod,
  type PlacementFacts,
} from '../shared/placement-facts.js';
import { insertRows, insertWeeklyRows, type WeeklyRows } from '../shared/rows.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { WorkerHoursApprovedSheet, WorkerHoursContract, WorkerHoursPlacement, WorkerHoursPlacementWeek } from './worker-hours.entity.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';

/**
 * Worker hours: the contracts (guaranteed and maximum hours a week), per confirmed placement the
 * ISO weeks it is worked with its hours (what planning and allocation count on), and per timesheet
 * the minutes the hirer approved (what was worked and is paid). The query puts them together per
 * worker and week — an indefinite contract has no last week, so the weeks are the ones asked for, not stored.
 */
export const workerHoursProjection: Projection = readModel({
  name: 'worker-hours',
  entities: [WorkerHoursPlacementWeek, WorkerHoursContract, WorkerHoursPlacement, WorkerHoursApprovedSheet],
  eventTypes: [...CONTRACT_EVENT_TYPES, 'TimesheetApproved', ...PLACEMENT_EVENT_TYPES],
  async apply(events, manager) {
    await mergeContractFacts(manager, WorkerHoursContract, events);
    await mergeApprovals(manager, events);
    const placements = await mergePlacementFacts(manager, WorkerHoursPlacement, events);
    if (placements.size === 0) return;
    const stale = storedBefore(placements);
    if (stale.length > 0) await manager.delete(WorkerHoursPlacementWeek, { placementId: In(stale) });
    await insertWeeklyRows(manager, WorkerHoursPlacementWeek, [...placements.values()].flatMap(placementWeeks));
  },
});

function placementWeeks(facts: PlacementFacts): WeeklyRows<WorkerHoursPlacementWeek>[] {
  if (!isActive(facts)) return [];
  const period = workedPeriod(facts);
  if (!period) return [];
  const row = {
    placementId: facts.placementId,
    workerId: facts.workerId,
    employerId: facts.employerId,
    siteId: facts.siteId,
    functionName: facts.functionName,
    hoursQuarters: facts.hoursQuarters,
  };
  return [{ row, period }];
}

async function mergeApprovals(manager: EntityManager, events: readonly ProjectedEvent[]): Promise<void> {
  const { approvals, stored } = await approvalsToApply(manager, WorkerHoursApprovedSheet, events);
  if (approvals.length === 0) return;
  const replaced = approvals.map((a) => a.timesheetId).filter((id) => stored.has(id));
  if (replaced.length > 0) await manager.delete(WorkerHoursApprovedSheet, { timesheetId: In(replaced) });
  await insertRows(manager, WorkerHoursApprovedSheet, approvals.flatMap(approvedSheet));
}

/** The row of an approval; none for a week its year lacks (2027-W53), which the decider refuses and only a hand-made event has. */
function approvedSheet(approval: Approval): WorkerHoursApprovedSheet[] {
  const weekStart = mondayOfIsoWeek(approval.week);
  if (!weekStart) return [];
  return [
    {
      timesheetId: approval.timesheetId,
      placementId: approval.placementId,
      weekStart,
      workerId: approval.workerId,
      employerId: approval.employerId,
      approvedVersion: approval.approvedVersion,
      minutes: approval.lines.reduce((sum, line) => sum + paidMinutesOf(line), 0),
    },
  ];
}
