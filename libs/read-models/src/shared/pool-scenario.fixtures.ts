// Realistic domain events for the read models' integration tests: the Twente winter. Not exported
// from the library. Hours a worker commits, places a request fills and confirmations undone are
// written as the placement process writes them.
import {
  addDays,
  agreedPayOf,
  applyBasisPoints,
  caoDecider,
  caoStreamId,
  caoVersions,
  capacityStreamId,
  decisionsInForce,
  employerDecider,
  employerStreamId,
  fold,
  hirerTermsFor,
  INVOICE_ROUNDING_RULE,
  invoiceLedgerStreamId,
  invoiceNumberOf,
  invoiceStreamId,
  lksDecider,
  lksStreamId,
  monthClaimOf,
  mulDivRoundHalfUp,
  payPeriodOf,
  payRunDecider,
  payRunStreamId,
  payWorker,
  placementStreamId,
  schemaVersionOf,
  timesheetIdOf,
  timesheetStreamId,
  workerStreamId,
  type CaoEvent,
  type CaoVersionContent,
  type CapacityEvent,
  type CreditNoteIssued,
  type EmployerEvent,
  type InvoiceEvent,
  type InvoiceLine,
  type LksCommand,
  type LksEvent,
  type LocalDate,
  type PlacementEvent,
  type PayRunCommand,
  type PayRunEvent,
  type PlacementTerms,
  type RecordWageValueDecision,
  type TimesheetEvent,
  type TimesheetLine,
  type UnpaidTimesheet,
  type WorkerEvent,
  type WorkerPay,
} from '@banenpool/domain';
import type { EventStore, GlobalPosition } from '@banenpool/event-store';
import { shippedRules } from '../../../domain/src/placement/placement-pay.fixtures.js';
import { cleaning, payInput, sheet as paidSheet } from '../../../domain/src/payroll/pay-run.fixtures.js';

type AnyEvent =
  CaoEvent | EmployerEvent | WorkerEvent | CapacityEvent | PlacementEvent | TimesheetEvent | PayRunEvent | InvoiceEvent | LksEvent;
export interface ScenarioAppend {
  readonly streamId: string;
  readonly events: readonly AnyEvent[];
}

