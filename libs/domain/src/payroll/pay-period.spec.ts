import { DomainError } from '../shared/domain-error.js';
import { addDays } from '../shared/local-date.js';
import { nextPayPeriod, payPeriodOf, payPeriodsOf } from './pay-period.js';

const refusalCode = (act: () => unknown): string | undefined => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

describe('pay periods', () => {
  it('reads 2027-P03 as ISO weeks 9 to 12 of 2027', () => {
    expect(payPeriodOf('2027-P03', 'four_weeks')).toEqual({ id: '2027-P03', kind: 'four_weeks', from: '2027-03-01', to: '2027-03-28' });
  });

  it('starts the first four weeks on the Monday of ISO week 1, which may lie in the year before', () => {
    expect(payPeriodOf('2026-P01', 'four_weeks')).toMatchObject({ from: '2025-12-29', to: '2026-01-25' });
  });

  it('gives the thirteenth period five weeks in a year with an ISO week 53, four otherwise', () => {
    expect(payPeriodOf('2026-P13', 'four_weeks')).toMatchObject({ from: '2026-11-30', to: '2027-01-03' });
    expect(payPeriodOf('2027-P13', 'four_weeks')).toMatchObject({ from: '2027-12-06', to: '2028-01-02' });
  });

  it('reads 2027-03 as March 2027 and knows leap years', () => {
    expect(payPeriodOf('2027-03', 'month')).toEqual({ id: '2027-03', kind: 'month', from: '2027-03-01', to: '2027-03-31' });
    expect(payPeriodOf('2028-02', 'month')).toMatchObject({ to: '2028-02-29' });
  });

  it.each([
    ['2027-03', 'four_weeks'],
    ['2027-P03', 'month'],
    ['2027-P00', 'four_weeks'],
    ['2027-P14', 'four_weeks'],
    ['2027-13', 'month'],
    ['2027-00', 'month'],
    ['27-P03', 'four_weeks'],
    ['2027-P3', 'four_weeks'],
  ] as const)('refuses %s for a pool paying by %s', (id, kind) => {
    expect(refusalCode(() => payPeriodOf(id, kind))).toBe('invalid_pay_period');
  });

  it.each([['four_weeks'], ['month']] as const)('lists the %s periods of a year without gap or overlap, into the next year', (kind) => {
    const periods = [...payPeriodsOf(2026, kind), ...payPeriodsOf(2027, kind)];
    periods.slice(1).forEach((period, i) => expect(period.from).toBe(addDays(periods[i].to, 1)));
    expect(periods.map((period) => payPeriodOf(period.id, kind))).toEqual(periods);
  });

  it('moves to the next period, over the turn of the year', () => {
    expect(nextPayPeriod(payPeriodOf('2026-P02', 'four_weeks')).id).toBe('2026-P03');
    expect(nextPayPeriod(payPeriodOf('2026-P13', 'four_weeks'))).toMatchObject({ id: '2027-P01', from: '2027-01-04' });
    expect(nextPayPeriod(payPeriodOf('2026-12', 'month'))).toMatchObject({ id: '2027-01', from: '2027-01-01' });
  });
});
