import { isoWeekOf, targetGroupStatusOn, type DatedTargetGroupStatus } from '@banenpool/domain';
import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import { approvalsToApply, paidMinutesOf, type Approval } from '../shared/approved-timesheets.js';
import { ERASED_NAME } from '../shared/erased.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';
import { insertRows, saveRows } from '../shared/rows.js';
import { mondayOfIsoWeek, quarterOfWeek } from '../shared/weeks.js';
import { BanenafspraakApprovedSheet, BanenafspraakMinutes, BanenafspraakStatus, BanenafspraakWorker } from './banenafspraak.entity.js';

/**
 * Banenafspraak attribution: the hours of target-group workers, counted at the hirer (the employer
 * of the placement), per ISO week and calendar quarter — the hours the hirer **approved** on the
 * worker's timesheets, on the days the worker is in the register by the status that holds that day.
 * A re-approval after a correction replaces the sheet's hours; a status recorded from a later date
 * leaves the weeks before it as they were. Recomputed per touched worker.
 *
 * Every hour type counts, sick, leave and public-holiday hours too: the jobs agreement is measured
 * in paid hours (the "verloonde uren" of the payroll records), and the pool pays those hours, so a
 * week of leave does not make a job disappear from the count.
 *
 * It also keeps every registered worker's name, so a hirer's statement names the workers behind its figures.
 *
 * An erasure (WorkerDataErased) blanks the name and replaces the worker's statuses with the register
 * periods the erasure retained (no wage value): the statuses in the log are unreadable after the key
 * is shredded, and the count of the hours already approved must stay what it was, live and rebuilt.
 */
export const banenafspraakProjection: Projection = readModel({
  name: 'banenafspraak',
  entities: [BanenafspraakMinutes, BanenafspraakStatus, BanenafspraakApprovedSheet, BanenafspraakWorker],
  eventTypes: ['WorkerRegistered', 'TargetGroupStatusRecorded', 'TimesheetApproved', 'WorkerDataErased'],
  async apply(events, manager) {
    await saveNames(events, manager);
    const workers = await mergeStatuses(events, manager);
    for (const workerId of await applyErasures(events, manager)) workers.add(workerId);
    for (const workerId of await mergeApprovals(events, manager)) workers.add(workerId);
    if (workers.size === 0) return;
    const ids = [...workers];
    const histories = await statusHistories(manager, ids);
    const sheets = await manager.find(BanenafspraakApprovedSheet, { where: { workerId: In(ids) } });
    await manager.delete(BanenafspraakMinutes, { workerId: In(ids) });
    await insertRows(
      manager,
      BanenafspraakMinutes,
      sheets.flatMap((sheet) => attributedMinutes(sheet, histories.get(sheet.workerId) ?? [])),
    );
  },
});

/** The row of one approved sheet: its minutes on the days the worker is in the register (none when there are none). */
export function attributedMinutes(sheet: BanenafspraakApprovedSheet, history: readonly DatedTargetGroupStatus[]): BanenafspraakMinutes[] {
  const minutes = Object.entries(sheet.minutesByDay)
    .filter(([day]) => targetGroupStatusOn(history, day)?.inRegister === true)
    .reduce((sum, [, dayMinutes]) => sum + dayMinutes, 0);
  if (minutes === 0) return [];
  return [
    {
      placementId: sheet.placementId,
      weekStart: sheet.weekStart,
      week: isoWeekOf(sheet.weekStart),
      quarter: quarterOfWeek(sheet.weekStart),
      hirerId: sheet.hirerId,
      workerId: sheet.workerId,
      minutes,
    },
  ];
}

/** Keeps each sheet's latest approval; returns the workers whose approved hours changed. */
async function mergeApprovals(events: readonly ProjectedEvent[], manager: EntityManager): Promise<Set<string>> {
  const { approvals, stored } = await approvalsToApply(manager, BanenafspraakApprovedSheet, events);
  if (approvals.length === 0) return new Set();
  const replaced = approvals.map((a) => a.timesheetId).filter((id) => stored.has(id));
  if (replaced.length > 0) await manager.delete(BanenafspraakApprovedSheet, { timesheetId: In(replaced) });
  await insertRows(manager, BanenafspraakApprovedSheet, approvals.flatMap(banenafspraakSheet));
  return new Set(approvals.map((a) => a.workerId));
}

