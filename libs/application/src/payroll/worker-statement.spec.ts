import type { DayWage, PayLine, WorkerPay } from '@banenpool/domain';
import { reasonText, wageSourceOf, workerStatement } from './worker-statement.js';

const minimumWageRule = { table: 'minimum-wage' as const, effectiveFrom: '2027-01-01', revision: 0 };
const cao = { code: 'schoonmaak', effectiveFrom: '2026-07-01', revision: 1, scale: 'A', step: 1, scaleHourlyCents: 1560 };

const adultOnCao: DayWage = {
  day: '2027-03-01',
  hourlyCents: 1560,
  basis: 'cao',
  age: 30,
  cao: { ...cao, youthBp: 10000, hourlyCents: 1560 },
  minimumWage: { rule: minimumWageRule, youthBp: 10000, hourlyCents: 1480 },
};

const youngOnMinimum: DayWage = {
  day: '2027-03-01',
  hourlyCents: 585,
  basis: 'minimum_wage',
  age: 17,
  cao: { ...cao, youthBp: 3500, hourlyCents: 546 },
  minimumWage: { rule: minimumWageRule, youthBp: 3950, hourlyCents: 585 },
};

function line(day: string, minutes: number, wageCents: number, hourType: PayLine['hourType'] = 'normal'): PayLine {
  return {
    timesheetId: 'pl-anna-2027-W09',
    timesheetVersion: 2,
    lineIndex: 0,
    placementId: 'pl-anna',
    employerId: 'visschedijk',
    day,
    hourType,
    minutes,
    wage: { ...adultOnCao, day },
    rates: {
      wageShareBp: hourType === 'sick' ? 7000 : 10000,
      surchargeBp: hourType === 'overtime' ? 2500 : 0,
      surchargedMinutes: hourType === 'overtime' ? minutes : 0,
      holidayAllowanceBp: 800,
      pensionEmployeeBp: 0,
      pensionEmployerBp: 0,
      leaveAccrualBp: 1000,
    },
    amounts: {
      wageCents,
      surchargeCents: hourType === 'overtime' ? 195 : 0,
      holidayAllowanceCents: 100,
      pensionEmployeeCents: 0,
      pensionEmployerCents: 0,
    },
    leaveAccruedMinutes: minutes / 10,
    rules: [],
  };
}

describe('a worker’s statement', () => {
  it('says where the wage of a day came from: the CAO version, scale and step, or the minimum wage for the age', () => {
    expect(wageSourceOf(adultOnCao)).toBe(
      'CAO schoonmaak (version from 2026-07-01, revision 1), scale A step 1: € 15,60 an hour, ' +
        'not below the statutory minimum wage at age 30 (minimum-wage table from 2027-01-01, revision 0) of € 14,80',
    );
    expect(wageSourceOf(youngOnMinimum)).toBe(
      'the statutory minimum wage at age 17, 39,5 % of the adult wage (minimum-wage table from 2027-01-01, revision 0): € 5,85 an hour, ' +
        "above CAO schoonmaak (version from 2026-07-01, revision 1), scale A step 1 at the CAO's youth wage of 35 % of € 15,60 of € 5,46",
    );
  });

  it('groups the lines by day, in day order, with the hours and the gross of each day in euros', () => {
    const pay: WorkerPay = {
      workerId: 'anna',
      lines: [line('2027-03-02', 480, 12480), line('2027-03-01', 240, 3744), line('2027-03-01', 30, 780, 'overtime')],
      topUps: [],
      differences: [],
      totals: {
        wageCents: 17004,
        surchargeCents: 195,
        holidayAllowanceCents: 300,
        pensionEmployeeCents: 0,
        pensionEmployerCents: 0,
        paidMinutes: 750,
        topUpMinutes: 0,
        leaveAccruedMinutes: 75,
        grossCents: 17499,
      },
    };
    const period = { id: '2027-P03', kind: 'four_weeks' as const, from: '2027-03-01', to: '2027-03-28' };
    const statement = workerStatement({ payRunId: '2027-P03', period, status: 'calculated', attempt: 1 }, pay);
    expect(statement.days.map((d) => [d.day, d.hours, d.lines.length, d.gross.euros])).toEqual([
      ['2027-03-01', '4.50', 2, '€ 49,19'],
      ['2027-03-02', '8.00', 1, '€ 125,80'],
    ]);
    expect(statement.days[0].lines[1].calculation).toEqual([
      'overtime surcharge: 25 % over 0.50 of 0.50 hours',
      'holiday allowance reserved: 8 % of wage and surcharge',
      'holiday hours earned: 10 % of the hours',
    ]);
    expect(statement.totals).toMatchObject({ gross: { cents: 17499, euros: '€ 174,99' }, hoursPaid: '12.50', leaveEarnedHours: '1.25' });
  });

  it('gives each reason for a difference in words', () => {
    expect(reasonText({ kind: 'cao_changed', caoCode: 'schoonmaak', effectiveFrom: '2027-01-01', revision: 1 })).toBe(
      'CAO schoonmaak: the version from 2027-01-01 changed (revision 1)',
    );
    expect(reasonText({ kind: 'timesheet_corrected', timesheetId: 'pl-anna-2027-W05', version: 2 })).toBe(
      'timesheet pl-anna-2027-W05 was corrected after it was paid (approval 2)',
    );
  });
});
