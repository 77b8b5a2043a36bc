// Benchmark of the allocation engine on generated Twente pools, on the product's model (every request has
// places: one per proposal, that is per worker and unbroken run of weeks): the HiGHS-based solve at each
// time limit against the greedy baseline in the same run, all checked against every hard constraint. The
// small pools are also written as one MIP in CPLEX LP format (for any solver to check) and solved exactly
// with HiGHS from that file, to measure the engine against the optimum.
//   npm run bench:allocation
//   BENCH_SIZES=200x50,1000x200 npm run bench:allocation     (workers x requests)
//   BENCH_TIME_LIMITS=5,10,20 BENCH_SEED=7 npm run bench:allocation
//   BENCH_EXACT_MAX=10000 BENCH_EXACT_LIMIT=300                (exact solve for workers × requests up to this; its time limit, s)
//   BENCH_LP_DIR=/tmp                                          (where the LP files go)
//   BENCH_EXACT_GAP=0.001                                      (the gap asked of the engine where there is an exact solve)
//   BENCH_PARALLEL=0 npm run bench:allocation                 (everything on one thread, no helper thread)
// Figures go to stdout, progress lines to stderr.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocationLp, checkProposals, generatePool, greedy, solve, solveLpExactly, type AllocationResult } from '@banenpool/allocation';

const SIZES = (process.env.BENCH_SIZES ?? '200x50,1000x200,2000x400').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const WEEKS = Number(process.env.BENCH_WEEKS ?? 26);
const SEED = Number(process.env.BENCH_SEED ?? 2026);
const TIME_LIMITS = (process.env.BENCH_TIME_LIMITS ?? '5,10').split(',').map(Number);
const EXACT_MAX = Number(process.env.BENCH_EXACT_MAX ?? 10_000);
const EXACT_LIMIT = Number(process.env.BENCH_EXACT_LIMIT ?? 300);
const LP_DIR = process.env.BENCH_LP_DIR ?? tmpdir();
const GAP = 0.005;
// Pools with an exact solve are held to the 0.1 % goal against the optimum, so the engine is asked for that gap there.
const EXACT_GAP = Number(process.env.BENCH_EXACT_GAP ?? 0.001);
const PARALLEL = process.env.BENCH_PARALLEL !== '0'; // the bound on a second thread

const started = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number | null) => (n === null ? '—' : `${(100 * n).toFixed(3)} %`);