/** The row of an approval; none for a week its year lacks (2027-W53), which the decider refuses and only a hand-made event has. */
export function banenafspraakSheet(approval: Approval): BanenafspraakApprovedSheet[] {
  const weekStart = mondayOfIsoWeek(approval.week);
  if (!weekStart) return [];
  const minutesByDay: Record<string, number> = {};
  for (const line of approval.lines) minutesByDay[line.day] = (minutesByDay[line.day] ?? 0) + paidMinutesOf(line);
  return [
    {
      timesheetId: approval.timesheetId,
      placementId: approval.placementId,
      weekStart,
      hirerId: approval.employerId,
      workerId: approval.workerId,
      approvedVersion: approval.approvedVersion,
      minutesByDay,
    },
  ];
}

/** The names of the workers the batch registers (a name never changes, so the same event again writes the same row). */
async function saveNames(events: readonly ProjectedEvent[], manager: EntityManager): Promise<void> {
  const names = events.flatMap((e) => (e.type === 'WorkerRegistered' ? [{ workerId: e.data.workerId, name: e.data.name }] : []));
  const erased = await erasedAmong(manager, names);
  await saveRows(
    manager,
    BanenafspraakWorker,
    names.filter((row) => !erased.has(row.workerId)),
    ['workerId'],
  );
}

/** Keeps every recorded status (by its revision: the same event twice is one row); returns the workers the batch recorded one for. */
async function mergeStatuses(events: readonly ProjectedEvent[], manager: EntityManager): Promise<Set<string>> {
  let rows = events.flatMap((e) =>
    e.type === 'TargetGroupStatusRecorded'
      ? [
          {
            workerId: e.data.workerId,
            revision: e.revision,
            inRegister: e.data.inRegister,
            validFrom: e.data.validFrom,
            validUntil: e.data.validUntil,
          },
        ]
      : [],
  );
  if (rows.length === 0) return new Set();
  // An erased worker's statuses are the periods the erasure retained: a replay of the recorded ones changes nothing.
  const erased = await erasedAmong(manager, rows);
  rows = rows.filter((row) => !erased.has(row.workerId));
  await manager.query(
    `INSERT INTO rm_banenafspraak_statuses (worker_id, revision, in_register, valid_from, valid_until)
     SELECT * FROM unnest($1::text[], $2::int[], $3::boolean[], $4::date[], $5::date[])
     ON CONFLICT (worker_id, revision) DO NOTHING`,
    [
      rows.map((r) => r.workerId),
      rows.map((r) => r.revision),
      rows.map((r) => r.inRegister),
      rows.map((r) => r.validFrom ?? null),
      rows.map((r) => r.validUntil ?? null),
    ],
  );
  return new Set(rows.map((r) => r.workerId));
}

/** Those of the workers whose data was erased before this batch (their name is the placeholder). */
async function erasedAmong(manager: EntityManager, rows: readonly { workerId: string }[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const ids = [...new Set(rows.map((row) => row.workerId))];
  const erased = await manager.find(BanenafspraakWorker, { where: { workerId: In(ids), name: ERASED_NAME } });
  return new Set(erased.map((row) => row.workerId));
}

/** Blanks each erased worker's name and puts the retained register periods in place of their statuses; returns the workers erased. */
async function applyErasures(events: readonly ProjectedEvent[], manager: EntityManager): Promise<Set<string>> {
  const erased = new Set<string>();
  for (const event of events) {
    if (event.type !== 'WorkerDataErased') continue;
    const { workerId, retained } = event.data;
    await saveRows(manager, BanenafspraakWorker, [{ workerId, name: ERASED_NAME }], ['workerId']);
    await manager.delete(BanenafspraakStatus, { workerId });
    const statuses = retained.targetGroupStatuses.map(({ inRegister, validFrom, validUntil }, revision) => ({
      workerId,
      revision, // the order recorded, which is all targetGroupStatusOn needs
      inRegister,
      validFrom: validFrom ?? null,
      validUntil: validUntil ?? null,
    }));
    await insertRows(manager, BanenafspraakStatus, statuses);
    erased.add(workerId);
  }
  return erased;
}

/** Each worker's statuses in the order recorded, as targetGroupStatusOn reads them. */
async function statusHistories(manager: EntityManager, workerIds: readonly string[]): Promise<Map<string, DatedTargetGroupStatus[]>> {
  const rows = await manager.find(BanenafspraakStatus, { where: { workerId: In([...workerIds]) }, order: { revision: 'ASC' } });
  const histories = new Map<string, DatedTargetGroupStatus[]>();
  for (const { workerId, inRegister, validFrom, validUntil } of rows) {
    const history = histories.get(workerId) ?? [];
    history.push({ inRegister, validFrom: validFrom ?? undefined, validUntil: validUntil ?? undefined });
    histories.set(workerId, history);
  }
  return histories;
}
