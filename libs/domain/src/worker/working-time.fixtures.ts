import { EMPTY_RULE_BOOK, type RuleBook, type RuleRow } from '../rules/rule-book.js';
import type { WorkingTimeValues } from '../rules/rules.events.js';

/** The Working Hours Act limits as the pool seeds them (libs/domain/src/rules/rule-tables.seed.ts), open-ended from 2020. */
export const workingTimeRows: RuleRow<WorkingTimeValues>[] = [
  {
    table: 'working-time',
    effectiveFrom: '2020-01-01',
    revision: 0,
    values: {
      bands: [
        { minAge: 18, shiftHours: 12, weekHours: 60, fourWeekAverageHours: 55, sixteenWeekAverageHours: 48 },
        { minAge: 16, maxAge: 17, shiftHours: 9, weekHours: 45, fourWeekAverageHours: 40, night: { from: '23:00', until: '06:00' } },
        { minAge: 0, maxAge: 15, shiftHours: 8, weekHours: 12, night: { from: '19:00', until: '07:00' } },
      ],
    },
    source: { title: 'Arbeidstijdenwet', url: 'https://wetten.overheid.nl/BWBR0007671' },
  },
];

/** A rule book with only the working-time table: enough for the hours rules, which read no other. */
export const workingTimeBook: RuleBook = { ...EMPTY_RULE_BOOK, workingTime: workingTimeRows };
