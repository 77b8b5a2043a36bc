import type { CaoVersionContent } from './cao.events.js';

/** An illustrative CAO version for specs: scales A and B, its own youth percentages, weekend surcharges. */
export const sampleContent = (overrides: Partial<CaoVersionContent> = {}): CaoVersionContent => ({
  wageScales: { A: [1450, 1500, 1550], B: [1600, 1680] },
  youthBp: { 16: 4000, 17: 5000, 18: 6000, 19: 7000, 20: 8500 },
  surcharges: {
    timeBands: [
      { weekday: 'saturday', start: '00:00', end: '24:00', surchargeBp: 2500 },
      { weekday: 'sunday', start: '00:00', end: '24:00', surchargeBp: 5000 },
      { weekday: 'monday', start: '22:00', end: '24:00', surchargeBp: 3000 },
    ],
    publicHolidayBp: 10_000,
  },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
  ...overrides,
});
