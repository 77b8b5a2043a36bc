// Does the API keep answering while an allocation run solves? GET /health is polled every 10 ms from a
// separate process, against the built API (AppModule from dist/, embedded PGlite in a fresh temp folder,
// as `npm start` runs it), in three phases of one run:
//   idle        no solve: the baseline of this machine at this load;
//   in thread   a 2,000 workers × 400 requests × 26 weeks pool solved as POST /allocation-runs now does it
//               (solveInThread: the solve and the check of its proposals in a worker thread);
//   on the loop the same solve and check as the handler did them before (on the event loop), for comparison.
// The engine is called in the API's process directly rather than through POST /allocation-runs: the
// generated pool is an engine input, and a world of that size would have to be built through the commands
// first. The /health latency is what any request would see meanwhile.
//   npm run bench:responsiveness
//   BENCH_SIZE=1000x200 BENCH_TIME_LIMIT=5 npm run bench:responsiveness
//   BENCH_NICENESS=0 npm run bench:responsiveness       (the solve thread at the API's priority)
// Figures go to stdout, progress lines to stderr.
import 'reflect-metadata'; // TypeORM entity decorators (read models) need it before they load
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { checkProposals, generatePool, solve, solveInThread, type AllocationResult, type Violation } from '@banenpool/allocation';
import { loadConfig } from '@banenpool/platform';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureHttpApp } from '../apps/api/src/http/configure-http-app.js';
import type { Polled, PollerMessage } from './health-poller.js';
import { load, out, progress } from './bench-output.js';

const [WORKERS, REQUESTS] = (process.env.BENCH_SIZE ?? '2000x400').split('x').map(Number);
const WEEKS = 26;
const SEED = 2026;
const TIME_LIMIT = Number(process.env.BENCH_TIME_LIMIT ?? 10);
const IDLE_SECONDS = 10;
const INTERVAL_MS = 10;
const GOAL_P99_MS = 100;
/** The solve thread's nice value; unset: solveInThread's default, as the handler runs it. */
const NICENESS = process.env.BENCH_NICENESS === undefined ? undefined : Number(process.env.BENCH_NICENESS);

/** Polls /health until `work` is done; the latencies from the poller's process. */
async function polled<T>(
  url: string,
  work: () => Promise<T>,
): Promise<{ polled: Polled; value: T; loadBefore: string; loadAfter: string }> {
  // A process of its own, so that the poller's timers never wait for the API's event loop.
  const child: ChildProcess = fork(fileURLToPath(new URL('./health-poller.js', import.meta.url)), [url, String(INTERVAL_MS)], {
    execArgv: [],
  });
  const next = () =>
    new Promise<PollerMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as PollerMessage));
      child.once('exit', (code) => reject(new Error(`the poller exited (${code}) without its figures`)));
    });
  const ready = await next();
  if (ready.kind !== 'polling') throw new Error('the poller did not start');
  const loadBefore = load();
  const value = await work();
  const loadAfter = load();
  child.send('stop');
  const figures = await next();
  if (figures.kind !== 'polled') throw new Error('the poller answered without its figures');
  return { polled: figures, value, loadBefore, loadAfter };
}

// ---- the API -----------------------------------------------------------------------------------------

async function startApi(dataDir: string): Promise<{ app: INestApplication; url: string }> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

// ---- the phases -----------------------------------------------------------------------------------------

interface Row {
  readonly phase: string;
  readonly polled: Polled;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly solve?: { result: AllocationResult; totalMs: number };
}

/** The engine's answer and its check against every hard rule, as the handler needs them. */
async function timed(solving: () => Promise<{ result: AllocationResult; violations: readonly Violation[] }>) {
  const began = performance.now();
  const { result, violations } = await solving();
  if (violations.length > 0) throw new Error(`the engine proposed what the rules forbid: ${violations[0].message}`);
  return { result, totalMs: performance.now() - began };
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

function print(rows: readonly Row[]): void {
  out('| phase | /health samples | failed | p50 | p99 | max | load before → after | solve |');
  out('|---|---:|---:|---:|---:|---:|---|---|');
  for (const { phase, polled, loadBefore, loadAfter, solve } of rows) {
    const sorted = [...polled.latencies].sort((a, b) => a - b);
    const solved = solve
      ? `${solve.result.status}, gap ${solve.result.gap === null ? '—' : `${(100 * solve.result.gap).toFixed(3)} %`}, engine ${(solve.result.solveTimeMs / 1000).toFixed(1)} s, with the check ${(solve.totalMs / 1000).toFixed(1)} s`
      : '—';
    out(
      `| ${phase} | ${sorted.length} | ${polled.failures} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} | ${ms(sorted[sorted.length - 1])} | ${loadBefore} → ${loadAfter} | ${solved} |`,
    );
  }
  const threaded = rows.find((r) => r.phase === 'in thread');
  if (threaded) {
    const p99 = percentile(
      [...threaded.polled.latencies].sort((a, b) => a - b),
      0.99,
    );
    out();
    out(`goal: /health p99 ≤ ${GOAL_P99_MS} ms during the run — ${p99 <= GOAL_P99_MS ? 'met' : 'NOT met'} (${ms(p99)})`);
  }
}

async function main(): Promise<void> {
  out(`# Allocation responsiveness benchmark — ${new Date().toISOString()}`);
  out(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average at start ${load()}`);
  out(
    `GET /health every ${INTERVAL_MS} ms from another process (a late answer also counts the polls that fell due meanwhile, each from its due time); ` +
      `pool ${WORKERS} workers × ${REQUESTS} requests × ${WEEKS} weeks (seed ${SEED + WORKERS}), time limit ${TIME_LIMIT} s, ` +
      `solve thread's nice value ${NICENESS ?? 'default (10)'}`,
  );
  out();
  const dataDir = mkdtempSync(join(tmpdir(), 'banenpool-responsiveness-'));
  const { app, url } = await startApi(dataDir);
  try {
    progress(`API on ${url}, data in ${dataDir}`);
    progress(`generating ${WORKERS} × ${REQUESTS} × ${WEEKS}`);
    const input = generatePool(SEED + WORKERS, { workers: WORKERS, requests: REQUESTS, weeks: WEEKS });
    const rows: Row[] = [];
    progress(`idle for ${IDLE_SECONDS} s`);
    rows.push({ phase: 'idle', ...(await polled(url, () => new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000)))) });
    const warn = (line: string) => progress(`WARNING ${line}`);
    progress('solve in a thread (the handler now)');
    const threaded = await polled(url, () =>
      timed(() => solveInThread(input, {}, { timeLimitSeconds: TIME_LIMIT, warn, niceness: NICENESS })),
    );
    rows.push({ phase: 'in thread', ...threaded, solve: threaded.value });
    progress('solve on the event loop (the handler before)');
    const onLoop = await polled(url, () =>
      timed(async () => {
        const result = await solve(input, {}, { timeLimitSeconds: TIME_LIMIT });
        return { result, violations: checkProposals(input, result) };
      }),
    );
    rows.push({ phase: 'on the loop', ...onLoop, solve: onLoop.value });
    print(rows);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
