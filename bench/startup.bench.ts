// npm run bench:startup — how long `npm start` takes until /health answers 200, on the embedded
// default: once on a fresh data folder (PGlite creates its cluster, migrations and rule tables run)
// and then several warm starts on the same folder, which is what an operator restarting the
// service sees. The baseline of the same run is a bare Node HTTP server spawned the same way, so
// the figures can be read against this machine's speed at this moment. Goal: warm start ≤ 5 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from './bench-output.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WARM_STARTS = Number(process.env.BENCH_WARM_STARTS ?? 3);
const TIMEOUT_MS = 300_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}

/** Spawns the command and times it until `url` answers 200; then stops it and waits for its exit. */
async function timeToHealthy(command: string, args: string[], env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    while (!(await answers(url))) {
      if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}: ${stderr.slice(-2_000)}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`${command} did not answer ${url} within ${TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (performance.now() - started) / 1000;
  } finally {
    await stop(child);
  }
}

/** `npm start` runs node under npm under a shell: signal the whole process group. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

async function main(): Promise<void> {
  console.log(`load average before: ${load(' ')}`);
  const baselinePort = await freePort();
  const baseline = await timeToHealthy(
    process.execPath,
    ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${baselinePort}, '127.0.0.1')`],
    process.env,
    `http://127.0.0.1:${baselinePort}/`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'banenpool-startup-'));
  try {
    const start = async () => {
      const port = await freePort();
      // The embedded default: no DATABASE_URL or event store server, whatever this shell has set.
      const { DATABASE_URL: _db, EVENTSTORE_CONNECTION_STRING: _es, ...inherited } = process.env;
      const env = { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'pglite'), LOG_LEVEL: 'warn' };
      return timeToHealthy('npm', ['start', '--silent'], env, `http://127.0.0.1:${port}/health`);
    };
    const fresh = await start();
    const warm: number[] = [];
    for (let i = 0; i < WARM_STARTS; i++) warm.push(await start());
    const median = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)];
    console.log('| start | seconds to /health 200 |');
    console.log('|---|---|');
    console.log(`| baseline: bare node HTTP server | ${baseline.toFixed(2)} |`);
    console.log(`| npm start, fresh data folder | ${fresh.toFixed(2)} |`);
    for (const [i, seconds] of warm.entries()) console.log(`| npm start, warm #${i + 1} | ${seconds.toFixed(2)} |`);
    console.log(`warm median ${median.toFixed(2)} s (goal ≤ 5 s: ${median <= 5 ? 'met' : 'not met'}); load average after: ${load(' ')}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
