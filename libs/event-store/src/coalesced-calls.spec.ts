import { CoalescedCalls } from './coalesced-calls.js';

/** A batch runner whose batches finish when the test says so. */
function heldBatches() {
  const batches: { inputs: readonly string[]; finish: (error?: Error) => void }[] = [];
  const calls = (options?: ConstructorParameters<typeof CoalescedCalls<string, string>>[1]) =>
    new CoalescedCalls<string, string>(
      (inputs) =>
        new Promise((resolve, reject) =>
          batches.push({ inputs, finish: (error) => (error ? reject(error) : resolve(inputs.map((i) => `${i}!`))) }),
        ),
      options,
    );
  return { batches, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedCalls', () => {
  it('runs a lone call at once, and the calls made meanwhile together as the next batch', async () => {
    const { batches, calls } = heldBatches();
    const coalesced = calls();
    const first = coalesced.call('a');
    await settle();
    const later = ['b', 'c', 'd'].map((input) => coalesced.call(input));
    await settle();
    expect(batches.map((b) => b.inputs)).toEqual([['a']]);
    batches[0].finish();
    expect(await first).toBe('a!');
    await settle();
    expect(batches.map((b) => b.inputs)).toEqual([['a'], ['b', 'c', 'd']]);
    batches[1].finish();
    expect(await Promise.all(later)).toEqual(['b!', 'c!', 'd!']);
  });

  it('fails every call of a failed batch, and carries on with the next', async () => {
    const { batches, calls } = heldBatches();
    const coalesced = calls();
    const first = coalesced.call('a');
    await settle();
    const [b, c] = [coalesced.call('b'), coalesced.call('c')];
    batches[0].finish();
    await first;
    await settle();
    batches[1].finish(new Error('connection lost'));
    await expect(b).rejects.toThrow('connection lost');
    await expect(c).rejects.toThrow('connection lost');
    const d = coalesced.call('d');
    await settle();
    batches[2].finish();
    expect(await d).toBe('d!');
  });

  it('keeps two calls of one key out of one batch, and batches no more than maxBatch', async () => {
    const { batches, calls } = heldBatches();
    const coalesced = calls({ keyOf: (input) => input.slice(0, 1), maxBatch: 2 });
    const all = ['a1', 'x1', 'x2', 'y1', 'z1'].map((input) => coalesced.call(input));
    for (let i = 0; i < 4; i++) {
      await settle();
      batches.at(-1)?.finish();
    }
    await Promise.all(all);
    expect(batches.map((b) => b.inputs)).toEqual([['a1'], ['x1', 'y1'], ['x2', 'z1']]);
  });
});
