import { groupBy, mapBounded } from './collections.js';

/** A call that resolves when the test says so, to see how many are in flight. */
function gate() {
  const open: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const call = async (n: number): Promise<number> => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => open.push(resolve));
    inFlight--;
    return n * 10;
  };
  const release = async () => {
    while (open.length > 0) {
      open.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { call, release, most: () => most };
}

describe('mapBounded', () => {
  it('keeps the order of the items and never has more than the limit in flight', async () => {
    const { call, release, most } = gate();
    const result = mapBounded([1, 2, 3, 4, 5, 6, 7], 3, call);
    await release();
    expect(await result).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most()).toBe(3);
  });

  it('starts no call after one failed, and rejects with that failure', async () => {
    const started: number[] = [];
    const result = mapBounded([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await new Promise((resolve) => setImmediate(resolve));
      if (n === 2) throw new Error('stream 2 could not be read');
      return n;
    });
    await expect(result).rejects.toThrow('stream 2 could not be read');
    expect(started).toEqual([1, 2, 3]);
  });

  it('answers an empty list without calling', async () => {
    expect(await mapBounded([], 4, () => Promise.reject(new Error('not called')))).toEqual([]);
  });
});

describe('groupBy', () => {
  it('groups by key in the order the items come', () => {
    const groups = groupBy(['anna:1', 'bram:1', 'anna:2'], (item) => item.split(':')[0]);
    expect([...groups]).toEqual([
      ['anna', ['anna:1', 'anna:2']],
      ['bram', ['bram:1']],
    ]);
  });
});
