import { minimumHourlyWage, youthPercentageFor } from './minimum-wage.js';

describe('minimum wage', () => {
  it.each([
    ['2025-01-01', 1406, '2025-01-01'],
    ['2025-06-30', 1406, '2025-01-01'],
    ['2025-07-01', 1440, '2025-07-01'],
    ['2026-01-01', 1471, '2026-01-01'],
    ['2030-05-01', 1471, '2026-01-01'],
  ])('on %s an adult earns at least %i cents an hour (table version %s)', (onDate, hourlyCents, tableVersion) => {
    expect(minimumHourlyWage('1980-06-15', onDate)).toEqual({ hourlyCents, tableVersion, age: expect.any(Number), youthBp: 10_000 });
  });

  it.each([
    ['2010-01-01', 16, 3450, 507],
    ['2009-01-01', 17, 3950, 581],
    ['2008-01-01', 18, 5000, 736],
    ['2007-01-01', 19, 6000, 883],
    ['2006-01-01', 20, 8000, 1177],
    ['2005-01-01', 21, 10_000, 1471],
  ])('someone born %s is %i on 2026-02-01: %i basis points, %i cents', (birthDate, age, youthBp, hourlyCents) => {
    expect(minimumHourlyWage(birthDate, '2026-02-01')).toEqual({ hourlyCents, tableVersion: '2026-01-01', age, youthBp });
  });

  it('changes on the birthday', () => {
    expect(minimumHourlyWage('2008-03-01', '2026-02-28').youthBp).toBe(3950);
    expect(minimumHourlyWage('2008-03-01', '2026-03-01').youthBp).toBe(5000);
  });

  it('refuses a date before the first table entry', () => {
    expect(() => minimumHourlyWage('1980-06-15', '2024-12-31')).toThrow(
      expect.objectContaining({ kind: 'rule', code: 'no_minimum_wage_known' }),
    );
  });

  it('refuses someone younger than 15', () => {
    expect(() => minimumHourlyWage('2012-01-01', '2026-02-01')).toThrow(
      expect.objectContaining({ kind: 'rule', code: 'worker_too_young' }),
    );
  });

  it('youthPercentageFor: listed ages, the youngest listed below them, 100 % above them', () => {
    const table = { 16: 4000, 17: 5000, 18: 6000 };
    expect(youthPercentageFor(table, 17)).toBe(5000);
    expect(youthPercentageFor(table, 15)).toBe(4000);
    expect(youthPercentageFor(table, 19)).toBe(10_000);
    expect(youthPercentageFor({}, 17)).toBe(10_000);
  });
});
