import { generatePool } from './generator.js';
import { solveInThread } from './solve-in-thread.js';
import { solve } from './solve.js';

// Under the test runner the engine is TypeScript: no thread script to start, so the solve runs here and
// says so. The thread itself is tested against the compiled engine (solve-in-thread.int.spec.ts).
describe('solveInThread from the TypeScript sources', () => {
  const input = generatePool(11, { workers: 30, requests: 8, weeks: 4 });

  it('warns that it runs on the calling thread and answers as solve() does, checked', async () => {
    const warnings: string[] = [];
    const lines: string[] = [];
    const { result, violations } = await solveInThread(
      input,
      { travel: 0.1 },
      {
        timeLimitSeconds: 20,
        log: (line) => lines.push(line),
        warn: (line) => warnings.push(line),
      },
    );
    const direct = await solve(input, { travel: 0.1 }, { timeLimitSeconds: 20 });
    expect(warnings).toEqual([expect.stringMatching(/^the allocation engine runs on the calling thread/)]);
    expect(lines.length).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(result.weights.travel).toBe(0.1);
    expect({ proposals: result.proposals, objective: result.objective, status: result.status }).toEqual({
      proposals: direct.proposals,
      objective: direct.objective,
      status: direct.status,
    });
  });

  it('refuses an aborted signal before it starts anything', async () => {
    const warnings: string[] = [];
    const reason = new Error('shutting down');
    await expect(solveInThread(input, {}, { warn: (line) => warnings.push(line), signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(warnings).toEqual([]);
  });
});
