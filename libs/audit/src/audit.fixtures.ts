import { decideInOrder, RULE_TABLE_SEED, type CaoEvent, type EmployerEvent, type PlacementTerms } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { sampleContent } from '../../domain/src/cao/cao.fixtures.js';
import type { AuditSubject } from './audit-subject.js';
import type { SubjectEvents } from './subject-events.js';

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
