import { schemaVersionOf, type PlacementEvent } from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { Logger } from '@nestjs/common';
import { formatHours, hoursOf, jobsFor, toQuarterHours } from './hours.js';
import {
  applyPlacementEvent,
  emptyPlacementFacts,
  isActive,
  placementStatus,
  workedPeriod,
  type PlacementFacts,
} from './placement-facts.js';
import { winterScenarioPart1, winterScenarioPart2 } from './pool-scenario.fixtures.js';
import { usableEvents } from './projected-events.js';
import { projectionEventsSkipped } from './skipped-events.js';
import { isIsoWeek, mondayOfIsoWeek, quarterOfWeek, weeksOf, weeksOfQuarter } from './weeks.js';

describe('weeks', () => {
  it('finds the Monday of an ISO week and refuses weeks that do not exist', () => {
    expect(mondayOfIsoWeek('2026-W45')).toBe('2026-11-02');
    expect(mondayOfIsoWeek('2026-W01')).toBe('2025-12-29');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28');
    expect(mondayOfIsoWeek('2020-W53')).toBe('2020-12-28');
    for (const bad of ['2025-W53', '2026-W00', '2026-W54', '2026-W1', '2026W45', '0999-W10', '']) expect(isIsoWeek(bad)).toBe(false);
  });

  it('counts a period in every ISO week it touches', () => {
    expect(weeksOf({ from: '2026-10-31', to: '2026-11-02' })).toEqual([
      { week: '2026-W44', weekStart: '2026-10-26' },
      { week: '2026-W45', weekStart: '2026-11-02' },
    ]);
  });

  it('puts a week in the quarter of its Thursday', () => {
    expect(quarterOfWeek('2026-12-28')).toBe('2026-Q4'); // Thursday 31 December
    expect(quarterOfWeek('2025-12-29')).toBe('2026-Q1'); // Thursday 1 January
    expect(quarterOfWeek('2026-03-30')).toBe('2026-Q2'); // Thursday 2 April
    expect(weeksOfQuarter('2026-Q4').map((w) => w.week)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-W${40 + i}`));
    expect(weeksOfQuarter('2026-Q3')).toHaveLength(13);
    expect(weeksOfQuarter('2027-Q1')).toHaveLength(12);
    // Every ISO week of a year lies in exactly one quarter.
    const year = ['Q1', 'Q2', 'Q3', 'Q4'].flatMap((q) => weeksOfQuarter(`2026-${q}`).map((w) => w.week));
    expect(new Set(year).size).toBe(53);
  });
});

describe('usable events', () => {
  let revision = 0;
  const recorded = (type: string, data: unknown, schemaVersion = 1) =>
    ({ type, data, schemaVersion, streamId: 'test-1', revision: revision++ }) as RecordedEvent;
  const skips = async (projection: string) =>
    (await projectionEventsSkipped.get()).values
      .filter((v) => v.labels.projection === projection)
      .map(({ labels, value }) => ({ ...labels, value }));

  it('keeps every event the deciders write, with the data its schema reads', () => {
    const written = [...winterScenarioPart1(), ...winterScenarioPart2()]
      .filter((a) => !a.streamId.endsWith('-legacy'))
      .flatMap((a) => a.events);
    const usable = usableEvents(
      'spec-written',
      written.map((e) => recorded(e.type, e.data, schemaVersionOf(e.type))),
    );
    expect(usable.map(({ type, data }) => ({ type, data }))).toEqual(written.map(({ type, data }) => ({ type, data })));
  });

  it('skips what no schema reads, and counts and logs it', async () => {
    const warnings: unknown[][] = [];
    const warn = Logger.prototype.warn;
    Logger.prototype.warn = (...args: unknown[]) => void warnings.push(args);
    const bad = [
      recorded('WorkerRegistered', { name: 'Sanne' }),
      recorded('WorkerRegistered', null),
      recorded('SkillAdded', { skill: 'cleaning' }),
      recorded('PlacementExtended', { placementId: 'p1', previousTo: '2026-01-31', to: '2026-02-30' }),
      recorded('CapacityRequested', {
        requestId: 'r',
        employerId: 'e',
        siteId: 's',
        functionName: 'f',
        requiredSkill: 'k',
        period: { from: '2026-02-01', to: '2026-01-01' },
        hoursPerWeek: 8,
        headcount: 1,
      }),
      recorded('TargetGroupStatusRecorded', { workerId: 'w', inRegister: 'yes' }),
      recorded('SkillAdded', { workerId: 'w', skill: 'cleaning' }, 2),
      recorded('SomethingHappened', {}),
    ];
    try {
      expect(usableEvents('spec-bad', bad)).toEqual([]);
    } finally {
      Logger.prototype.warn = warn;
    }
    expect(await skips('spec-bad')).toEqual(
      expect.arrayContaining([
        { projection: 'spec-bad', type: 'WorkerRegistered', reason: 'invalid_data', value: 2 },
        { projection: 'spec-bad', type: 'SkillAdded', reason: 'invalid_data', value: 1 },
        { projection: 'spec-bad', type: 'SkillAdded', reason: 'unknown_version', value: 1 },
        { projection: 'spec-bad', type: 'SomethingHappened', reason: 'unknown_type', value: 1 },
      ]),
    );
    // Once per type and reason: the second bad WorkerRegistered is only counted.
    expect(warnings).toHaveLength(7);
    expect(warnings).toContainEqual([
      expect.objectContaining({ projection: 'spec-bad', type: 'SomethingHappened', reason: 'unknown_type', streamId: 'test-1' }),
      expect.stringContaining('Read model spec-bad skips SomethingHappened events (unknown_type'),
    ]);
  });
});

describe('weeks of long periods', () => {
  it('materializes at most ten years of weeks for one period', () => {
    expect(weeksOf({ from: '2026-01-01', to: '9999-12-31' })).toHaveLength(522);
  });
});

describe('hours and jobs', () => {
  it('keeps quarter-hours exact', () => {
    expect(toQuarterHours(12.25)).toBe(49);
    expect(hoursOf(49)).toBe(12.25);
    expect(formatHours(97)).toBe('24.25');
    expect(formatHours('864')).toBe('216.00');
    expect(formatHours(10n ** 18n)).toBe('250000000000000000.00');
  });

  it('counts 25.5 hours a week as one job, with two decimals rounded half up', () => {
    expect(jobsFor(102)).toBe('1.00');
    expect(jobsFor(96)).toBe('0.94'); // 24 h
    expect(jobsFor(1)).toBe('0.01'); // a quarter of an hour: 0.0098
    expect(jobsFor(0)).toBe('0.00');
    expect(jobsFor(102 * 14 * 3, 14)).toBe('3.00');
    expect(jobsFor(864, 14)).toBe('0.61'); // 216 h over a quarter of 14 weeks: 0.60504
    expect(jobsFor(51, 10)).toBe('0.05'); // 12.75 h over 10 weeks: exactly 0.05
    expect(jobsFor(51, 4)).toBe('0.13'); // 12.75 h over 4 weeks: exactly 0.125, rounded half up
    expect(jobsFor(153, 2)).toBe('0.75');
    expect(() => jobsFor(1, 0)).toThrow(RangeError);
  });
});

describe('placement facts', () => {
  const history = (id: string): PlacementEvent[] =>
    [...winterScenarioPart1(), ...winterScenarioPart2()]
      .flatMap((a) => a.events)
      .filter(
        (e): e is PlacementEvent =>
          'placementId' in e.data && (e.data as { placementId: string }).placementId === id && e.type.startsWith('Placement'),
      );

  const fold = (events: readonly PlacementEvent[], id: string): PlacementFacts =>
    events.reduce(applyPlacementEvent, emptyPlacementFacts(id));

  function* permutations<T>(items: readonly T[]): Generator<T[]> {
    if (items.length <= 1) return yield [...items];
    for (let i = 0; i < items.length; i++) {
      for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i], ...rest];
    }
  }

  it.each(['cem-winter', 'bram-winter', 'bram-park-2026', 'anna-park-2026'])(
    'folds %s to the same facts in any order and when applied twice',
    (id) => {
      const events = history(id);
      expect(events.length).toBeGreaterThanOrEqual(3);
      const expected = fold(events, id);
      for (const order of permutations(events)) expect(fold([...order, ...order], id)).toEqual(expected);
    },
  );

  it('knows the worked period and status', () => {
    const cem = fold(history('cem-winter'), 'cem-winter');
    expect(placementStatus(cem)).toBe('confirmed');
    expect(isActive(cem) && workedPeriod(cem)).toEqual({ from: '2026-11-02', to: '2027-03-28' });
    const bram = fold(history('bram-park-2026'), 'bram-park-2026');
    expect(placementStatus(bram)).toBe('ended');
    expect(isActive(bram) && workedPeriod(bram)).toEqual({ from: '2026-04-01', to: '2026-09-30' });
    const withdrawn = fold(history('bram-winter'), 'bram-winter');
    expect([placementStatus(withdrawn), isActive(withdrawn)]).toEqual(['withdrawn', false]);
  });
});
