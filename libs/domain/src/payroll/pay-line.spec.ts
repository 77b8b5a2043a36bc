import { DomainError } from '../shared/domain-error.js';
import { mulDivRoundHalfUp } from '../shared/money.js';
import { fastMulDivRoundHalfUp } from './pay-line.js';
import type { HourType } from '../timesheet/timesheet.events.js';
import { cleaning, cleaningContent, cleaningVersion, fourWeeks, line, payInput, payrollRules, sheet } from './pay-run.fixtures.js';
import { payPeriodOf } from './pay-period.js';
import type { PayLine } from './pay-run.events.js';
import type { WorkerPayInput } from './worker-pay.js';
import { payWorker } from './worker-pay.js';

/** The CAO wage below the minimum wage, so that the minimum wage (€14.71 in 2026) is what is paid. */
const belowMinimum = [cleaningVersion(cleaningContent({ wageScales: { A: [1400] } }))];

const linesOf = (input: WorkerPayInput): readonly PayLine[] => payWorker(input).lines;
/** The one line paid for one registered line of a sheet in week 2026-W06 (2 to 8 February). */
const paidLine = (registered: ReturnType<typeof line>, overrides: Partial<WorkerPayInput> = {}): PayLine => {
  const lines = linesOf(payInput({ sheets: [sheet('2026-W06', [registered])], ...overrides }));
  expect(lines).toHaveLength(1);
  return lines[0];
};
const refusalOf = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a refusal');
};

