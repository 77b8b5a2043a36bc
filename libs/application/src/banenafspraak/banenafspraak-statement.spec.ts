import { isoWeekOf } from '@banenpool/domain';
import { mondayOfIsoWeek, quarterOfWeek, weeksOfQuarter, type BanenafspraakWorkerWeek } from '@banenpool/read-models';
import fc from 'fast-check';
import { banenafspraakStatement, banenafspraakStatementCsv, spreadsheetSafe } from './banenafspraak-statement.js';

const hirer = { employerId: 'visschedijk', name: 'Visschedijk Facilitair' };
const at = (workerId: string, name: string | null, week: string, minutes: number): BanenafspraakWorkerWeek => ({
  workerId,
  name,
  week,
  weekStart: mondayOfIsoWeek(week)!,
  minutes,
});

describe('the quarter of a week: the quarter of its Thursday', () => {
  it('gives 2027-Q1 the twelve weeks 2027-W01 to W12, from Monday 4 January to Sunday 28 March', () => {
    const statement = banenafspraakStatement(hirer, '2027-Q1', []);
    expect(statement).toMatchObject({ quarter: '2027-Q1', from: '2027-01-04', to: '2027-03-28', weekCount: 12 });
    expect(statement.weeks.map((w) => w.week)).toEqual(Array.from({ length: 12 }, (_, i) => `2027-W${String(i + 1).padStart(2, '0')}`));
  });

  it('never splits a week: one across New Year or a quarter’s end counts whole in the quarter of its Thursday', () => {
    // 2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027; its Thursday is 31 December.
    expect(quarterOfWeek('2026-12-28')).toBe('2026-Q4');
    // 2027-W13 runs from Monday 29 March; its Thursday is 1 April.
    expect(quarterOfWeek('2027-03-29')).toBe('2027-Q2');
    // 2026-W40 starts on Monday 28 September; its Thursday is 1 October.
    expect(quarterOfWeek('2026-09-28')).toBe('2026-Q4');
    expect(banenafspraakStatement(hirer, '2026-Q4', [])).toMatchObject({ from: '2026-09-28', to: '2027-01-03', weekCount: 14 });
  });

  it('puts every ISO week of a year in exactly one of its four quarters, in order, 12 to 14 to a quarter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2198 }), (year) => {
        const quarters = [1, 2, 3, 4].map((q) => weeksOfQuarter(`${year}-Q${q}`));
        const weeks = quarters.flat().map((w) => w.week);
        const yearWeeks = mondayOfIsoWeek(`${year}-W53`) ? 53 : 52;
        expect(weeks).toEqual(Array.from({ length: yearWeeks }, (_, i) => `${year}-W${String(i + 1).padStart(2, '0')}`));
        for (const ofQuarter of quarters) {
          expect(ofQuarter.length).toBeGreaterThanOrEqual(12);
          expect(ofQuarter.length).toBeLessThanOrEqual(14);
          for (const { week, weekStart } of ofQuarter) expect(isoWeekOf(weekStart)).toBe(week);
        }
      }),
    );
  });
});

describe('the jobs: minutes / (1530 × weeks), from the exact minutes', () => {
  it('counts 25.5 hours in every week of the quarter as one job, and a week of 25.5 hours as one job that week', () => {
    const rows = weeksOfQuarter('2027-Q1').map(({ week }) => at('anna', 'Anna de Vries', week, 1530));
    const statement = banenafspraakStatement(hirer, '2027-Q1', rows);
    expect(statement.totals).toEqual({ minutes: 18_360, hours: '306.00', jobs: '1.00', workers: 1 });
    expect(statement.weeks[0]).toEqual({
      week: '2027-W01',
      weekStart: '2027-01-04',
      minutes: 1530,
      hours: '25.50',
      jobs: '1.00',
      workers: 1,
    });
  });

  it('averages over all the quarter’s weeks, the empty ones too', () => {
    // 216 h in one week of a 12-week quarter: 12,960 / (1530 × 12) = 0.7058… jobs; that week alone: 8.47 jobs.
    const statement = banenafspraakStatement(hirer, '2027-Q1', [at('anna', 'Anna de Vries', '2027-W05', 12_960)]);
    expect(statement.totals).toMatchObject({ minutes: 12_960, hours: '216.00', jobs: '0.71' });
    expect(statement.weeks[4]).toMatchObject({ week: '2027-W05', jobs: '8.47' });
    expect(statement.weeks[5]).toMatchObject({ week: '2027-W06', minutes: 0, hours: '0.00', jobs: '0.00', workers: 0 });
  });

  it('rounds the total from the exact minutes, not by adding rounded figures', () => {
    // Three workers of 61 minutes: each 61 / 18,360 = 0.0033 → 0.00 jobs and 1.0167 → 1.02 h; together 183 / 18,360 = 0.00997 → 0.01.
    const rows = ['anna', 'bram', 'cem'].map((workerId) => at(workerId, workerId, '2027-W02', 61));
    const statement = banenafspraakStatement(hirer, '2027-Q1', rows);
    expect(statement.workers.map((w) => `${w.workerId} ${w.hours} ${w.jobs}`)).toEqual([
      'anna 1.02 0.00',
      'bram 1.02 0.00',
      'cem 1.02 0.00',
    ]);
    expect(statement.totals).toEqual({ minutes: 183, hours: '3.05', jobs: '0.01', workers: 3 });
  });
});

