import { RecentChoices } from './recent-choices.js';

describe('RecentChoices', () => {
  const potential = Float64Array.from([5, 1, 3, 2, 4]);

  it('ranks what the window took, most often first, then by potential, then by index', () => {
    const recent = new RecentChoices(potential.length, 3);
    recent.add([1, 2]);
    recent.add([1, 3]);
    recent.add([1, 2, 4]);
    // 1 three times; 2 twice; 3 and 4 once each, 4 with the higher potential; 0 never.
    expect(recent.ranked(potential)).toEqual([1, 2, 4, 3]);
  });

  it('forgets the oldest relaxation once the window is full', () => {
    const recent = new RecentChoices(potential.length, 2);
    recent.add([0, 1]);
    recent.add([1]);
    recent.add([2, 3]);
    // The window now holds [1] and [2, 3]: 0 is gone, and 1 counts once.
    expect(recent.ranked(potential)).toEqual([2, 3, 1]);
    recent.add([3]);
    expect(recent.ranked(potential)).toEqual([3, 2]);
  });
});