describe('pay lines', () => {
  it('pays normal hours at the wage of the day, with 8 % holiday allowance, the pension shares and the holiday hours earned', () => {
    const paid = paidLine(line('2026-02-03', '09:00', '17:30', 'normal', 30));
    expect(paid).toMatchObject({
      timesheetId: 'p1-2026-W06',
      timesheetVersion: 1,
      lineIndex: 0,
      placementId: 'p1',
      employerId: 'visschedijk',
      day: '2026-02-03',
      minutes: 480,
      wage: { hourlyCents: 1600, basis: 'cao', cao: { code: 'schoonmaak', effectiveFrom: '2025-01-01', revision: 0 } },
      rates: {
        wageShareBp: 10_000,
        surchargeBp: 0,
        surchargedMinutes: 0,
        holidayAllowanceBp: 800,
        pensionEmployeeBp: 750,
        pensionEmployerBp: 1250,
        leaveAccrualBp: 769,
      },
      amounts: { wageCents: 12_800, surchargeCents: 0, holidayAllowanceCents: 1024, pensionEmployeeCents: 960, pensionEmployerCents: 1600 },
      // 480 × 7.69 % = 36.9
      leaveAccruedMinutes: 37,
      rules: [
        { table: 'holiday-allowance', effectiveFrom: '2020-01-01', revision: 0 },
        { table: 'sick-pay-and-leave', effectiveFrom: '2020-01-01', revision: 0 },
      ],
    });
  });

  describe('rounding: each component half up on its own, totals are sums', () => {
    it('pays 7 h 20 min at €14.71 as €107.87 (107.8733…), the holiday allowance 8 % of the exact wage', () => {
      const paid = paidLine(line('2026-02-03', '09:00', '16:50', 'normal', 30), { caoVersions: belowMinimum });
      expect(paid.wage).toMatchObject({ hourlyCents: 1471, basis: 'minimum_wage' });
      expect(paid.amounts).toEqual({
        wageCents: 10_787,
        surchargeCents: 0,
        holidayAllowanceCents: 863, // 862.99
        pensionEmployeeCents: 809, // 809.05
        pensionEmployerCents: 1348, // 1348.42
      });
      expect(paid.leaveAccruedMinutes).toBe(34); // 440 × 7.69 % = 33.8
    });

    it('rounds half a cent up: 30 minutes at €14.71 is €7.355, paid €7.36; two such lines are €14.72, not the €14.71 of one hour', () => {
      const halfHours = [line('2026-02-03', '09:00', '09:30'), line('2026-02-03', '10:00', '10:30')];
      const pay = payWorker(payInput({ sheets: [sheet('2026-W06', halfHours)], caoVersions: belowMinimum }));
      expect(pay.lines.map((l) => l.amounts.wageCents)).toEqual([736, 736]);
      expect(pay.totals.wageCents).toBe(1472);
    });

    it('takes the holiday allowance of the exact wage, not of its rounded cents (1 h 05 min at €14.71)', () => {
      const paid = paidLine(line('2026-02-03', '09:00', '10:05'), { caoVersions: belowMinimum });
      // 1593.583… → 1594; 8 % of 1593.583… is 127.49 → 127 (8 % of 1594 would be 127.52 → 128)
      expect(paid.amounts).toMatchObject({ wageCents: 1594, holidayAllowanceCents: 127 });
    });
  });

  describe('hour types', () => {
    const eightHours = (hourType: HourType, day = '2026-02-03') => line(day, '09:00', '17:00', hourType);

    it('adds the CAO overtime surcharge to overtime, with holiday allowance on both', () => {
      expect(paidLine(eightHours('overtime'))).toMatchObject({
        rates: { surchargeBp: 2500, surchargedMinutes: 480 },
        amounts: { wageCents: 12_800, surchargeCents: 3200, holidayAllowanceCents: 1280 },
      });
    });

    it('adds no overtime surcharge when the CAO version does not state one', () => {
      const noOvertime = cleaningContent();
      const { overtimeBp: _none, ...surcharges } = noOvertime.surcharges;
      const caoVersions = [cleaningVersion({ ...noOvertime, surcharges })];
      expect(paidLine(eightHours('overtime'), { caoVersions }).amounts).toMatchObject({ wageCents: 12_800, surchargeCents: 0 });
    });

    it('adds the public-holiday surcharge to hours on a public holiday', () => {
      expect(paidLine(eightHours('public_holiday')).amounts).toMatchObject({ wageCents: 12_800, surchargeCents: 12_800 });
    });

    it('pays leave at the full wage without a surcharge, also on a Sunday', () => {
      expect(paidLine(eightHours('leave', '2026-02-08'))).toMatchObject({
        rates: { wageShareBp: 10_000, surchargeBp: 0 },
        amounts: { wageCents: 12_800, surchargeCents: 0, holidayAllowanceCents: 1024 },
        leaveAccruedMinutes: 37,
      });
    });

    it('pays sickness at the 70 % of the sick-pay table when that is above the minimum wage', () => {
      const caoVersions = [cleaningVersion(cleaningContent({ wageScales: { A: [2400] } }))];
      expect(paidLine(eightHours('sick', '2026-02-08'), { caoVersions })).toMatchObject({
        rates: { wageShareBp: 7000, surchargeBp: 0 },
        // 70 % of €24.00 = €16.80 an hour; no Sunday surcharge on sickness
        amounts: { wageCents: 13_440, surchargeCents: 0 },
        rules: [{ table: 'holiday-allowance' }, { table: 'sick-pay-and-leave', effectiveFrom: '2020-01-01' }],
      });
    });

    it('never pays sickness below the minimum wage for the age that day', () => {
      // 70 % of €16.00 = €11.20 an hour, below the €14.71 minimum: 8 h at €14.71
      expect(paidLine(eightHours('sick')).amounts).toMatchObject({ wageCents: 11_768, holidayAllowanceCents: 941 });
    });
  });

  describe('irregular hours: the CAO time bands of the weekday', () => {
    it('surcharges the minutes in each band, taking the break from the least surcharged band when it must fall inside one', () => {
      // Monday 20:00–24:00, 30 min break: 120 min at 30 % (22–24), 90 of the 120 at 15 % (18–22)
      const paid = paidLine(line('2026-02-02', '20:00', '24:00', 'irregular', 30));
      expect(paid.minutes).toBe(210);
      expect(paid.rates).toMatchObject({
        surchargeBp: 2357, // 495 000 ÷ 210, for information
        surchargedMinutes: 210,
        timeBands: [
          { start: '18:00', end: '22:00', surchargeBp: 1500, minutes: 90 },
          { start: '22:00', end: '24:00', surchargeBp: 3000, minutes: 120 },
        ],
      });
      // €16.00 × (120 × 30 % + 90 × 15 %) ÷ 60
      expect(paid.amounts).toMatchObject({ wageCents: 5600, surchargeCents: 1320 });
    });

    it('takes the break from the minutes outside the bands first', () => {
      // Monday 16:00–20:00 with an hour's break: 180 worked, all 120 band minutes surcharged
      const paid = paidLine(line('2026-02-02', '16:00', '20:00', 'irregular', 60));
      expect(paid.rates).toMatchObject({ surchargeBp: 1500, surchargedMinutes: 120 });
      expect(paid.amounts.surchargeCents).toBe(480);
    });

    it('surcharges a whole Saturday band, and nothing on a weekday without bands', () => {
      expect(paidLine(line('2026-02-07', '10:00', '14:00', 'irregular')).amounts.surchargeCents).toBe(1600);
      expect(paidLine(line('2026-02-03', '10:00', '14:00', 'irregular')).rates).toMatchObject({ surchargeBp: 0, surchargedMinutes: 0 });
    });

    it('surcharges normal hours in a band nothing: only irregular hours earn the bands', () => {
      expect(paidLine(line('2026-02-07', '10:00', '14:00', 'normal')).amounts.surchargeCents).toBe(0);
    });
  });

  describe('holiday allowance', () => {
    it("reserves the CAO's percentage when it gives more than the statutory 8 %", () => {
      const caoVersions = [cleaningVersion(cleaningContent({ holidayPayBp: 850 }))];
      expect(paidLine(line('2026-02-03', '09:00', '17:00'), { caoVersions })).toMatchObject({
        rates: { holidayAllowanceBp: 850 },
        amounts: { holidayAllowanceCents: 1088 },
      });
    });

    it('reserves the statutory minimum when the rule table gives more than the CAO', () => {
      const [row] = payrollRules.holidayAllowance;
      const rules = { ...payrollRules, holidayAllowance: [{ ...row, values: { minimumBp: 900 } }] };
      expect(paidLine(line('2026-02-03', '09:00', '17:00'), { rules })).toMatchObject({
        rates: { holidayAllowanceBp: 900 },
        amounts: { holidayAllowanceCents: 1152 },
      });
    });
  });

  describe('pension', () => {
    it("takes no pension premium when the hirer's terms do not apply", () => {
      const placements = new Map([['p1', cleaning(false)]]);
      expect(paidLine(line('2026-02-03', '09:00', '17:00'), { placements })).toMatchObject({
        rates: { pensionEmployeeBp: 0, pensionEmployerBp: 0 },
        amounts: { pensionEmployeeCents: 0, pensionEmployerCents: 0 },
      });
    });

    it('takes none when the CAO version has no pension premium', () => {
      const caoVersions = [cleaningVersion(cleaningContent({ pensionPremium: undefined }))];
      expect(paidLine(line('2026-02-03', '09:00', '17:00'), { caoVersions }).amounts).toMatchObject({
        pensionEmployeeCents: 0,
        pensionEmployerCents: 0,
      });
    });

    it('takes the premium of wage and surcharge together', () => {
      // (12 800 + 3 200) × 7.5 % and × 12.5 %
      expect(paidLine(line('2026-02-03', '09:00', '17:00', 'overtime')).amounts).toMatchObject({
        pensionEmployeeCents: 1200,
        pensionEmployerCents: 2000,
      });
    });
  });

  describe('the wage of each day', () => {
    it('given a 17-year-old turning 18 inside the period, then she gets two wages, each on its own days', () => {
      const youthWages = [cleaningVersion(cleaningContent({ youthBp: { 16: 4000, 17: 5000, 18: 6000, 19: 7000, 20: 8500 } }))];
      const lines = linesOf(
        payInput({
          birthDate: '2008-02-10',
          caoVersions: youthWages,
          sheets: [sheet('2026-W07', [line('2026-02-09', '09:00', '17:00'), line('2026-02-10', '09:00', '17:00')])],
        }),
      );
      expect(lines.map((l) => [l.day, l.wage.age, l.wage.hourlyCents, l.amounts.wageCents])).toEqual([
        ['2026-02-09', 17, 800, 6400],
        ['2026-02-10', 18, 960, 7680],
      ]);
    });

    it('given a period over 1 January, then the new minimum-wage row applies from that day', () => {
      const days = [line('2025-12-31', '09:00', '17:00'), line('2026-01-02', '09:00', '17:00')];
      const lines = linesOf(payInput({ period: fourWeeks('2026-P01'), caoVersions: belowMinimum, sheets: [sheet('2026-W01', days)] }));
      expect(lines.map((l) => [l.day, l.wage.hourlyCents, l.wage.minimumWage.rule.effectiveFrom, l.amounts.wageCents])).toEqual([
        ['2025-12-31', 1440, '2025-07-01', 11_520],
        ['2026-01-02', 1471, '2026-01-01', 11_768],
      ]);
    });

    it('given a period over 1 July, then the row published for the second half of 2026 applies from that day', () => {
      const days = [line('2026-06-30', '09:00', '17:00'), line('2026-07-01', '09:00', '17:00')];
      const lines = linesOf(payInput({ period: fourWeeks('2026-P07'), caoVersions: belowMinimum, sheets: [sheet('2026-W27', days)] }));
      expect(lines.map((l) => [l.day, l.wage.hourlyCents, l.wage.minimumWage.rule.effectiveFrom])).toEqual([
        ['2026-06-30', 1471, '2026-01-01'],
        ['2026-07-01', 1500, '2026-07-01'],
      ]);
    });
  });

  it("pays only the days of a sheet inside the period: a week over the period's edge is paid in two runs", () => {
    // Week 2026-W05 runs from Monday 26 January to Sunday 1 February; the pool pays by month
    const edge = sheet('2026-W05', [line('2026-01-31', '09:00', '17:00'), line('2026-02-01', '09:00', '17:00')]);
    const month = (id: string) => payPeriodOf(id, 'month');
    expect(linesOf(payInput({ period: month('2026-01'), sheets: [edge] })).map((l) => l.day)).toEqual(['2026-01-31']);
    expect(linesOf(payInput({ period: month('2026-02'), sheets: [edge] })).map((l) => l.day)).toEqual(['2026-02-01']);
  });

  it('rounds as mulDivRoundHalfUp does, without BigInt while the numbers stay safe', () => {
    const cases = [
      [735_5, 1, 10],
      [1, 1, 2],
      [3, 1, 2],
      [7_680_000_000, 800, 6_000_000_000],
      [Number.MAX_SAFE_INTEGER, 3, 7],
      [0, 5, 3],
    ];
    for (let i = 1; i < 2000; i++) cases.push([i * 104_729, (i * 7919) % 30_001, 1 + ((i * 7_777_777) % 6_000_000_000)]);
    for (const [value, numerator, denominator] of cases) {
      expect(fastMulDivRoundHalfUp(value, numerator, denominator)).toBe(mulDivRoundHalfUp(value, numerator, denominator));
    }
  });

  it('refuses a line whose break is longer than the line', () => {
    const error = refusalOf(() => paidLine(line('2026-02-03', '09:00', '10:00', 'normal', 90)));
    expect(error.code).toBe('invalid_timesheet_line');
  });

  it('refuses hours on a placement it was not given', () => {
    const error = refusalOf(() => paidLine(line('2026-02-03', '09:00', '10:00'), { placements: new Map() }));
    expect(error.code).toBe('placement_not_found');
  });
});