describe('the workers behind the figures', () => {
  const rows = [
    at('cem', 'Cem Yilmaz', '2027-W05', 1440),
    at('anna', 'Anna de Vries', '2027-W10', 720),
    at('anna', 'Anna de Vries', '2027-W05', 1440),
  ];
  const statement = banenafspraakStatement(hirer, '2027-Q1', rows);

  it('lists each worker by id with its weeks in order, and each week with its workers, adding up to the totals', () => {
    expect(statement.workers).toEqual([
      {
        workerId: 'anna',
        name: 'Anna de Vries',
        minutes: 2160,
        hours: '36.00',
        jobs: '0.12',
        weeks: [
          { week: '2027-W05', weekStart: '2027-02-01', minutes: 1440, hours: '24.00', jobs: '0.94' },
          { week: '2027-W10', weekStart: '2027-03-08', minutes: 720, hours: '12.00', jobs: '0.47' },
        ],
      },
      {
        workerId: 'cem',
        name: 'Cem Yilmaz',
        minutes: 1440,
        hours: '24.00',
        jobs: '0.08',
        weeks: [{ week: '2027-W05', weekStart: '2027-02-01', minutes: 1440, hours: '24.00', jobs: '0.94' }],
      },
    ]);
    expect(statement.weeks.filter((w) => w.minutes > 0)).toEqual([
      { week: '2027-W05', weekStart: '2027-02-01', minutes: 2880, hours: '48.00', jobs: '1.88', workers: 2 },
      { week: '2027-W10', weekStart: '2027-03-08', minutes: 720, hours: '12.00', jobs: '0.47', workers: 1 },
    ]);
    expect(statement.totals).toEqual({ minutes: 3600, hours: '60.00', jobs: '0.20', workers: 2 });
    expect(statement).toMatchObject({ employerId: 'visschedijk', employerName: 'Visschedijk Facilitair' });
    expect(statement.rules.weeks).toMatch(/Thursday/);
    expect(statement.rules.jobs).toMatch(/1530 × weeks/);
  });

  it('writes CSV: a row per worker and week, a total per worker, per week and for the quarter', () => {
    const lines = banenafspraakStatementCsv(statement).split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'row,employer_id,quarter,week,week_start,worker_id,worker_name,minutes,hours,jobs',
      'worker_week,visschedijk,2027-Q1,2027-W05,2027-02-01,anna,Anna de Vries,1440,24.00,0.94',
      'worker_week,visschedijk,2027-Q1,2027-W10,2027-03-08,anna,Anna de Vries,720,12.00,0.47',
      'worker_total,visschedijk,2027-Q1,,,anna,Anna de Vries,2160,36.00,0.12',
      'worker_week,visschedijk,2027-Q1,2027-W05,2027-02-01,cem,Cem Yilmaz,1440,24.00,0.94',
      'worker_total,visschedijk,2027-Q1,,,cem,Cem Yilmaz,1440,24.00,0.08',
    ]);
    expect(lines.slice(6, 18).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(
      statement.weeks.map((w) => `week_total,visschedijk,2027-Q1,${w.week},${w.weekStart}`),
    );
    expect(lines[10]).toBe('week_total,visschedijk,2027-Q1,2027-W05,2027-02-01,,,2880,48.00,1.88');
    expect(lines.slice(18)).toEqual(['quarter_total,visschedijk,2027-Q1,,,,,3600,60.00,0.20', '']);
  });

  it('quotes a name with a comma and writes one a spreadsheet would take for a formula as text', () => {
    const odd = banenafspraakStatement(hirer, '2027-Q1', [
      at('w1', 'Vries, Anna de', '2027-W01', 60),
      at('w2', '=HYPERLINK("x")', '2027-W01', 60),
    ]);
    const lines = banenafspraakStatementCsv(odd).split('\r\n');
    expect(lines[1]).toBe('worker_week,visschedijk,2027-Q1,2027-W01,2027-01-04,w1,"Vries, Anna de",60,1.00,0.04');
    expect(lines[3]).toBe('worker_week,visschedijk,2027-Q1,2027-W01,2027-01-04,w2,"\'=HYPERLINK(""x"")",60,1.00,0.04');
    expect(['=1+1', '+31', '-2', '@SUM(A1)', '\tx', 'Anna', '', "O'Brien"].map(spreadsheetSafe)).toEqual([
      "'=1+1",
      "'+31",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      'Anna',
      '',
      "O'Brien",
    ]);
  });
});
