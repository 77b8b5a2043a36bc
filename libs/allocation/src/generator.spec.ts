import { checkProposals } from './check.js';
import { generatePool } from './generator.js';
import { greedy } from './greedy.js';
import { normalizeInput } from './canonical.js';

describe('generatePool', () => {
  it('gives the same pool for the same seed and sizes', () => {
    expect(generatePool(7, { workers: 30, requests: 10 })).toEqual(generatePool(7, { workers: 30, requests: 10 }));
  });

  it.each([1, 2, 3, 4])('gives a valid pool for a horizon of %i week(s): no park weeks past its end', (weeks) => {
    const input = generatePool(1, { workers: 200, requests: 50, weeks });
    expect(() => normalizeInput(input)).not.toThrow();
    const released = input.workers.filter((w) => w.pastEmployerIds.includes('emp-park'));
    expect(released.length).toBeGreaterThan(0);
    for (const worker of released) expect(worker.commitments.length).toBeLessThanOrEqual(weeks);
    const baseline = greedy(input);
    expect(baseline.proposals.length).toBeGreaterThan(0);
    expect(checkProposals(input, baseline)).toEqual([]);
  });
});
