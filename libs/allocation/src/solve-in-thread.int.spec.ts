import { COMPILED_ENGINE, runWithCompiledEngine } from './compiled-engine.testing.js';

const SCRIPT = `
import { readdirSync, readFileSync } from 'node:fs';
import { generatePool, solve, solveInThread } from ${JSON.stringify(COMPILED_ENGINE)};
const warnings = [];
const warn = (line) => warnings.push(line);
const threads = () => process.report.getReport().workers.length;
const failure = (error) => ({ name: error.name, message: error.message });
// The nice value of every thread of this process (field 19 of /proc/<pid>/task/<tid>/stat).
const niceValues = () =>
  readdirSync('/proc/self/task').map((task) => {
    const stat = readFileSync('/proc/self/task/' + task + '/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
const plan = (result) => ({ proposals: result.proposals, objective: result.objective, status: result.status });
const checkedPlan = ({ result, violations }) => ({ ...plan(result), violations });

// The same answer as solve() here, also for two solves at once.
const small = generatePool(11, { workers: 60, requests: 12, weeks: 6 });
const direct = { ...plan(await solve(small, {}, { timeLimitSeconds: 30 })), violations: [] };
const concurrent = (await Promise.all([0, 1].map(() => solveInThread(small, {}, { timeLimitSeconds: 30, warn })))).map(checkedPlan);

// While the engine works, this event loop runs: a timer set when the first progress line arrives fires
// before the answer (on this thread, the engine would hold the loop from that line to its result).
const medium = generatePool(2626, { workers: 600, requests: 120, weeks: 26 });
const events = [];
const lines = [];
let nice = [];
const { result, violations } = await solveInThread(medium, {}, {
  timeLimitSeconds: 3,
  warn,
  log: (line) => {
    if (lines.push(line) > 1) return;
    setTimeout(() => events.push('timer'), 0);
    nice = niceValues();
  },
});
events.push('answer');
const responsive = { events, lines: lines.length, violations: violations.length, mode: result.model.mode, niceThreads: nice.filter((n) => n === 10).length, mainNice: niceValues()[0] };

// A thread that runs out of memory fails its solve only; the next one works.
const crashed = await solveInThread(medium, {}, { timeLimitSeconds: 3, warn, resourceLimits: { maxOldGenerationSizeMb: 8 } }).then(
  () => null,
  failure,
);
const afterCrash = checkedPlan(await solveInThread(small, {}, { timeLimitSeconds: 30, warn }));

// Aborting ends the thread before the solve rejects.
const controller = new AbortController();
let threadsAtAbort = -1;
const aborted = await solveInThread(medium, {}, {
  timeLimitSeconds: 600,
  warn,
  signal: controller.signal,
  log: () => {
    if (controller.signal.aborted) return;
    threadsAtAbort = threads();
    controller.abort(new Error('shutting down'));
  },
}).then(() => null, failure);

process.stdout.write(JSON.stringify({ warnings, direct, concurrent, responsive, crashed, afterCrash, aborted, threadsAtAbort, threadsAfterAbort: threads() }));
`;

interface Plan {
  proposals: unknown[];
  objective: number;
  status: string;
  violations: unknown[];
}
interface Outcome {
  warnings: string[];
  direct: Plan;
  concurrent: Plan[];
  responsive: { events: string[]; lines: number; violations: number; mode: string; niceThreads: number; mainNice: number };
  crashed: { name: string; message: string } | null;
  afterCrash: Plan;
  aborted: { name: string; message: string } | null;
  threadsAtAbort: number;
  threadsAfterAbort: number;
}

describe('solveInThread with the compiled engine', () => {
  let outcome: Outcome;

  beforeAll(async () => {
    outcome = await runWithCompiledEngine<Outcome>(SCRIPT);
  }, 120_000);

  it('runs in a thread, never falling back, and answers as solve() does, checked, also two solves at once', () => {
    expect(outcome.warnings).toEqual([]);
    expect(outcome.direct.proposals.length).toBeGreaterThan(0);
    expect(outcome.concurrent).toEqual([outcome.direct, outcome.direct]);
  });

  it('leaves the event loop free while the engine works, and passes its progress lines on', () => {
    expect(outcome.responsive).toMatchObject({ events: ['timer', 'answer'], violations: 0, mode: 'decomposed', mainNice: 0 });
    expect(outcome.responsive.lines).toBeGreaterThan(1);
  });

  it('lets the calling thread have the cores first: the solve thread, and its helper, run at nice 10 (Linux)', () => {
    expect(outcome.responsive.niceThreads).toBe(2);
  });

  it('fails only the solve whose thread crashed', () => {
    expect(outcome.crashed).toEqual({ name: 'SolveThreadError', message: expect.stringMatching(/^The allocation thread failed: /) });
    expect(outcome.afterCrash).toEqual(outcome.direct);
  });

  it('ends the thread when aborted, before the solve rejects with the reason', () => {
    expect(outcome.aborted).toEqual({ name: 'Error', message: 'shutting down' });
    expect(outcome.threadsAtAbort).toBe(1);
    expect(outcome.threadsAfterAbort).toBe(0);
  });
});
