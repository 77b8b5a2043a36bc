import { given } from '../shared/given-when-then.js';
import type { LocalDate } from '../shared/local-date.js';
import type { WorkPattern } from '../shared/work-pattern.js';
import type { Hours } from '../shared/working-hours.js';
import type { CommitHours } from './worker.commands.js';
import { workerDecider } from './worker.decider.js';
import type { WorkerEvent } from './worker.events.js';
import { agreed, annaRegistered, committed, indefinite } from './worker.fixtures.js';
import { workingTimeBook } from './working-time.fixtures.js';

// The Working Hours Act as the worker stream judges it when hours are committed. 2026-03-02 is the
// Monday of ISO week 2026-W10; the contract allows 60 h a week, so the Act is what limits.

const bornOn = (birthDate: LocalDate): WorkerEvent[] => [
  { type: 'WorkerRegistered', data: { ...annaRegistered.data, birthDate } } as WorkerEvent,
  agreed('c1', indefinite('2025-01-01', 60)),
];
const adult = bornOn('2000-05-10');

const commit = (placementId: string, hoursPerWeek: Hours, from: LocalDate, to: LocalDate, pattern?: WorkPattern): CommitHours => ({
  type: 'CommitHours',
  placementId,
  hoursPerWeek,
  period: { from, to },
  ...(pattern ? { pattern } : {}),
  rules: workingTimeBook,
});
const committedWith = (placementId: string, hoursPerWeek: Hours, from: LocalDate, to: LocalDate, pattern: WorkPattern): WorkerEvent => {
  const event = committed(placementId, hoursPerWeek, from, to);
  return { ...event, data: { ...event.data, pattern } } as WorkerEvent;
};
const days = (hours: number, ...weekdays: (keyof WorkPattern)[]): WorkPattern =>
  Object.fromEntries(weekdays.map((weekday) => [weekday, { hours }]));

