import fc from 'fast-check';
import { addDays } from '../shared/local-date.js';
import { HOUR_TYPES, type TimesheetLine } from '../timesheet/timesheet.events.js';
import { cleaningContent, cleaningVersion, contract, fourWeeks, line, paidAs, payInput, sheet } from './pay-run.fixtures.js';
import type { PayComponents } from './pay-run.events.js';
import { payWorker } from './worker-pay.js';

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A line of a day: a start, a length of 1 minute to 10 hours (ending by midnight), a hour type and a break shorter than the span. */
const arbitraryLine = (day: string) =>
  fc
    .record({
      start: fc.integer({ min: 0, max: 20 * 60 - 1 }),
      length: fc.integer({ min: 1, max: 10 * 60 }),
      hourType: fc.constantFrom(...HOUR_TYPES),
      breakShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
    })
    .map(({ start, length, hourType, breakShare }) => {
      const end = Math.min(24 * 60, start + length);
      return line(day, clock(start), clock(end), hourType, Math.min(60, Math.floor((end - start) * breakShare)));
    });

/** A week of up to two lines a day. */
const arbitraryWeek = (monday: string): fc.Arbitrary<TimesheetLine[]> =>
  fc
    .tuple(...Array.from({ length: 7 }, (_, i) => fc.array(arbitraryLine(addDays(monday, i)), { maxLength: 2 })))
    .map((days) => days.flat());

const MONDAYS = ['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23'];

const COMPONENTS: (keyof PayComponents)[] = [
  'wageCents',
  'surchargeCents',
  'holidayAllowanceCents',
  'pensionEmployeeCents',
  'pensionEmployerCents',
];

describe('payWorker', () => {
  it('totals every component as the sum of the rounded components of lines, top-ups and differences', () => {
    fc.assert(
      fc.property(
        fc.tuple(...MONDAYS.map(arbitraryWeek)),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 99 }),
        (weeks, guaranteedDays, raise) => {
          const sheets = weeks.map((lines, i) => sheet(`2026-W${String(5 + i).padStart(2, '0')}`, lines));
          const contracts = [contract({ guaranteedHoursPerWeek: guaranteedDays * 8 })];
          const earlier = payInput({ sheets: sheets.slice(0, 4), contracts });
          const corrected = [cleaningVersion(cleaningContent({ wageScales: { A: [1600 + raise] } }), { revision: 1 })];
          const pay = payWorker(
            payInput({
              period: fourWeeks('2026-P03'),
              sheets,
              contracts,
              caoVersions: corrected,
              paid: [paidAs(earlier.period, payWorker(earlier))],
            }),
          );
          const parts = [
            ...pay.lines.map((l) => l.amounts),
            ...pay.topUps.map((t) => t.amounts),
            ...pay.differences.map((d) => d.difference),
          ];
          for (const component of COMPONENTS) expect(pay.totals[component]).toBe(parts.reduce((sum, part) => sum + part[component], 0));
          expect(pay.totals.grossCents).toBe(pay.totals.wageCents + pay.totals.surchargeCents + pay.totals.holidayAllowanceCents);
          expect(pay.totals.paidMinutes).toBe(pay.lines.reduce((sum, l) => sum + l.minutes, 0));
          for (const difference of pay.differences) {
            for (const component of COMPONENTS)
              expect(difference.difference[component]).toBe(difference.due[component] - difference.paid[component]);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
