// Events of every type holding personal data, for the tests of what the store makes of them.

/** A timesheet line with no remark. */
export const SAMPLE_LINE = { day: '2026-03-02', start: '08:00', end: '16:30', breakMinutes: 30, hourType: 'normal' };

/**
 * One valid event of each type holding personal data (libs/domain PERSONAL_DATA), at its current
 * version, about `workerId`: every personal value names Anna de Vries, born 1990-04-01, living at
 * 7551 AB, wage value 6000.
 */
export function personalDataSamples(workerId: string): Record<string, Record<string, unknown>> {
  const sheet = { timesheetId: 't1', placementId: 'p1', workerId, employerId: 'e1', week: '2026-W10' };
  return {
    WorkerRegistered: {
      workerId,
      name: 'Anna de Vries',
      birthDate: '1990-04-01',
      homeArea: 'Hengelo',
      skills: ['cleaning'],
      availability: { kind: 'hours_per_week', hoursPerWeek: 24, unavailable: [] },
      location: { postcode: '7551 AB', coordinates: { lat: 52.26, lon: 6.79 } },
    },
    TargetGroupStatusRecorded: { workerId, inRegister: true, wageValueBp: 6000, validFrom: '2026-01-01', validUntil: '2026-12-31' },
    WageValueDecided: {
      decisionId: 'd1',
      workerId,
      municipality: 'Hengelo',
      wageValueBp: 6000,
      from: '2026-01-01',
      reassessOn: '2027-01-01',
      by: 'operator:anna',
      reference: 'Besluit 2026/123 over Anna de Vries',
    },
    LksClaimCalculated: {
      claimId: 'c1',
      workerId,
      month: '2026-03',
      municipality: 'Hengelo',
      decisionId: 'd1',
      payRunIds: ['p1'],
      lines: [
        {
          from: '2026-03-01',
          to: '2026-03-31',
          minutes: 600,
          minimumWageHourlyCents: 1400,
          caoWageHourlyCents: 1500,
          holidayAllowanceBp: 800,
          wageValueBp: 6000,
          subsidyHourlyCents: 500,
          capped: false,
          subsidyCents: 5000,
          rules: [],
        },
      ],
      subsidyCents: 5000,
      employerChargesAllowanceCents: 0,
      totalCents: 5000,
      by: 'operator:anna',
    },
    PoolContractEnded: { workerId, contractId: 'c1', lastDay: '2026-06-30', reason: 'Anna is ill' },
    HoursRegistered: {
      ...sheet,
      lines: [SAMPLE_LINE, { ...SAMPLE_LINE, day: '2026-03-03', remark: 'Anna went home ill' }],
      by: 'employer:e1',
    },
    TimesheetApproved: { ...sheet, lines: [{ ...SAMPLE_LINE, remark: 'Anna left early' }], approvedVersion: 1, by: 'employer:e1' },
    TimesheetRejected: { timesheetId: 't1', reason: 'Anna was ill on Wednesday', by: 'employer:e1' },
    TimesheetCorrected: { timesheetId: 't1', lines: [{ ...SAMPLE_LINE, remark: 'Anna ill' }], reason: 'Anna was ill', by: 'operator:anna' },
    PlacementEndedEarly: { placementId: 'p1', lastDay: '2026-03-31', reason: 'Anna could not cope with the work' },
    PlacementWithdrawn: { placementId: 'p1', reason: 'Anna is ill' },
  };
}
