import { parsePoolEvent, poolEvents } from '../event-schemas.js';
import { itemFieldOf, PERSONAL_DATA, personalDataOf, withErasedFields } from './personal-data.js';

const sheet = { timesheetId: 't1', placementId: 'p1', workerId: 'w1', employerId: 'e1', week: '2026-W10' };
const line = { day: '2026-03-02', start: '08:00', end: '16:30', breakMinutes: 30, hourType: 'normal' };

/** One valid event of each type holding personal data, at its current version. */
const samples: Record<string, Record<string, unknown>> = {
  WorkerRegistered: {
    workerId: 'w1',
    name: 'Anna de Vries',
    birthDate: '1990-04-01',
    homeArea: 'Hengelo',
    skills: ['cleaning'],
    availability: { kind: 'hours_per_week', hoursPerWeek: 24, unavailable: [] },
    location: { postcode: '7551 AB', coordinates: { lat: 52.26, lon: 6.79 } },
  },
  TargetGroupStatusRecorded: { workerId: 'w1', inRegister: true, wageValueBp: 6000, validFrom: '2026-01-01', validUntil: '2026-12-31' },
  WageValueDecided: {
    decisionId: 'd1',
    workerId: 'w1',
    municipality: 'Hengelo',
    wageValueBp: 6000,
    from: '2026-01-01',
    reassessOn: '2027-01-01',
    by: 'operator:anna',
    reference: 'Besluit 2026/123 over Anna de Vries',
  },
  LksClaimCalculated: {
    claimId: 'c1',
    workerId: 'w1',
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
  PoolContractEnded: { workerId: 'w1', contractId: 'c1', lastDay: '2026-06-30', reason: 'Anna is ill' },
  HoursRegistered: { ...sheet, lines: [line, { ...line, day: '2026-03-03', remark: 'Anna went home ill' }], by: 'employer:e1' },
  TimesheetApproved: { ...sheet, lines: [{ ...line, remark: 'Anna left early' }], approvedVersion: 1, by: 'employer:e1' },
  TimesheetRejected: { timesheetId: 't1', reason: 'Anna was ill on Wednesday', by: 'employer:e1' },
  TimesheetCorrected: { timesheetId: 't1', lines: [{ ...line, remark: 'Anna ill' }], reason: 'Anna was ill', by: 'operator:anna' },
  PlacementEndedEarly: { placementId: 'p1', lastDay: '2026-03-31', reason: 'Anna could not cope with the work' },
  PlacementWithdrawn: { placementId: 'p1', reason: 'Anna is ill' },
};

describe('PERSONAL_DATA', () => {
  it.each(Object.keys(PERSONAL_DATA))('%s: a sample parses, and so does its erased form, without the personal values', (type) => {
    const version = poolEvents[type as keyof typeof poolEvents].version;
    const sample = samples[type];
    expect(sample).toBeDefined();
    expect(parsePoolEvent(type, version, sample)).toMatchObject({ ok: true });
    const spec = personalDataOf(type)!;
    // An event that does not name its subject takes it from its stream's first event (a sheet's HoursRegistered, a PlacementProposed).
    if (spec.subjectFrom === undefined) expect(typeof sample[spec.subjectField]).toBe('string');
    const erased = withErasedFields(type, sample, Object.keys(spec.fields));
    expect(parsePoolEvent(type, version, erased)).toMatchObject({ ok: true });
    expect(JSON.stringify(erased)).not.toMatch(/Anna|1990-04-01|7551 AB|6000/);
    expect(erased[spec.subjectField]).toBe(sample[spec.subjectField]);
  });

  it("leaves an erased timesheet's lines as they were but for their remarks", () => {
    const erased = withErasedFields('HoursRegistered', samples.HoursRegistered, ['lines[].remark']);
    expect(erased.lines).toEqual([line, { ...line, day: '2026-03-03' }]);
  });

  it('names only fields that its event schemas have', () => {
    for (const [type, spec] of Object.entries(PERSONAL_DATA)) {
      const schema = poolEvents[type as keyof typeof poolEvents].data as unknown as {
        shape?: Record<string, unknown>;
        in?: { shape?: Record<string, unknown> };
      };
      const shape = schema.shape ?? schema.in?.shape;
      expect(shape).toBeDefined();
      const named = spec.subjectFrom === undefined ? [spec.subjectField] : [];
      for (const field of [...named, ...Object.keys(spec.fields)]) {
        const item = itemFieldOf(field);
        expect(Object.keys(shape!)).toContain(item?.array ?? field);
        if (item) expect(Object.keys(itemShapeOf(shape![item.array]))).toContain(item.field);
      }
    }
  });

  it('knows no personal data in an event type it does not list', () => {
    expect(personalDataOf('SkillAdded')).toBeUndefined();
    expect(personalDataOf('toString')).toBeUndefined();
  });
});

/** The object shape of an array schema's items (z.array(z.object(...)), possibly with a max length). */
function itemShapeOf(schema: unknown): Record<string, unknown> {
  return (schema as { element: { shape: Record<string, unknown> } }).element.shape;
}