out(`# Allocation benchmark — ${new Date().toISOString()}`);
out(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`,
);
out(
  `seed ${SEED}, ${WEEKS} weeks, time limits ${TIME_LIMITS.join(', ')} s, target gap ${pct(GAP)} (${pct(EXACT_GAP)} where solved exactly), bound on a second thread: ${PARALLEL ? 'yes' : 'no'}`,
);
out();

const rows: string[][] = [];
const goals: string[] = [];
for (const [workers, requests] of SIZES) {
  progress(`generating ${workers} workers × ${requests} requests × ${WEEKS} weeks (seed ${SEED})`);
  const input = generatePool(SEED + workers, { workers, requests, weeks: WEEKS });
  const openPlaces = input.demand.reduce((sum, d) => sum + d.weeks.reduce((s, w) => s + w.openHeadcount, 0), 0);
  const places = input.demand.reduce((sum, d) => sum + (d.places ?? 0), 0);

  progress('greedy');
  const baseline = greedy(input);
  const baselineViolations = checkProposals(input, baseline).length;
  progress(`greedy: objective ${fmt(baseline.objective)} in ${fmt(baseline.solveTimeMs, 0)} ms`);

  out(`## ${workers} workers × ${requests} requests × ${WEEKS} weeks`);
  out(
    `demand: ${input.demand.length} requests with ${places} places, ${openPlaces} open place-weeks; greedy: objective ${fmt(baseline.objective, 2)}, ${fmt(baseline.solveTimeMs, 0)} ms, violations ${baselineViolations}`,
  );
  const exact = workers * requests <= EXACT_MAX ? await exactly(input, `${workers}x${requests}x${WEEKS}-seed${SEED + workers}`) : null;

  for (const timeLimitSeconds of TIME_LIMITS) {
    progress(`solve (HiGHS, time limit ${timeLimitSeconds} s)`);
    const result: AllocationResult = await solve(
      input,
      {},
      { timeLimitSeconds, relativeGap: exact ? EXACT_GAP : GAP, parallel: PARALLEL, log: (line) => progress(`  ${line}`) },
    );
    const violations = checkProposals(input, result);
    for (const v of violations.slice(0, 5)) progress(`  VIOLATION ${v.code}: ${v.message}`);
    const m = result.model!;
    const ratio = result.objective / baseline.objective;
    const load = loadavg()[0];
    progress(
      `solve: ${result.status}, objective ${fmt(result.objective)}, bound ${fmt(result.bound)}, gap ${pct(result.gap)} in ${fmt(result.solveTimeMs, 0)} ms`,
    );
    out(`### time limit ${timeLimitSeconds} s (load ${load.toFixed(2)})`);
    out(
      `candidates after pruning (skill, availability, hours, ${input.maxTravelKm} km): ${m.candidates.toLocaleString('en-US')}; mode ${m.mode}: ${m.mode === 'full' ? 'one MIP' : `${m.subproblems} window sub-MIPs, largest`} ${m.variables.toLocaleString('en-US')} variables (${m.binaries.toLocaleString('en-US')} binary), ${m.constraints.toLocaleString('en-US')} constraints; bound from ${m.mode === 'full' ? 'HiGHS' : `${m.boundIterations} Lagrangian relaxations over all candidates`}`,
    );
    out(
      `phases (ms): ${Object.entries(m.timings)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    if (m.mode !== 'full' && m.timings.bound)
      out(
        `bound: ${m.boundIterations} relaxations (the helper thread's own included) over the bound phase's ${fmt(m.timings.bound, 0)} ms: ${fmt((1000 * m.boundIterations) / m.timings.bound, 1)} per second, the Lagrangian heuristic's runs included; load ${loadavg()[0].toFixed(2)}`,
      );
    out(
      `HiGHS ${result.solver.version}: ${result.status}, objective ${fmt(result.objective, 2)}, bound ${fmt(result.bound, 2)}, gap ${pct(result.gap)}, ${fmt(result.solveTimeMs, 0)} ms, violations ${violations.length}`,
    );
    out(
      `MIP / greedy objective: ${ratio.toFixed(4)}  (filled hours ${fmt(result.breakdown.filledHours, 0)} vs ${fmt(baseline.breakdown.filledHours, 0)}, shortfall covered ${fmt(result.breakdown.shortfallHoursCovered, 0)} vs ${fmt(baseline.breakdown.shortfallHoursCovered, 0)}, new relationships ${result.breakdown.newRelationships} vs ${baseline.breakdown.newRelationships})`,
    );
    let belowOptimum = '—';
    if (exact && exact.objective !== null) {
      // Against HiGHS's own solve of the LP file: below its optimum, or (cut off) at most this far below its proven bound.
      const proven = exact.status === 'optimal';
      const reference = proven ? exact.objective : exact.bound;
      const short = (reference - result.objective) / Math.max(1, Math.abs(reference));
      belowOptimum = `${proven ? '' : '≤ '}${pct(short)}`;
      const boundHolds = result.bound === null || result.bound >= exact.objective - 1e-6 * Math.max(1, Math.abs(exact.objective));
      out(
        `against the exact solve (${exact.status}, objective ${fmt(exact.objective, 2)}, bound ${fmt(exact.bound, 2)}): the engine's plan is ${proven ? `${pct(short)} below the optimum` : `at most ${pct(short)} below the optimum (HiGHS's proven bound)`}; the engine's bound ${boundHolds ? 'is' : 'is NOT'} above HiGHS's best plan`,
      );
      if (timeLimitSeconds === Math.max(...TIME_LIMITS))
        goals.push(
          `goal ${workers} × ${requests} × ${WEEKS} within 0.1 % of the optimum in ${timeLimitSeconds} s: ${proven ? (short <= 0.001 ? 'MET' : 'NOT MET') : 'NOT PROVEN (the exact solve was cut off)'} — ${belowOptimum}`,
        );
    }
    out();
    rows.push([
      `${workers}×${requests}`,
      String(timeLimitSeconds),
      m.candidates.toLocaleString('en-US'),
      fmt(result.solveTimeMs / 1000, 2),
      fmt(result.objective, 0),
      fmt(result.bound, 0),
      pct(result.gap),
      belowOptimum,
      result.status,
      fmt(baseline.objective, 0),
      ratio.toFixed(4),
      `${violations.length} / ${baselineViolations}`,
      load.toFixed(2),
    ]);
    if (workers === 2000 && requests === 400 && WEEKS === 26) {
      const met =
        result.solveTimeMs <= timeLimitSeconds * 1000 + 100 && result.gap !== null && result.gap <= GAP && violations.length === 0;
      goals.push(
        `goal 2,000 × 400 × 26 within 0.5 % of a valid bound in ${timeLimitSeconds} s: ${met ? 'MET' : 'NOT MET'} — ${fmt(result.solveTimeMs / 1000, 2)} s, gap ${pct(result.gap)}, load ${load.toFixed(2)}`,
      );
    }
  }
}

/** The pool as one LP file, solved exactly by HiGHS from that file (null when it finds no plan). */
async function exactly(input: Parameters<typeof allocationLp>[0], name: string) {
  const model = await allocationLp(input);
  const file = join(LP_DIR, `allocation-${name}.lp`);
  writeFileSync(file, model.lp);
  progress(
    `exact: ${model.variables} variables, ${model.constraints} rows written to ${file}; HiGHS from that file, up to ${EXACT_LIMIT} s`,
  );
  const exact = await solveLpExactly(model.lp, EXACT_LIMIT);
  progress(`exact: ${exact.status}, objective ${fmt(exact.objective, 2)}, bound ${fmt(exact.bound, 2)} in ${fmt(exact.seconds, 1)} s`);
  out(
    `LP file ${file} (${model.candidates.toLocaleString('en-US')} binaries, ${model.variables.toLocaleString('en-US')} variables, ${model.constraints.toLocaleString('en-US')} rows): HiGHS ${exact.status} in ${fmt(exact.seconds, 1)} s, objective ${fmt(exact.objective, 2)}, bound ${fmt(exact.bound, 2)}`,
  );
  return exact;
}

// The machine is shared: the 1-minute load average after each pool says how much of the 2 cores the solve had.
out(
  '| pool | time limit s | candidates | solve s | objective | bound | gap | below exact | status | greedy objective | MIP/greedy | violations MIP / greedy | load |',
);
out('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) out(`| ${row.join(' | ')} |`);
out();
for (const goal of goals) out(goal);
progress('done');
