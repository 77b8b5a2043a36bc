import { refuse } from '../shared/domain-error.js';
import { addDays, isoWeekOf, mondayOf, type Period } from '../shared/local-date.js';
import { isoWeek } from './timesheet.events.js';

/** The days (Monday to Sunday) of an ISO week 'YYYY-Www'; a week its year lacks (2027-W53) is refused. */
export function daysOfIsoWeek(week: string): Period {
  // ISO week 1 is the week holding 4 January.
  const monday = isoWeek.safeParse(week).success ? addDays(mondayOf(`${week.slice(0, 4)}-01-04`), 7 * (Number(week.slice(6)) - 1)) : '';
  if (monday === '' || isoWeekOf(monday) !== week) refuse('invalid_week', `"${week}" is not an ISO week (YYYY-Www) of its year.`);
  return { from: monday, to: addDays(monday, 6) };
}
