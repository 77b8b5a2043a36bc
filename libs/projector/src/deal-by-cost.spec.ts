import fc from 'fast-check';
import { dealByCost } from './deal-by-cost.js';

describe('dealByCost', () => {
  it('deals the costliest first, each to the lane with the least cost so far', () => {
    const costs: Record<string, number> = { a: 900, b: 400, c: 300, d: 200, e: 0 };
    expect(dealByCost(Object.keys(costs), 2, (item) => costs[item])).toEqual([
      ['a', 'e'],
      ['b', 'c', 'd'],
    ]);
    expect(dealByCost(Object.keys(costs), 3, (item) => costs[item])).toEqual([['a'], ['b', 'e'], ['c', 'd']]);
  });

  it('with no costs known yet, spreads the items evenly', () => {
    expect(dealByCost(['a', 'b', 'c', 'd', 'e'], 2, () => 0)).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
  });

  it('deals every item once, to at most `lanes` lanes, none of them empty', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000)), fc.integer({ min: 1, max: 5 }), (costs, lanes) => {
        const items = costs.map((cost, i) => ({ i, cost }));
        const dealt = dealByCost(items, lanes, (item) => item.cost);
        expect(
          dealt
            .flat()
            .map((item) => item.i)
            .sort((a, b) => a - b),
        ).toEqual(items.map((item) => item.i));
        expect(dealt.length).toBe(Math.min(lanes, items.length));
        for (const lane of dealt) expect(lane.length).toBeGreaterThan(0);
      }),
    );
  });
});
