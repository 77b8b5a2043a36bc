import { emptyPlacementFacts } from '../shared/placement-facts.js';
import { toQuarterHours } from '../shared/hours.js';
import { attributedMinutes } from './banenafspraak.projection.js';
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

describe('attributedMinutes', () => {
  const placement = (from: string, to: string, workPattern: Parameters<typeof attributedMinutes>[0]['workPattern'] = null) => ({
    ...emptyPlacementFacts('p1'),
    workerId: 'gijs',
    employerId: 'akkermans',
    siteId: 'main',
    functionName: 'inpakker',
    hoursQuarters: toQuarterHours(30),
    periodFrom: from,
    periodTo: to,
    confirmed: true,
    workPattern,
  });
  const minutesByWeek = (rows: ReturnType<typeof attributedMinutes>) => rows.map((r) => `${r.week} ${r.minutes}`);

  it('counts the days of the pattern inside the placement and the register, per ISO week', () => {
    const inRegister = [{ inRegister: true }];
    // Monday 3 May to Wednesday 12 May 2027, 30 h spread: 6 h a day.
    expect(minutesByWeek(attributedMinutes(placement('2027-05-03', '2027-05-12'), inRegister))).toEqual(['2027-W18 1800', '2027-W19 1080']);
    const weekend = { saturday: { hours: 15 }, sunday: { hours: 15 } };
    expect(minutesByWeek(attributedMinutes(placement('2027-05-03', '2027-05-12', weekend), inRegister))).toEqual(['2027-W18 1800']);
  });

  it('counts no day out of the register, and nothing of a placement that is not confirmed', () => {
    const fromThursday = [{ inRegister: true, validFrom: '2027-05-06' }];
    expect(minutesByWeek(attributedMinutes(placement('2027-05-03', '2027-05-12'), fromThursday))).toEqual([
      '2027-W18 720',
      '2027-W19 1080',
    ]);
    expect(attributedMinutes(placement('2027-05-03', '2027-05-12'), [])).toEqual([]);
    expect(attributedMinutes({ ...placement('2027-05-03', '2027-05-12'), confirmed: false }, [{ inRegister: true }])).toEqual([]);
  });
});
