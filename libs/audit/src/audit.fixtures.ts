import { decideInOrder, ROUNDING_RULE, RULE_TABLE_SEED, type CaoEvent, type EmployerEvent, type PlacementTerms } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { sampleContent } from '../../domain/src/cao/cao.fixtures.js';
import type { AuditSubject } from './audit-subject.js';
import { NO_RELATED_EVENTS, type SubjectEvents } from './subject-events.js';

let position = 0n;

/** A stored event as the store would give it back, recorded at `at` by `actor`, in feed order of creation. */
export function recorded(
  streamId: string,
  revision: number,
  type: string,
  data: unknown,
  at: string,
  actor = 'operator:anna',
): RecordedEvent {
  position += 1n;
  return {
    eventId: `e-${position}`,
    streamId,
    revision,
    position: { commit: position, prepare: position },
    type,
    schemaVersion: 1,
    data,
    metadata: { actor, correlationId: `corr-${position}` },
    recordedAt: new Date(at),
    hash: position.toString(16).padStart(64, '0'),
  };
}

export const BIRTH_DATE = '1990-05-10';
const horeca = (scaleA: number[]) => sampleContent({ wageScales: { A: scaleA } });
const caoData: CaoEvent[] = [
  { type: 'CaoRegistered', data: { code: 'horeca', name: 'CAO Horeca' } },
  { type: 'CaoVersionPublished', data: { code: 'horeca', effectiveFrom: '2026-01-01', content: horeca([1471, 1500]) } },
];
const correction: CaoEvent = {
  type: 'CaoVersionCorrected',
  data: { code: 'horeca', effectiveFrom: '2026-01-01', revision: 1, content: horeca([1502, 1530]), reason: 'Scale A was typed wrong' },
};
const summerVersion: CaoEvent = {
  type: 'CaoVersionPublished',
  data: { code: 'horeca', effectiveFrom: '2026-06-01', content: horeca([1560, 1590]) },
};
const employerData: EmployerEvent[] = [
  { type: 'EmployerJoinedPool', data: { employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2025-01-01' } },
  { type: 'CaoApplied', data: { employerId: 'waarbeek', caoCode: 'horeca', from: '2025-01-01' } },
  { type: 'FunctionClassified', data: { employerId: 'waarbeek', functionName: 'host', caoCode: 'horeca', scale: 'A', from: '2025-01-01' } },
];
/** The minimum-wage table as shipped: it runs until 30 June 2026. */
const minimumWageData = decideInOrder(RULE_TABLE_SEED['minimum-wage'], new Date('2025-12-01T09:00:00Z'));

const terms: PlacementTerms = {
  placementId: 'p1',
  workerId: 'anna',
  employerId: 'waarbeek',
  siteId: 'park',
  functionName: 'host',
  legalForm: 'payroll',
  hoursPerWeek: 24,
  period: { from: '2026-01-05', to: '2026-09-30' },
  billRateCents: 2950,
};
/** PlacementConfirmed as schema version 1 recorded it: the pay of the whole placement, resolved for its first day. */
const confirmedV1 = {
  ...terms,
  pay: {
    hourlyCents: 1471,
    wageBasis: 'cao',
    cao: {
      code: 'horeca',
      versionFrom: '2026-01-01',
      revision: 0,
      scale: 'A',
      step: 0,
      scaleHourlyCents: 1471,
      youthBp: 10000,
      hourlyCents: 1471,
    },
    minimumWage: { tableVersion: '2026-01-01', age: 35, youthBp: 10000, hourlyCents: 1471 },
  },
  appliesHirerConditions: true,
};

/**
 * Anna's placement p1 at the park, confirmed on 2 January (under schema version 1) at € 14,71 (CAO
 * horeca version 2026-01-01 revision 0); on 4 March the CAO version is corrected to € 15,02 from
 * 1 January; on 20 May a version from 1 June is published; on 10 June the placement is extended to
 * the end of 2026, past the minimum-wage table.
 */
export function placementScenario(): SubjectEvents {
  position = 0n;
  const cao = [
    recorded('cao-horeca', 0, caoData[0].type, caoData[0].data, '2025-12-01T09:00:00Z'),
    recorded('cao-horeca', 1, caoData[1].type, caoData[1].data, '2025-12-01T09:05:00Z'),
  ];
  const minimumWage = minimumWageData.map((e, i) =>
    recorded('rules-minimum-wage', i, e.type, e.data, '2025-12-01T09:10:00Z', 'system:rule-table-seed'),
  );
  const employer = employerData.map((e, i) => recorded('employer-waarbeek', i, e.type, e.data, '2025-12-01T09:20:00Z'));
  const workerRegistration = [
    recorded(
      'worker-anna',
      0,
      'WorkerRegistered',
      {
        workerId: 'anna',
        name: 'Anna',
        birthDate: BIRTH_DATE,
        homeArea: 'Enschede',
        skills: [],
        availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
      },
      '2025-12-02T10:00:00Z',
    ),
  ];
  const stream = [
    recorded('placement-p1', 0, 'PlacementProposed', terms, '2026-01-02T10:00:00Z'),
    recorded('placement-p1', 1, 'PlacementConfirmed', confirmedV1, '2026-01-02T11:00:00Z'),
  ];
  cao.push(recorded('cao-horeca', 2, correction.type, correction.data, '2026-03-04T14:00:00Z'));
  cao.push(recorded('cao-horeca', 3, summerVersion.type, summerVersion.data, '2026-05-20T08:00:00Z', 'operator:bram'));
  stream.push(
    recorded(
      'placement-p1',
      2,
      'PlacementExtended',
      { placementId: 'p1', previousTo: '2026-09-30', to: '2026-12-31' },
      '2026-06-10T12:00:00Z',
    ),
  );
  const subject: AuditSubject = { kind: 'placement', id: 'p1' };
  return { subject, streamId: 'placement-p1', stream, own: stream, employer, cao, workerRegistration, minimumWage };
}

const EMPLOYER_KEY = 'employer:planning@visschedijk';
const sheetLine = (day: string, hourType = 'normal') => ({ day, start: '08:00', end: '16:30', breakMinutes: 30, hourType });

/**
 * Anna's timesheet of week 2026-W45 at Visschedijk: registered and submitted by the hirer, rejected
 * (Wednesday was a sick day), corrected and approved by an operator on Visschedijk's behalf, locked
 * by pay run 2026-11, then corrected again (a forgotten Thursday) and approved by the hirer.
 */
export function timesheetScenario(): SubjectEvents {
  position = 100n;
  const timesheetId = 'anna-winter-2026-W45';
  const streamId = `timesheet-${timesheetId}`;
  const sheet = { timesheetId, placementId: 'anna-winter', workerId: 'anna', employerId: 'visschedijk', week: '2026-W45' };
  const worked = [sheetLine('2026-11-02'), sheetLine('2026-11-03'), sheetLine('2026-11-04')];
  const sick = [sheetLine('2026-11-02'), sheetLine('2026-11-03'), sheetLine('2026-11-04', 'sick')];
  const withThursday = [...sick, sheetLine('2026-11-05')];
  const events: [string, unknown, string, string][] = [
    ['HoursRegistered', { ...sheet, lines: worked, by: EMPLOYER_KEY }, '2026-11-06T16:00:00Z', EMPLOYER_KEY],
    ['TimesheetSubmitted', { timesheetId, by: EMPLOYER_KEY }, '2026-11-06T16:05:00Z', EMPLOYER_KEY],
    ['TimesheetRejected', { timesheetId, reason: 'Wednesday was a sick day', by: EMPLOYER_KEY }, '2026-11-09T09:00:00Z', EMPLOYER_KEY],
    [
      'TimesheetCorrected',
      { timesheetId, lines: sick, reason: 'Wednesday sick', by: 'operator:anna' },
      '2026-11-09T10:00:00Z',
      'operator:anna',
    ],
    [
      'TimesheetApproved',
      { ...sheet, lines: sick, approvedVersion: 1, by: 'operator:anna', onBehalfOf: 'visschedijk' },
      '2026-11-09T11:00:00Z',
      'operator:anna',
    ],
    ['TimesheetLocked', { timesheetId, payRunId: '2026-11', approvedVersion: 1 }, '2026-12-03T10:00:00Z', 'operator:bram'],
    [
      'TimesheetCorrected',
      { timesheetId, lines: withThursday, reason: 'Thursday was forgotten', by: EMPLOYER_KEY },
      '2026-12-10T10:00:00Z',
      EMPLOYER_KEY,
    ],
    ['TimesheetApproved', { ...sheet, lines: withThursday, approvedVersion: 2, by: EMPLOYER_KEY }, '2026-12-11T10:00:00Z', EMPLOYER_KEY],
  ];
  const stream = events.map(([type, data, at, actor], revision) => recorded(streamId, revision, type, data, at, actor));
  return { subject: { kind: 'timesheet', id: timesheetId }, streamId, stream, own: stream, ...NO_RELATED_EVENTS };
}

const NO_MONEY = { surchargeCents: 0, pensionEmployeeCents: 0, pensionEmployerCents: 0 };

/** Eight hours of a line of a sheet of week 2026-W45, paid at € 16,00 (CAO schoonmaak 2026-01-01, scale A step 0) plus 8 % holiday allowance. */
function payLine(placementId: string, lineIndex: number, day: string, hourType = 'normal') {
  return {
    timesheetId: `${placementId}-2026-W45`,
    timesheetVersion: 1,
    lineIndex,
    placementId,
    employerId: 'visschedijk',
    day,
    hourType,
    minutes: 480,
    wage: {
      day,
      hourlyCents: 1600,
      basis: 'cao',
      age: 36,
      cao: {
        code: 'schoonmaak',
        effectiveFrom: '2026-01-01',
        revision: 0,
        scale: 'A',
        step: 0,
        scaleHourlyCents: 1600,
        youthBp: 10_000,
        hourlyCents: 1600,
      },
      minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-07-01', revision: 0 }, youthBp: 10_000, hourlyCents: 1440 },
    },
    rates: {
      wageShareBp: 10_000,
      surchargeBp: 0,
      surchargedMinutes: 0,
      holidayAllowanceBp: 800,
      pensionEmployeeBp: 0,
      pensionEmployerBp: 0,
      leaveAccrualBp: 1000,
    },
    amounts: { wageCents: 12_800, holidayAllowanceCents: 1024, ...NO_MONEY },
    leaveAccruedMinutes: 48,
    rules: [{ table: 'holiday-allowance', effectiveFrom: '2026-01-01', revision: 0 }],
  };
}

/** A worker's lines of an attempt with their totals (each line € 128,00 wage and € 10,24 holiday allowance). */
function workerLines(attempt: number, workerId: string, lines: ReturnType<typeof payLine>[]) {
  const totals = {
    wageCents: 12_800 * lines.length,
    holidayAllowanceCents: 1024 * lines.length,
    ...NO_MONEY,
    paidMinutes: 480 * lines.length,
    topUpMinutes: 0,
    leaveAccruedMinutes: 48 * lines.length,
    grossCents: 13_824 * lines.length,
  };
  return { payRunId: '2026-11', attempt, workerId, lines, topUps: [], differences: [], totals };
}

/**
 * Pay run 2026-11 (November 2026): calculated on 1 December for Anna and Cem while Bram's sheet
 * awaited approval, recalculated on 2 December with Bram, finalized on 3 December.
 */
export function payRunScenario(): SubjectEvents {
  position = 200n;
  const streamId = 'pay-run-2026-11';
  const period = { id: '2026-11', kind: 'month', from: '2026-11-01', to: '2026-11-30' };
  const started = (attempt: number, unpaid: unknown[]) => ({ payRunId: '2026-11', period, attempt, rounding: ROUNDING_RULE, unpaid });
  const anna = [payLine('anna-winter', 0, '2026-11-02'), payLine('anna-winter', 2, '2026-11-04', 'sick')];
  const cem = [payLine('cem-winter', 0, '2026-11-02')];
  const bram = [payLine('bram-winter', 1, '2026-11-03')];
  const bramUnpaid = {
    timesheetId: 'bram-winter-2026-W45',
    workerId: 'bram',
    employerId: 'visschedijk',
    week: '2026-W45',
    status: 'submitted',
  };
  const events: [string, unknown, string][] = [
    ['PayRunStarted', started(1, [bramUnpaid]), '2026-12-01T09:00:00Z'],
    ['PayLinesCalculated', workerLines(1, 'anna', anna), '2026-12-01T09:00:00Z'],
    ['PayLinesCalculated', workerLines(1, 'cem', cem), '2026-12-01T09:00:00Z'],
    ['PayRunStarted', started(2, []), '2026-12-02T09:00:00Z'],
    ['PayLinesCalculated', workerLines(2, 'anna', anna), '2026-12-02T09:00:00Z'],
    ['PayLinesCalculated', workerLines(2, 'bram', bram), '2026-12-02T09:00:00Z'],
    ['PayLinesCalculated', workerLines(2, 'cem', cem), '2026-12-02T09:00:00Z'],
    [
      'PayRunFinalized',
      {
        payRunId: '2026-11',
        attempt: 2,
        by: 'operator:bram',
        timesheets: ['anna-winter-2026-W45', 'bram-winter-2026-W45', 'cem-winter-2026-W45'].map((timesheetId) => ({
          timesheetId,
          approvedVersion: 1,
        })),
        totals: { ...workerLines(2, 'all', [...anna, ...bram, ...cem]).totals, workers: 3 },
      },
      '2026-12-03T10:00:00Z',
    ],
  ];
  const stream = events.map(([type, data, at], revision) => recorded(streamId, revision, type, data, at, 'operator:bram'));
  return { subject: { kind: 'pay-run', id: '2026-11' }, streamId, stream, own: stream, ...NO_RELATED_EVENTS };
}
