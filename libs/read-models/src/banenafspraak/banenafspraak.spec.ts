import type { HourType } from '@banenpool/domain';
import type { Approval } from '../shared/approved-timesheets.js';
import { attributedMinutes, banenafspraakSheet } from './banenafspraak.projection.js';
import { hoursOfMinutes, jobsOfMinutes } from './job-count.js';

describe('banenafspraak figures from minutes', () => {
  it('gives hours with two decimals, rounded half up', () => {
    expect([0, 864, 1440, 1, 59, 12_960].map(hoursOfMinutes)).toEqual(['0.00', '14.40', '24.00', '0.02', '0.98', '216.00']);
    expect(hoursOfMinutes('28224')).toBe('470.40');
  });

  it('gives the average jobs over the weeks, 25.5 h a week = 1 job, rounded half up', () => {
    expect(jobsOfMinutes(1530, 1)).toBe('1.00');
    expect(jobsOfMinutes(12_960, 14)).toBe('0.61'); // 216 h over 14 weeks: 0.605
    expect(jobsOfMinutes(765, 100)).toBe('0.01'); // 0.005: half up
    expect(jobsOfMinutes(764, 100)).toBe('0.00');
    expect(() => jobsOfMinutes(60, 0)).toThrow(RangeError);
  });
});

describe('approved hours in the register', () => {
  const line = (day: string, start: string, end: string, hourType: HourType = 'normal', breakMinutes = 30) => ({
    day,
    start,
    end,
    breakMinutes,
    hourType,
  });
  // Gijs at Akkermans in week 18 of 2027 (Monday 3 May): Monday 8 h, Tuesday sick 8 h, Thursday 4 h in two stretches.
  const approval = (approvedVersion = 1): Approval => ({
    timesheetId: 'gijs-akkermans-2027-W18',
    placementId: 'gijs-akkermans',
    workerId: 'gijs',
    employerId: 'akkermans',
    week: '2027-W18',
    lines: [
      line('2027-05-03', '08:00', '16:30'),
      line('2027-05-04', '08:00', '16:00', 'sick', 0),
      line('2027-05-06', '08:00', '10:00', 'normal', 0),
      line('2027-05-06', '13:00', '15:15', 'overtime', 15),
    ],
    approvedVersion,
    by: 'employer:akkermans',
  });
  const [sheet] = banenafspraakSheet(approval());
  const minutesIn = (history: Parameters<typeof attributedMinutes>[1]) =>
    attributedMinutes(sheet, history).map((r) => `${r.week} ${r.minutes}`);

  it('keeps the paid minutes of each day of the latest approval, sick hours included', () => {
    expect(sheet).toEqual({
      timesheetId: 'gijs-akkermans-2027-W18',
      placementId: 'gijs-akkermans',
      weekStart: '2027-05-03',
      hirerId: 'akkermans',
      workerId: 'gijs',
      approvedVersion: 1,
      minutesByDay: { '2027-05-03': 480, '2027-05-04': 480, '2027-05-06': 240 },
    });
    expect(banenafspraakSheet({ ...approval(), week: '2027-W53' })).toEqual([]);
  });

  it('counts the days on which the worker is in the register, at the hirer, in the quarter of the week', () => {
    expect(attributedMinutes(sheet, [{ inRegister: true }])).toEqual([
      {
        placementId: 'gijs-akkermans',
        weekStart: '2027-05-03',
        week: '2027-W18',
        quarter: '2027-Q2',
        hirerId: 'akkermans',
        workerId: 'gijs',
        minutes: 1200,
      },
    ]);
    // In the register from Tuesday: Monday's 8 h do not count.
    expect(minutesIn([{ inRegister: true, validFrom: '2027-05-04' }])).toEqual(['2027-W18 720']);
    // Out of it after Monday.
    expect(minutesIn([{ inRegister: true, validUntil: '2027-05-03' }])).toEqual(['2027-W18 480']);
    expect(minutesIn([{ inRegister: false }])).toEqual([]);
    expect(minutesIn([])).toEqual([]);
  });
});