describe('Working Hours Act over all commitments (CommitHours)', () => {
  describe('per ISO week, counting only the days of each placement inside it', () => {
    it('accepts 60 h in one week', () =>
      given(workerDecider, adult)
        .when(commit('p1', 60, '2026-03-02', '2026-03-08'))
        .then([committed('p1', 60, '2026-03-02', '2026-03-08')]));

    it('accepts a handover from Wednesday to Thursday that would be 120 h if each placement counted in full', () =>
      given(workerDecider, [...adult, committed('p1', 60, '2026-03-02', '2026-03-04')])
        .when(commit('p2', 60, '2026-03-05', '2026-03-13'))
        .then([committed('p2', 60, '2026-03-05', '2026-03-13')]));

    it('refuses the same handover overlapping on the Wednesday, naming the week and the hours', () =>
      given(workerDecider, [...adult, committed('p1', 60, '2026-03-02', '2026-03-04')])
        .when(commit('p2', 60, '2026-03-04', '2026-03-13'))
        .thenRefused('working_week_limit_exceeded', {
          message:
            'In week 2026-W10 the worker would work 72 h a week (36 h already committed + 36 h for this placement), ' +
            'more than the Working Hours Act limit of 60 h a week for a worker aged 18 or older.',
        }));

    it('adds up the hours of every hirer', () =>
      given(workerDecider, [...adult, committed('p1', 40, '2026-03-02', '2026-03-08')])
        .when(commit('p2', 24, '2026-03-02', '2026-03-08'))
        .thenRefused('working_week_limit_exceeded', { message: '64 h a week (40 h already committed + 24 h for this placement)' }));

    it('refuses more than the contract maximum with its own code', () =>
      given(workerDecider, [...bornOn('2000-05-10').slice(0, 1), agreed('c1', indefinite('2025-01-01', 32))])
        .when(commit('p1', 36, '2026-03-02', '2026-03-08'))
        .thenRefused('hours_limit_exceeded', { message: "more than the maximum of 32 h a week in the worker's pool contract" }));
  });

  describe('averages', () => {
    it('refuses 60 h a week for 5 weeks: 55 h on average over 4 weeks', () =>
      given(workerDecider, adult)
        .when(commit('p1', 60, '2026-03-02', '2026-04-05'))
        .thenRefused('four_week_average_exceeded', {
          message:
            'From 2026-W10 to 2026-W13 the worker would work 240 h (0 h already committed + 240 h for this placement), ' +
            "an average of 60 h a week, more than the Working Hours Act's average of 55 h a week over 4 weeks for a worker aged 18 or older.",
        }));

    it('counts the weeks around the new placement, and weeks without work as 0 h', () => {
      // 60 h for 2 weeks, then a week off: a third 60 h week after it makes 180 h in 4 weeks, 45 on average.
      const earlier = [...adult, committed('p1', 60, '2026-03-02', '2026-03-15')];
      given(workerDecider, earlier)
        .when(commit('p2', 60, '2026-03-23', '2026-03-29'))
        .then([committed('p2', 60, '2026-03-23', '2026-03-29')]);
      given(workerDecider, earlier)
        .when(commit('p2', 60, '2026-03-16', '2026-03-29'))
        .thenRefused('four_week_average_exceeded', { message: 'From 2026-W10 to 2026-W13' });
    });

    it('refuses 50 h a week for 16 weeks (48 h on average), accepting 15 of them', () => {
      given(workerDecider, adult)
        .when(commit('p1', 50, '2026-03-02', '2026-06-14'))
        .then([committed('p1', 50, '2026-03-02', '2026-06-14')]);
      given(workerDecider, adult)
        .when(commit('p1', 50, '2026-03-02', '2026-06-21'))
        .thenRefused('sixteen_week_average_exceeded', {
          message:
            'From 2026-W10 to 2026-W25 the worker would work 800 h (0 h already committed + 800 h for this placement), an average of 50 h',
        });
    });

    it('judges a window by the commitments before and after the new one', () =>
      given(workerDecider, [...adult, committed('p1', 50, '2026-03-02', '2026-04-26'), committed('p2', 50, '2026-05-04', '2026-06-21')])
        .when(commit('p3', 50, '2026-04-27', '2026-05-03'))
        .thenRefused('sixteen_week_average_exceeded', { message: '(750 h already committed + 50 h for this placement)' }));
  });

  describe('per day', () => {
    it('refuses more than 12 h on a day for an adult', () =>
      given(workerDecider, adult)
        .when(commit('p1', 26, '2026-03-02', '2026-03-08', { monday: { hours: 13 }, tuesday: { hours: 13 } }))
        .thenRefused('shift_limit_exceeded', {
          message:
            'On 2026-03-02 (2026-W10) the worker would work 13 h (0 h already committed + 13 h for this placement), ' +
            "more than the Working Hours Act's 12 h a shift for a worker aged 25.",
        }));

    it('adds up the day of every hirer', () =>
      given(workerDecider, [...adult, committedWith('p1', 8, '2026-03-02', '2026-03-08', days(8, 'monday'))])
        .when(commit('p2', 5, '2026-03-02', '2026-03-08', days(5, 'monday')))
        .thenRefused('shift_limit_exceeded', { message: '(8 h already committed + 5 h for this placement)' }));
  });

  describe('by age on each day', () => {
    const seventeen = bornOn('2009-01-01');
    const fifteen = bornOn('2011-01-01');

    it('refuses 46 h a week for a 17-year-old', () =>
      given(workerDecider, seventeen)
        .when(commit('p1', 46, '2026-03-02', '2026-03-08'))
        .thenRefused('working_week_limit_exceeded', {
          message: 'more than the Working Hours Act limit of 45 h a week for a worker aged 16 to 17',
        }));

    it('refuses 45 h a week for a 17-year-old for 4 weeks (40 h on average)', () =>
      given(workerDecider, seventeen)
        .when(commit('p1', 45, '2026-03-02', '2026-03-29'))
        .thenRefused('four_week_average_exceeded', { message: 'average of 40 h a week over 4 weeks for a worker aged 16 to 17' }));

    it('refuses a 17-year-old a 10-hour day', () =>
      given(workerDecider, seventeen)
        .when(commit('p1', 20, '2026-03-02', '2026-03-08', days(10, 'monday', 'tuesday')))
        .thenRefused('shift_limit_exceeded', { message: '9 h a shift for a worker aged 17' }));

    it('refuses 40 h a week for a 15-year-old, and accepts 12', () => {
      given(workerDecider, fifteen)
        .when(commit('p1', 40, '2026-03-02', '2026-03-08'))
        .thenRefused('working_week_limit_exceeded', { message: 'limit of 12 h a week for a worker aged 15 or younger' });
      given(workerDecider, fifteen)
        .when(commit('p1', 12, '2026-03-02', '2026-03-08'))
        .then([committed('p1', 12, '2026-03-02', '2026-03-08')]);
    });

    describe('an 18th birthday on Wednesday 2026-03-11', () => {
      const turning18 = bornOn('2008-03-11');

      it('allows adult shifts from that day on, not the day before', () => {
        given(workerDecider, turning18)
          .when(commit('p1', 30, '2026-03-11', '2026-03-13', days(10, 'wednesday', 'thursday', 'friday')))
          .then([committedWith('p1', 30, '2026-03-11', '2026-03-13', days(10, 'wednesday', 'thursday', 'friday'))]);
        given(workerDecider, turning18)
          .when(commit('p1', 40, '2026-03-10', '2026-03-13', days(10, 'tuesday', 'wednesday', 'thursday', 'friday')))
          .thenRefused('shift_limit_exceeded', { message: 'On 2026-03-10 (2026-W11) the worker would work 10 h' });
      });

      it('allows adult weeks from the birthday on', () =>
        given(workerDecider, turning18)
          .when(commit('p1', 50, '2026-03-11', '2026-04-26'))
          .then([committed('p1', 50, '2026-03-11', '2026-04-26')]));

      it('holds a week with days worked at 17 to the strictest band of its days', () =>
        given(workerDecider, [...turning18, committedWith('p1', 16, '2026-03-09', '2026-03-10', days(8, 'monday', 'tuesday'))])
          .when(commit('p2', 36, '2026-03-11', '2026-03-13', days(12, 'wednesday', 'thursday', 'friday')))
          .thenRefused('working_week_limit_exceeded', {
            message: '52 h a week (16 h already committed + 36 h for this placement), more than the Working Hours Act limit of 45 h',
          }));
    });

    describe('at night, by the agreed times', () => {
      const evening = (start: string, end: string): WorkPattern => ({ monday: { hours: 4, start, end } });

      it('refuses a 17-year-old working from 22:00 to 02:00', () =>
        given(workerDecider, seventeen)
          .when(commit('p1', 4, '2026-03-02', '2026-03-08', evening('22:00', '02:00')))
          .thenRefused('night_work_not_allowed', {
            message:
              'On 2026-03-02 placement p1 is worked from 22:00 to 02:00, but a worker aged 17 may not work between 23:00 and 06:00 (Working Hours Act).',
          }));

      it('accepts a 17-year-old until 23:00, and an adult through the night', () => {
        given(workerDecider, seventeen)
          .when(commit('p1', 4, '2026-03-02', '2026-03-08', evening('19:00', '23:00')))
          .then([committedWith('p1', 4, '2026-03-02', '2026-03-08', evening('19:00', '23:00'))]);
        given(workerDecider, adult)
          .when(commit('p1', 4, '2026-03-02', '2026-03-08', evening('22:00', '02:00')))
          .then([committedWith('p1', 4, '2026-03-02', '2026-03-08', evening('22:00', '02:00'))]);
      });

      it('refuses a 15-year-old after 19:00 and before 07:00', () => {
        given(workerDecider, fifteen)
          .when(commit('p1', 4, '2026-03-02', '2026-03-08', evening('16:00', '20:00')))
          .thenRefused('night_work_not_allowed', { message: 'between 19:00 and 07:00' });
        given(workerDecider, fifteen)
          .when(commit('p1', 4, '2026-03-02', '2026-03-08', evening('06:00', '10:00')))
          .thenRefused('night_work_not_allowed');
      });
    });
  });

  describe('the pattern', () => {
    it('refuses one whose days do not add up to the hours a week', () =>
      given(workerDecider, adult)
        .when(commit('p1', 24, '2026-03-02', '2026-03-08', days(8, 'monday', 'tuesday')))
        .thenRefused('pattern_hours_mismatch', {
          message: 'The work pattern adds up to 16 h a week, but the placement is for 24 h a week',
        }));

    it('committing the same pattern again changes nothing; another pattern replaces it', () => {
      const history = [...adult, committedWith('p1', 16, '2026-03-02', '2026-03-08', days(8, 'monday', 'tuesday'))];
      given(workerDecider, history)
        .when(commit('p1', 16, '2026-03-02', '2026-03-08', { tuesday: { hours: 8 }, monday: { hours: 8 } }))
        .then([]);
      given(workerDecider, history)
        .when(commit('p1', 16, '2026-03-02', '2026-03-08', days(8, 'monday', 'friday')))
        .then([committedWith('p1', 16, '2026-03-02', '2026-03-08', days(8, 'monday', 'friday'))]);
    });
  });
});