const content = (scales: Record<string, number[]>): CaoVersionContent => ({
  wageScales: scales,
  surcharges: { timeBands: [{ weekday: 'sunday', start: '00:00', end: '24:00', surchargeBp: 5000 }], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
});

/** The scenario's CAOs (illustrative figures), each one version from 2026-01-01. */
const CAO_SCALES: Readonly<Record<string, Record<string, number[]>>> = {
  recreatie: { A: [1480, 1512, 1545] },
  schoonmaak: { A: [1525, 1560, 1598] },
  taxi: { B: [1560, 1600] },
  levensmiddelen: { A: [1490, 1520] },
};

const cao = (code: string): ScenarioAppend => ({
  streamId: caoStreamId(code),
  events: [
    { type: 'CaoRegistered', data: { code, name: `CAO ${code} (illustrative)` } },
    { type: 'CaoVersionPublished', data: { code, effectiveFrom: '2026-01-01', content: content(CAO_SCALES[code]) } },
  ],
});

/** Where a placement's function sits: the CAO its employer applies, the scale, and the step agreed. */
interface PlacingCao {
  code: string;
  scale: string;
  step: number;
}

const employer = (
  employerId: string,
  name: string,
  caoCode: string,
  siteId: string,
  area: string,
  functionName: string,
  scale: string,
): ScenarioAppend => ({
  streamId: employerStreamId(employerId),
  events: [
    { type: 'EmployerJoinedPool', data: { employerId, name, memberFrom: '2026-01-01' } },
    { type: 'CaoApplied', data: { employerId, caoCode, from: '2026-01-01' } },
    { type: 'SiteAdded', data: { employerId, siteId, name: `${name} ${siteId}`, area } },
    { type: 'FunctionClassified', data: { employerId, functionName, caoCode, scale, from: '2026-01-01' } },
  ],
});

const BIRTH_DATES: Record<string, LocalDate> = {
  anna: '1995-03-02',
  bram: '2007-06-15',
  cem: '1988-11-30',
  dewi: '1999-02-11',
  femke: '1990-07-21',
};

const worker = (workerId: string, name: string, skills: string[], more: WorkerEvent[]): ScenarioAppend => ({
  streamId: workerStreamId(workerId),
  events: [
    {
      type: 'WorkerRegistered',
      data: {
        workerId,
        name,
        birthDate: BIRTH_DATES[workerId],
        homeArea: 'hengelo',
        skills,
        availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
      },
    },
    ...more,
  ],
});

const indefinite = (workerId: string, from: LocalDate, guaranteed: number, max: number): WorkerEvent => ({
  type: 'PoolContractAgreed',
  data: { workerId, contractId: 'c1', terms: { kind: 'indefinite', from, guaranteedHoursPerWeek: guaranteed, maxHoursPerWeek: max } },
});

export interface Placing {
  id: string;
  workerId: string;
  employerId: string;
  siteId: string;
  functionName: string;
  hours: number;
  from: LocalDate;
  to: LocalDate;
  request?: string;
  cao: PlacingCao;
  legalForm?: 'payroll' | 'secondment';
}

const termsOf = (p: Placing): PlacementTerms => ({
  placementId: p.id,
  workerId: p.workerId,
  employerId: p.employerId,
  ...(p.request ? { capacityRequestId: p.request } : {}),
  siteId: p.siteId,
  functionName: p.functionName,
  legalForm: p.legalForm ?? 'payroll',
  hoursPerWeek: p.hours,
  period: { from: p.from, to: p.to },
  billRateCents: 3150,
});

const proposed = (p: Placing): ScenarioAppend => ({
  streamId: placementStreamId(p.id),
  events: [{ type: 'PlacementProposed', data: termsOf(p) }],
});

const confirmed = (p: Placing): ScenarioAppend => ({
  streamId: placementStreamId(p.id),
  events: [
    {
      type: 'PlacementConfirmed',
      data: { ...termsOf(p), hirerTerms: hirerTermsFor(p.legalForm ?? 'payroll'), ...agreedPay(p) },
    },
  ],
});

/**
 * What the decider records at confirmation, from the employer's classification and the CAO as the
 * scenario writes them and the shipped minimum wage (so the first day's pay of a placement from
 * July 2026 on is not yet known).
 */
function agreedPay(p: Placing) {
  const { code, scale, step } = p.cao;
  const hirer = fold(
    employerDecider,
    employer(p.employerId, p.employerId, code, p.siteId, 'twente', p.functionName, scale).events as EmployerEvent[],
  );
  const versions = caoVersions(fold(caoDecider, cao(code).events as CaoEvent[]));
  const placement = {
    placementId: p.id,
    employerId: p.employerId,
    functionName: p.functionName,
    period: { from: p.from, to: p.to },
    step,
    hirer,
  };
  return agreedPayOf(placement, { birthDate: BIRTH_DATES[p.workerId] }, shippedRules, versions);
}

/** What the placement process does after a confirmation: fill a place, commit the worker's hours. */
const processed = (p: Placing): ScenarioAppend[] => [
  ...(p.request
    ? [
        {
          streamId: capacityStreamId(p.request),
          events: [{ type: 'CapacitySlotReserved', data: { requestId: p.request, placementId: p.id } } as CapacityEvent],
        },
      ]
    : []),
  {
    streamId: workerStreamId(p.workerId),
    events: [
      {
        type: 'HoursCommitted',
        data: { workerId: p.workerId, placementId: p.id, contractId: 'c1', hoursPerWeek: p.hours, period: { from: p.from, to: p.to } },
      },
    ],
  },
];

export const placed = (p: Placing): ScenarioAppend[] => [proposed(p), confirmed(p), ...processed(p)];

const recreatie = { code: 'recreatie', scale: 'A', step: 1 };
const schoonmaak = { code: 'schoonmaak', scale: 'A', step: 2 };
const taxi = { code: 'taxi', scale: 'B', step: 0 };
const levensmiddelen = { code: 'levensmiddelen', scale: 'A', step: 0 };

export const placements = {
  annaPark: {
    id: 'anna-park-2026',
    workerId: 'anna',
    employerId: 'waarbeek',
    siteId: 'park',
    functionName: 'attractiemedewerker',
    hours: 24,
    from: '2026-04-01',
    to: '2026-10-31',
    cao: recreatie,
  },
  bramPark: {
    id: 'bram-park-2026',
    workerId: 'bram',
    employerId: 'waarbeek',
    siteId: 'park',
    functionName: 'attractiemedewerker',
    hours: 24,
    from: '2026-04-01',
    to: '2026-10-31',
    cao: recreatie,
  },
  dewiPark: {
    id: 'dewi-park-2026',
    workerId: 'dewi',
    employerId: 'waarbeek',
    siteId: 'park',
    functionName: 'attractiemedewerker',
    hours: 20,
    from: '2026-04-01',
    to: '2026-10-31',
    cao: recreatie,
  },
  cemPark: {
    id: 'cem-park-2026',
    workerId: 'cem',
    employerId: 'waarbeek',
    siteId: 'park',
    functionName: 'attractiemedewerker',
    hours: 24,
    from: '2026-04-01',
    to: '2026-10-31',
    cao: recreatie,
  },
  femkeTaxi: {
    id: 'femke-taxi',
    workerId: 'femke',
    employerId: 'taxi-twente',
    siteId: 'depot',
    functionName: 'chauffeur',
    hours: 12,
    from: '2026-09-01',
    to: '2027-06-30',
    cao: taxi,
    legalForm: 'secondment',
  },
  femkeBolletje: {
    id: 'femke-bolletje',
    workerId: 'femke',
    employerId: 'bolletje',
    siteId: 'almelo',
    functionName: 'inpakker',
    hours: 16,
    from: '2026-09-07',
    to: '2026-12-18',
    request: 'bolletje-autumn',
    cao: levensmiddelen,
  },
  annaWinter: {
    id: 'anna-winter',
    workerId: 'anna',
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: 'schoonmaker',
    hours: 24,
    from: '2026-11-02',
    to: '2027-03-28',
    request: 'vd-winter',
    cao: schoonmaak,
  },
  cemWinter: {
    id: 'cem-winter',
    workerId: 'cem',
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: 'schoonmaker',
    hours: 24,
    from: '2026-11-02',
    to: '2027-01-31',
    request: 'vd-winter',
    cao: schoonmaak,
  },
  bramWinter: {
    id: 'bram-winter',
    workerId: 'bram',
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: 'schoonmaker',
    hours: 24,
    from: '2026-11-02',
    to: '2027-02-28',
    request: 'vd-winter',
    cao: schoonmaak,
  },
  annaPark2027: {
    id: 'anna-park-2027',
    workerId: 'anna',
    employerId: 'waarbeek',
    siteId: 'park',
    functionName: 'attractiemedewerker',
    hours: 24,
    from: '2027-04-01',
    to: '2027-10-31',
    cao: recreatie,
  },
  cemSpring: {
    id: 'cem-spring-2027',
    workerId: 'cem',
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: 'schoonmaker',
    hours: 16,
    from: '2027-04-05',
    to: '2027-06-27',
    cao: schoonmaak,
  },
} satisfies Record<string, Placing>;

/** A day's shift from 08:00 to 16:30 with half an hour's break, in week 2026-W45 (Monday 2 November). */
const shift = (day: string, hourType: TimesheetLine['hourType'] = 'normal'): TimesheetLine => ({
  day,
  start: '08:00',
  end: '16:30',
  breakMinutes: 30,
  hourType,
});
const W45 = '2026-W45';
const W45_SHIFTS = [shift('2026-11-02'), shift('2026-11-03'), shift('2026-11-04')];

/** Events on the timesheet of a placement's week 2026-W45. */
const sheet = (p: Placing, events: (sheetId: string) => TimesheetEvent[]): ScenarioAppend => ({
  streamId: timesheetStreamId(timesheetIdOf(p.id, W45)),
  events: events(timesheetIdOf(p.id, W45)),
});
const sheetOf = (p: Placing) => ({
  timesheetId: timesheetIdOf(p.id, W45),
  placementId: p.id,
  workerId: p.workerId,
  employerId: p.employerId,
  week: W45,
});
const VISSCHEDIJK_KEY = 'employer:planning@visschedijk';

/**
 * Week 2026-W45's hours: Cem's are approved by Visschedijk, Anna's rejected (her Wednesday was
 * a sick day), Femke's taxi hours still a draft.
 */
const timesheetsPart1 = (p: typeof placements): ScenarioAppend[] => [
  sheet(p.cemWinter, (timesheetId) => [
    { type: 'HoursRegistered', data: { ...sheetOf(p.cemWinter), lines: W45_SHIFTS, by: VISSCHEDIJK_KEY } },
    { type: 'TimesheetSubmitted', data: { timesheetId, by: VISSCHEDIJK_KEY } },
    { type: 'TimesheetApproved', data: { ...sheetOf(p.cemWinter), lines: W45_SHIFTS, approvedVersion: 1, by: VISSCHEDIJK_KEY } },
  ]),
  sheet(p.annaWinter, (timesheetId) => [
    { type: 'HoursRegistered', data: { ...sheetOf(p.annaWinter), lines: W45_SHIFTS, by: 'operator:demo' } },
    { type: 'TimesheetSubmitted', data: { timesheetId, by: 'operator:demo' } },
    { type: 'TimesheetRejected', data: { timesheetId, reason: 'Wednesday was a sick day', by: VISSCHEDIJK_KEY } },
  ]),
  sheet(p.femkeTaxi, () => [
    { type: 'HoursRegistered', data: { ...sheetOf(p.femkeTaxi), lines: [shift('2026-11-05')], by: 'employer:demo@taxi-twente' } },
  ]),
];

/**
 * Anna's sheet corrected and approved by an operator for Visschedijk; Cem's paid by a pay run, then
 * corrected (a forgotten Thursday) and approved again.
 */
const timesheetsPart2 = (p: typeof placements): ScenarioAppend[] => {
  const annaCorrected = [shift('2026-11-02'), shift('2026-11-03'), shift('2026-11-04', 'sick')];
  const cemCorrected = [...W45_SHIFTS, shift('2026-11-05')];
  return [
    sheet(p.annaWinter, (timesheetId) => [
      { type: 'TimesheetCorrected', data: { timesheetId, lines: annaCorrected, reason: 'Wednesday sick', by: 'operator:demo' } },
      {
        type: 'TimesheetApproved',
        data: { ...sheetOf(p.annaWinter), lines: annaCorrected, approvedVersion: 1, by: 'operator:demo', onBehalfOf: 'visschedijk' },
      },
    ]),
    sheet(p.cemWinter, (timesheetId) => [
      { type: 'TimesheetLocked', data: { timesheetId, payRunId: '2026-11', approvedVersion: 1 } },
      { type: 'TimesheetCorrected', data: { timesheetId, lines: cemCorrected, reason: 'Thursday was forgotten', by: VISSCHEDIJK_KEY } },
      { type: 'TimesheetApproved', data: { ...sheetOf(p.cemWinter), lines: cemCorrected, approvedVersion: 2, by: VISSCHEDIJK_KEY } },
    ]),
  ];
};

/**
 * Part 1: four CAOs and four employers join (the park closes 2026-11-01 to 2027-03-31), five
 * workers with contracts, the park's 2026 season (Dewi has no winter work yet), Femke's two small-hour placements (12 h taxi +
 * 16 h Bolletje), Visschedijk's winter request (2 × 24 h) filled by Anna and Cem, and Bram's winter
 * placement confirmed but not (yet) undone.
 */
export function winterScenarioPart1(): ScenarioAppend[] {
  const p = placements;
  return [
    cao('recreatie'),
    cao('schoonmaak'),
    cao('taxi'),
    cao('levensmiddelen'),
    employer('waarbeek', 'De Waarbeek', 'recreatie', 'park', 'hengelo', 'attractiemedewerker', 'A'),
    {
      streamId: employerStreamId('waarbeek'),
      events: [
        {
          type: 'SeasonalClosureDeclared',
          data: { employerId: 'waarbeek', siteId: 'park', period: { from: '2026-11-01', to: '2027-03-31' }, reason: 'Winter closure' },
        },
      ],
    },
    employer('visschedijk', 'Visschedijk Facilitair', 'schoonmaak', 'hengelo', 'hengelo', 'schoonmaker', 'A'),
    employer('taxi-twente', 'Taxi Twente', 'taxi', 'depot', 'enschede', 'chauffeur', 'B'),
    employer('bolletje', 'Bolletje', 'levensmiddelen', 'almelo', 'almelo', 'inpakker', 'A'),
    worker(
      'anna',
      'Anna de Vries',
      ['cleaning', 'attractions'],
      [
        { type: 'TargetGroupStatusRecorded', data: { workerId: 'anna', inRegister: true, wageValueBp: 8000 } },
        indefinite('anna', '2026-03-01', 24, 32),
      ],
    ),
    worker(
      'bram',
      'Bram Jansen',
      ['cleaning', 'attractions'],
      [
        {
          type: 'PoolContractAgreed',
          data: {
            workerId: 'bram',
            contractId: 'c1',
            terms: { kind: 'fixed_term', from: '2026-03-01', to: '2027-02-28', guaranteedHoursPerWeek: 24, maxHoursPerWeek: 32 },
            chain: { position: 1, chainStartedOn: '2026-03-01', breakingGapMonths: 6 },
          },
        },
      ],
    ),
    worker(
      'cem',
      'Cem Yilmaz',
      ['attractions'],
      [
        { type: 'TargetGroupStatusRecorded', data: { workerId: 'cem', inRegister: false } },
        indefinite('cem', '2026-03-01', 24, 32),
        { type: 'SkillAdded', data: { workerId: 'cem', skill: 'cleaning' } },
      ],
    ),
    worker('dewi', 'Dewi Pranoto', ['attractions', 'cleaning'], [indefinite('dewi', '2026-03-01', 20, 24)]),
    worker(
      'femke',
      'Femke Bos',
      ['driving', 'packing', 'cleaning'],
      [{ type: 'TargetGroupStatusRecorded', data: { workerId: 'femke', inRegister: false } }, indefinite('femke', '2026-09-01', 28, 32)],
    ),
    ...placed(p.annaPark),
    ...placed(p.bramPark),
    ...placed(p.cemPark),
    ...placed(p.dewiPark),
    {
      streamId: capacityStreamId('bolletje-autumn'),
      events: [
        {
          type: 'CapacityRequested',
          data: {
            requestId: 'bolletje-autumn',
            employerId: 'bolletje',
            siteId: 'almelo',
            functionName: 'inpakker',
            requiredSkill: 'packing',
            period: { from: '2026-09-07', to: '2026-12-18' },
            hoursPerWeek: 16,
            headcount: 3,
          },
        },
      ],
    },
    ...placed(p.femkeTaxi),
    ...placed(p.femkeBolletje),
    {
      streamId: placementStreamId(p.bramPark.id),
      events: [{ type: 'PlacementEndedEarly', data: { placementId: p.bramPark.id, lastDay: '2026-09-30', reason: 'Back to school' } }],
    },
    {
      streamId: workerStreamId('bram'),
      events: [
        {
          type: 'HoursReleased',
          data: { workerId: 'bram', placementId: p.bramPark.id, hoursPerWeek: 24, period: { from: '2026-10-01', to: '2026-10-31' } },
        },
      ],
    },
    {
      streamId: capacityStreamId('vd-winter'),
      events: [
        {
          type: 'CapacityRequested',
          data: {
            requestId: 'vd-winter',
            employerId: 'visschedijk',
            siteId: 'hengelo',
            functionName: 'schoonmaker',
            requiredSkill: 'cleaning',
            period: { from: '2026-11-02', to: '2027-03-28' },
            hoursPerWeek: 24,
            headcount: 2,
          },
        },
      ],
    },
    ...placed(p.annaWinter),
    ...placed(p.cemWinter),
    proposed(p.bramWinter),
    confirmed(p.bramWinter),
    {
      streamId: placementStreamId(p.annaPark.id),
      events: [{ type: 'PlacementEnded', data: { placementId: p.annaPark.id, lastDay: '2026-10-31' } }],
    },
    {
      streamId: placementStreamId(p.cemPark.id),
      events: [{ type: 'PlacementEnded', data: { placementId: p.cemPark.id, lastDay: '2026-10-31' } }],
    },
    {
      streamId: placementStreamId(p.dewiPark.id),
      events: [{ type: 'PlacementEnded', data: { placementId: p.dewiPark.id, lastDay: '2026-10-31' } }],
    },
    ...timesheetsPart1(p),
    // Events no decider writes (hand-made, legacy): every read model must skip them, not stop on them.
    {
      streamId: 'worker-legacy',
      events: [
        { type: 'WorkerRegistered', data: { name: 'Sanne' } },
        { type: 'SkillAdded', data: { skill: 'cleaning' } },
      ] as never,
    },
    {
      streamId: 'placement-legacy',
      events: [
        { type: 'PlacementConfirmed', data: { ...termsOf(p.annaWinter), placementId: 'legacy', period: { from: 'soon', to: 'later' } } },
      ] as never,
    },
  ];
}

/**
 * Part 2: Bram's winter confirmation is undone (the request was full), Cem's winter placement is
 * extended to the end of March, Bolletje cuts its request to two places, Femke turns out to be in
 * the target group and loses a skill, Anna returns to the park in April and Cem gets a spring
 * placement proposed (not confirmed).
 */
export function winterScenarioPart2(): ScenarioAppend[] {
  const p = placements;
  return [
    {
      streamId: placementStreamId(p.bramWinter.id),
      events: [
        {
          type: 'PlacementWithdrawn',
          data: { placementId: p.bramWinter.id, reason: 'Confirmation undone: All 2 places of capacity request vd-winter are filled.' },
        },
      ],
    },
    {
      streamId: placementStreamId(p.cemWinter.id),
      events: [{ type: 'PlacementExtended', data: { placementId: p.cemWinter.id, previousTo: '2027-01-31', to: '2027-03-28' } }],
    },
    {
      streamId: workerStreamId('cem'),
      events: [
        {
          type: 'HoursCommitted',
          data: {
            workerId: 'cem',
            placementId: p.cemWinter.id,
            contractId: 'c1',
            hoursPerWeek: 24,
            period: { from: '2026-11-02', to: '2027-03-28' },
          },
        },
      ],
    },
    {
      streamId: capacityStreamId('bolletje-autumn'),
      events: [
        {
          type: 'CapacityRequestAmended',
          data: { requestId: 'bolletje-autumn', period: { from: '2026-09-07', to: '2026-12-18' }, hoursPerWeek: 16, headcount: 2 },
        },
      ],
    },
    {
      streamId: workerStreamId('femke'),
      events: [
        { type: 'TargetGroupStatusRecorded', data: { workerId: 'femke', inRegister: true, wageValueBp: 6500 } },
        { type: 'SkillRemoved', data: { workerId: 'femke', skill: 'cleaning' } },
      ],
    },
    ...placed(p.annaPark2027),
    proposed(p.cemSpring),
    // November's run pays Cem's approved week and lists Anna's rejected and Femke's draft sheet; finalized, it locks Cem's.
    payRun('2026-11', [[monthPay('2026-11', p.cemWinter, [{ week: W45, lines: W45_SHIFTS }])]], {
      unpaid: [unpaidSheet(p.annaWinter, 'rejected'), unpaidSheet(p.femkeTaxi, 'draft')],
      finalizedBy: 'operator:demo',
    }),
    // Visschedijk is invoiced for November's run, is sent the invoice and pays part of it.
    ...invoiceDocument(
      {
        year: 2026,
        sequence: 1,
        employerId: 'visschedijk',
        periodId: '2026-11',
        issuedOn: '2026-12-01',
        lines: invoiceLinesOf('2026-11', monthPay('2026-11', p.cemWinter, [{ week: W45, lines: W45_SHIFTS }])),
      },
      (invoiceId) => [
        { type: 'InvoiceSent', data: { invoiceId, sentOn: '2026-12-02', by: 'operator:demo' } },
        { type: 'InvoicePaid', data: { invoiceId, amountCents: 10000, toGAccountCents: 2500, paidOn: '2026-12-20', by: 'operator:demo' } },
      ],
    ),
    // Cem's municipality decided his wage value from November: November's claim is submitted and paid.
    lksStream([
      CEM_WAGE_VALUE,
      lksClaim('cem-2026-11', CEM_WAGE_VALUE, monthPay('2026-11', p.cemWinter, [{ week: W45, lines: W45_SHIFTS }])),
      { type: 'SubmitLksClaim', claimId: 'cem-2026-11', submittedOn: '2026-12-03', by: 'operator:demo' },
      { type: 'RecordLksClaimPayment', claimId: 'cem-2026-11', amountCents: 2000, paidOn: '2026-12-18', by: 'operator:demo' },
    ]),
    ...timesheetsPart2(p),
    {
      // Declared after Femke's placement there was confirmed: a conflict until the operator resolves it.
      streamId: employerStreamId('bolletje'),
      events: [
        {
          type: 'SeasonalClosureDeclared',
          data: { employerId: 'bolletje', siteId: 'almelo', period: { from: '2026-12-14', to: '2027-01-03' }, reason: 'Maintenance stop' },
        },
      ],
    },
  ];
}

/** A line from `start` to `end` without a break: `timesheetLine('2026-11-02', '08:00', '16:00')` is 8 h. */
export const timesheetLine = (
  day: LocalDate,
  start: string,
  end: string,
  hourType: TimesheetLine['hourType'] = 'normal',
): TimesheetLine => ({
  day,
  start,
  end,
  breakMinutes: 0,
  hourType,
});

/**
 * A placement's timesheet of `week` approved by its hirer with these lines: registered, submitted
 * and approved the first time; corrected and approved again for a later `approvedVersion`.
 */
export function approvedTimesheet(
  p: Pick<Placing, 'id' | 'workerId' | 'employerId'>,
  week: string,
  lines: readonly TimesheetLine[],
  approvedVersion = 1,
): ScenarioAppend {
  const timesheetId = timesheetIdOf(p.id, week);
  const sheet = { timesheetId, placementId: p.id, workerId: p.workerId, employerId: p.employerId, week };
  const by = `employer:planning@${p.employerId}`;
  const before: TimesheetEvent[] =
    approvedVersion === 1
      ? [
          { type: 'HoursRegistered', data: { ...sheet, lines: [...lines], by } },
          { type: 'TimesheetSubmitted', data: { timesheetId, by } },
        ]
      : [{ type: 'TimesheetCorrected', data: { timesheetId, lines: [...lines], reason: 'Hours corrected', by } }];
  return {
    streamId: timesheetStreamId(timesheetId),
    events: [...before, { type: 'TimesheetApproved', data: { ...sheet, lines: [...lines], approvedVersion, by } }],
  };
}

/**
 * A worker's pay of a calendar month for approved sheets of a placement, worked out by the domain
 * (its payroll fixtures' cleaning CAO and minimum wage stand in for the scenario's CAOs).
 */
export function monthPay(
  periodId: string,
  p: Pick<Placing, 'id' | 'workerId'>,
  sheets: readonly { week: string; lines: TimesheetLine[]; version?: number }[],
): WorkerPay {
  return payWorker(
    payInput({
      period: payPeriodOf(periodId, 'month'),
      worker: { workerId: p.workerId, birthDate: BIRTH_DATES[p.workerId] ?? '1990-01-01', contracts: [] },
      placements: new Map([[p.id, cleaning(true, p.id)]]),
      sheets: sheets.map(({ week, lines, version }) => paidSheet(week, lines, version, p.id)),
    }),
  );
}

const unpaidSheet = (p: Placing, status: UnpaidTimesheet['status']): UnpaidTimesheet => ({
  timesheetId: timesheetIdOf(p.id, W45),
  workerId: p.workerId,
  employerId: p.employerId,
  week: W45,
  status,
});

/**
 * A monthly pay run as the decider records it: one calculation per attempt (each the pay of these
 * workers), then the finalization when `finalizedBy` is given.
 */
export function payRun(
  periodId: string,
  attempts: readonly (readonly WorkerPay[])[],
  { unpaid = [], finalizedBy }: { unpaid?: UnpaidTimesheet[]; finalizedBy?: string } = {},
): ScenarioAppend {
  const period = payPeriodOf(periodId, 'month');
  const commands: PayRunCommand[] = [
    ...attempts.map((workers, i): PayRunCommand => ({ type: i === 0 ? 'CalculatePayRun' : 'RecalculatePayRun', period, workers, unpaid })),
    ...(finalizedBy ? [{ type: 'FinalizePayRun' as const, by: finalizedBy }] : []),
  ];
  let state = payRunDecider.initialState;
  const events: PayRunEvent[] = [];
  for (const command of commands) {
    const decided = payRunDecider.decide(command, state, new Date('2026-12-01T09:00:00Z'));
    state = decided.reduce(payRunDecider.evolve, state);
    events.push(...decided);
  }
  return { streamId: payRunStreamId(periodId), events };
}

/** The scenario's illustrative price of an hour: 1.85 × its gross wage; VAT at the shipped 21 % row; a quarter to the G-account. */
const SCENARIO_RATE = { kind: 'factor', factorBp: 18500 } as const;
const SCENARIO_VAT = { bp: 2100, rule: { table: 'vat', effectiveFrom: '2020-01-01', revision: 1 } } as const;
const SCENARIO_G_ACCOUNT_BP = 2500;

/** A worker's pay lines of a run priced as one invoice line per placement and hour type (the domain's invoicing, simplified). */
export function invoiceLinesOf(payRunId: string, pay: WorkerPay): InvoiceLine[] {
  const groups = new Map<string, WorkerPay['lines']>();
  for (const line of pay.lines) {
    const key = `${line.placementId} ${line.hourType}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()].map((lines) => {
    const sources = lines.map(({ timesheetId, timesheetVersion, lineIndex, day, minutes, amounts }) => ({
      payRunId,
      timesheetId,
      timesheetVersion,
      lineIndex,
      day,
      minutes,
      grossWageCents: amounts.wageCents + amounts.surchargeCents,
    }));
    const grossWageCents = sources.reduce((sum, source) => sum + source.grossWageCents, 0);
    return {
      placementId: lines[0].placementId,
      workerId: pay.workerId,
      hourType: lines[0].hourType,
      rateAgreementId: `${lines[0].employerId}-rates`,
      rate: SCENARIO_RATE,
      surchargeBp: 0,
      minutes: sources.reduce((sum, source) => sum + source.minutes, 0),
      grossWageCents,
      amountCents: mulDivRoundHalfUp(grossWageCents, SCENARIO_RATE.factorBp, 10_000),
      sources,
    };
  });
}

export interface ScenarioDocument {
  year: number;
  sequence: number;
  employerId: string;
  periodId: string;
  issuedOn: LocalDate;
  lines: InvoiceLine[];
  /** A credit note's: the lines of earlier invoices it credits, and why (its totals are then negative). */
  credits?: Pick<CreditNoteIssued['data'], 'corrects' | 'reasons'>;
}

/**
 * A document of the year's series to a hirer, as invoicing writes it: its number taken in the
 * year's ledger, then its own stream, issued and followed by `after` (sent, paid).
 */
export function invoiceDocument(document: ScenarioDocument, after: (invoiceId: string) => InvoiceEvent[] = () => []): ScenarioAppend[] {
  const { year, sequence, employerId, periodId, issuedOn, lines, credits } = document;
  const invoiceId = invoiceNumberOf(year, sequence);
  const netCents = (credits ? -1 : 1) * lines.reduce((sum, line) => sum + line.amountCents, 0);
  const vatCents = applyBasisPoints(netCents, SCENARIO_VAT.bp);
  const totalCents = netCents + vatCents;
  const data = {
    invoiceId,
    number: invoiceId,
    year,
    sequence,
    employerId,
    periodId,
    payRunId: periodId,
    issuedOn,
    dueOn: addDays(issuedOn, 30),
    lines,
    vat: SCENARIO_VAT,
    gAccountShareBp: SCENARIO_G_ACCOUNT_BP,
    totals: { netCents, vatCents, totalCents, gAccountCents: applyBasisPoints(totalCents, SCENARIO_G_ACCOUNT_BP) },
    rounding: INVOICE_ROUNDING_RULE,
    by: 'operator:demo',
  };
  const issued: InvoiceEvent = credits ? { type: 'CreditNoteIssued', data: { ...data, ...credits } } : { type: 'InvoiceIssued', data };
  const kind = credits ? 'credit_note' : 'invoice';
  return [
    {
      streamId: invoiceLedgerStreamId(year),
      events: [{ type: 'InvoiceNumberAssigned', data: { year, sequence, invoiceId, kind, employerId, periodId } }],
    },
    { streamId: invoiceStreamId(year, sequence), events: [issued, ...after(invoiceId)] },
  ];
}

export async function appendScenario(store: EventStore, appends: readonly ScenarioAppend[]): Promise<GlobalPosition | undefined> {
  let last: GlobalPosition | undefined;
  for (const { streamId, events } of appends) {
    const result = await store.appendToStream(
      streamId,
      // At the version each type is written with today, as the events are typed (older versions: upcaster specs).
      events.map((e) => ({ type: e.type, data: e.data, schemaVersion: schemaVersionOf(e.type) })),
      { expectedVersion: 'any' },
    );
    last = result.position;
  }
  return last;
}

/** Cem's wage value as the municipality of Hengelo decided it. */
export const CEM_WAGE_VALUE: RecordWageValueDecision = {
  type: 'RecordWageValueDecision',
  decisionId: 'cem-hengelo-2026',
  workerId: 'cem',
  municipality: 'hengelo',
  wageValueBp: 7000,
  from: '2026-11-01',
  reassessOn: '2027-01-15',
  by: 'operator:demo',
};

/** A month's claim under a decision, worked out by the domain from what that month's finalized run paid the worker. */
export function lksClaim(claimId: string, decision: RecordWageValueDecision, monthRunPay: WorkerPay, month = '2026-11'): LksCommand {
  const run = { period: payPeriodOf(month, 'month'), ...monthRunPay };
  const { payRunIds, ...figures } = monthClaimOf([run], month, decisionsInForce([decision])[0], shippedRules);
  return { type: 'CalculateLksClaim', claimId, month, decisionId: decision.decisionId, payRunIds, figures, by: 'operator:demo' };
}

/** A worker's wage-cost subsidy stream as the decider records these commands (the first a decision, which names the worker). */
export function lksStream(commands: readonly [RecordWageValueDecision, ...LksCommand[]]): ScenarioAppend {
  let state = lksDecider.initialState;
  const events: LksEvent[] = [];
  for (const command of commands) {
    const decided = lksDecider.decide(command, state, new Date('2026-12-05T09:00:00Z'));
    state = decided.reduce(lksDecider.evolve, state);
    events.push(...decided);
  }
  return { streamId: lksStreamId(commands[0].workerId), events };
}
