// Load test of the built service over HTTP (autocannon), started as `node dist/apps/api/src/main.js` in a
// child process on a free port, once embedded (PGlite in a fresh temp data dir) and once on PostgreSQL (a
// scratch database on 127.0.0.1:5432, dropped after). Scenarios at 1, 16 and 64 connections:
//   commands: register a worker (POST /workers, a new worker each request, with an Idempotency-Key);
//             propose + confirm a placement (each pair for a worker registered with a contract beforehand);
//   queries:  the board for one ISO week, and a worker by id (after the projections have caught up).
// Beside them, in the same run, the store's raw single-event append rate (the event store adapter imported
// directly, new streams like POST /workers makes) from as many writers as connections, on a separate store
// of the same kind: a second scratch database on the same server (a pool of 10, as the service's), or a
// second temp PGlite (the service locks its own), for half a scenario's time before the service starts and
// again after it stopped. On PostgreSQL also the database work per POST /workers (pg_stat_database). Then a
// CPU profile of the service during the register-worker scenario at 16 connections, summarised by layer. Each
// scenario row also gives the service process's CPU time per operation (from /proc; PGlite runs inside it): on a
// shared 2-core machine that moves far less with the other load than the rates and latencies do.
//   npm run bench:api
//   BENCH_DURATION=5 BENCH_BACKENDS=pglite npm run bench:api       (quick run; seconds per scenario)
//   BENCH_CONNECTIONS=1,16 BENCH_PROFILE=0 npm run bench:api        (other connection counts; no profile)
//   BENCH_CPU_PROFILE=/tmp/profiles npm run bench:api               (keep the .cpuprofile files there)
//   BENCH_LOG_LEVEL=warn npm run bench:api                          (the service's LOG_LEVEL; default info, to /dev/null)
//   BENCH_SCENARIOS=register,queries npm run bench:api              (only these parts: register, placements, queries;
//                                                                    without placements, queries first confirm
//                                                                    BENCH_BOARD_PLACEMENTS (default 100) in the board week)
//   BENCH_PROFILE=queries npm run bench:api                         (profile the two queries at 16 connections instead)
// Figures go to stdout, progress lines to stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  connectPostgres,
  migrateEventStore,
  PostgresEventStore,
  startEmbeddedPostgres,
  type NewEvent,
  type PostgresConnection,
} from '@banenpool/event-store';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { formatSummary, summariseProfile, type CpuProfile } from './cpu-profile-summary.js';
import { cpuMsOf } from './bench-output.js';

type Backend = 'postgres' | 'pglite';

const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,16,64').split(',').map(Number);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((b) => b.trim()) as Backend[];
const PROFILE = process.env.BENCH_PROFILE !== '0';
/** BENCH_PROFILE=queries: profile GET /board and GET /workers/:id at GOAL.connections, not POST /workers. */
const PROFILE_QUERIES = process.env.BENCH_PROFILE === 'queries';
/** Placements seeded (not counted) for the board week when the placements scenario does not run. */
const BOARD_PLACEMENTS = Number(process.env.BENCH_BOARD_PLACEMENTS ?? 100);
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? 'register,placements,queries').split(',').map((s) => s.trim()));
/** The service's default pool (DATABASE_POOL_SIZE); the raw writers share a pool of the same size. */
const POOL_SIZE = 10;
const GOAL = { connections: 16, commandShareOfAppends: 0.5, queryP99Ms: 50 };
/** The one API key the service is started with (API_KEYS), an operator's. */
const API_KEY = randomBytes(18).toString('base64url');
const OPERATOR = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
/** The build this file is part of (dist/), and the service in it. */
const BUILT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICE = join(BUILT, 'apps/api/src/main.js');

const started = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);
const load = () => loadavg()[0];

// ---- the service as a child process --------------------------------------------------------------------

interface Service {
  readonly url: string;
  readonly child: ChildProcess;
  /** The service's stderr so far, to explain a failure. */
  readonly stderr: () => string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** `node dist/apps/api/src/main.js` (with the profile preload), up when /health answers 200. */
async function startService(env: Record<string, string>, profileFile: string): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', join(BUILT, 'bench/cpu-profile-preload.js'), SERVICE], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL,
      API_KEYS: `${API_KEY}=operator:bench`,
      MASTER_KEY: process.env.MASTER_KEY ?? Buffer.alloc(32, 7).toString('base64'), // required off the embedded default (ADR 0020)
      BENCH_CPU_PROFILE_FILE: profileFile,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 300_000; // start-up takes a minute when the machine is loaded
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${stderr}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return { url, child, stderr: () => stderr };
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`the service did not answer /health within 300 s: ${stderr}`);
}

/** Sends `message` to the profile preload (cpu-profile-preload.ts) and waits for its `answer`. */
async function tellService({ child }: Service, message: string, answer: string): Promise<void> {
  const answered = new Promise<void>((resolve) => {
    const listen = (reply: unknown) => {
      if (reply !== answer) return;
      child.off('message', listen);
      resolve();
    };
    child.on('message', listen);
  });
  child.send(message);
  await answered;
}

async function stopService({ child }: Service): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if ((await Promise.race([exited, sleep(15_000, 'timeout')])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** A request that must answer 201; its JSON body. */
async function post(service: Service, path: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${service.url}${path}`, { method: 'POST', headers: OPERATOR, body: JSON.stringify(body) });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

// ---- the pool the scenarios work in -----------------------------------------------------------------------

const EMPLOYER = 'bench-hirer';
const SITE = 'hengelo';
const FUNCTION = 'schoonmaker';
/** Placements run these weeks; the board scenario reads the first. */
const PLACEMENT_PERIOD = { from: '2027-01-04', to: '2027-03-28' };
const BOARD_WEEK = '2027-W01';

let ids = 0;
const newId = (prefix: string) => `${prefix}-${++ids}-${randomUUID().slice(0, 8)}`;

const workerBody = (workerId: string) => ({
  workerId,
  name: `Bench ${workerId}`,
  birthDate: '1990-05-17',
  homeArea: 'hengelo',
  skills: ['cleaning'],
  availability: { hoursPerWeek: 40 },
});

/** One CAO (illustrative figures) and a member hirer applying it, with one site and one classified function. */
async function seedHirer(service: Service): Promise<void> {
  await post(service, '/caos', { code: 'bench', name: 'CAO bench (illustrative)' });
  await post(service, '/caos/bench/versions', {
    effectiveFrom: '2026-01-01',
    content: {
      wageScales: { A: [1500, 1550, 1600] },
      surcharges: { timeBands: [], publicHolidayBp: 10000 },
      holidayPayBp: 800,
      fullTimeHoursPerWeek: 38,
      seasonalClause: false,
      illustrative: true,
    },
  });
  await post(service, '/employers', { employerId: EMPLOYER, name: EMPLOYER, memberFrom: '2026-01-01' });
  await post(service, `/employers/${EMPLOYER}/cao-applications`, { caoCode: 'bench', from: '2026-01-01' });
  await post(service, `/employers/${EMPLOYER}/sites`, { siteId: SITE, name: `${EMPLOYER} ${SITE}`, area: 'hengelo' });
  await post(service, `/employers/${EMPLOYER}/function-classifications`, { functionName: FUNCTION, scale: 'A', from: '2026-01-01' });
}

// ---- autocannon scenarios -----------------------------------------------------------------------------------

interface Scenario {
  readonly name: string;
  readonly kind: 'command' | 'query';
  /** HTTP requests per counted operation (a placement is a propose and a confirm). */
  readonly requestsPerOp: number;
  readonly requests: autocannon.Request[];
  /** Stop after this many requests instead of after DURATION seconds. */
  readonly amount?: number;
}

interface Measured {
  readonly scenario: string;
  readonly kind: Scenario['kind'] | 'raw';
  readonly connections: number;
  readonly opsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
  /** Operations answered 2xx. */
  readonly done: number;
  readonly seconds: number;
  readonly load: number;
  /** The service process's CPU time (user + system, PGlite's included) per operation, where /proc tells it. */
  readonly cpuMsPerOp?: number;
  readonly note?: string;
}

/** The first refused answer of a run, to show why (autocannon only counts them). */
const firstRefusal = { text: '' };
const noteRefusal = (status: number, body: string) => {
  if (status >= 300 && !firstRefusal.text) firstRefusal.text = `${status} ${body.slice(0, 300)}`;
};

async function run(service: Service, scenario: Scenario, connections: number): Promise<Measured> {
  firstRefusal.text = '';
  const cpuBefore = cpuMsOf(service.child.pid);
  const result = await autocannon({
    url: service.url,
    connections,
    headers: OPERATOR,
    requests: scenario.requests,
    ...(scenario.amount ? { amount: scenario.amount } : { duration: DURATION }),
  });
  const failed = result.non2xx + result.errors;
  const cpuAfter = cpuMsOf(service.child.pid);
  const ops = result['2xx'] / scenario.requestsPerOp;
  const measured: Measured = {
    scenario: scenario.name,
    kind: scenario.kind,
    connections,
    opsPerSecond: result['2xx'] / scenario.requestsPerOp / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed,
    done: result['2xx'] / scenario.requestsPerOp,
    seconds: result.duration,
    load: load(),
    ...(cpuBefore !== undefined && cpuAfter !== undefined && ops > 0 && { cpuMsPerOp: (cpuAfter - cpuBefore) / ops }),
    ...(failed > 0 && { note: `first refusal: ${firstRefusal.text || `(connection errors: ${result.errors})`}` }),
  };
  progress(
    `  ${scenario.name} × ${connections}: ${measured.opsPerSecond.toFixed(1)}/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, ${failed} failed` +
      (measured.cpuMsPerOp === undefined ? '' : `, service CPU ${measured.cpuMsPerOp.toFixed(2)} ms/op`),
  );
  return measured;
}

/** POST /workers, a new worker each request; the ids of those registered go to `registered`. */
function registerWorkers(registered: string[]): Scenario {
  return {
    name: 'POST /workers',
    kind: 'command',
    requestsPerOp: 1,
    requests: [
      {
        method: 'POST',
        path: '/workers',
        setupRequest: (request, context: { workerId?: string }) => {
          const workerId = newId('bw');
          context.workerId = workerId;
          return { ...request, headers: { ...OPERATOR, 'idempotency-key': workerId }, body: JSON.stringify(workerBody(workerId)) };
        },
        onResponse: (status, body, context: { workerId?: string }) => {
          if (status === 201 && context.workerId) registered.push(context.workerId);
          noteRefusal(status, body);
        },
      },
    ],
  };
}

/** Register a worker and give it an indefinite contract, `count` times: the workers the placements need. */
function workersWithContracts(count: number, ready: string[]): Scenario {
  return {
    name: 'POST /workers + contract (setup)',
    kind: 'command',
    requestsPerOp: 2,
    amount: 2 * count,
    requests: [
      {
        method: 'POST',
        path: '/workers',
        setupRequest: (request, context: { workerId?: string }) => {
          context.workerId = newId('bp');
          return { ...request, body: JSON.stringify(workerBody(context.workerId)) };
        },
        onResponse: (status, body) => noteRefusal(status, body),
      },
      {
        method: 'POST',
        setupRequest: (request, context: { workerId?: string }) => ({
          ...request,
          path: `/workers/${context.workerId}/contracts`,
          body: JSON.stringify({
            contractId: 'c1',
            kind: 'indefinite',
            from: '2026-01-01',
            guaranteedHoursPerWeek: 0,
            maxHoursPerWeek: 32,
          }),
        }),
        onResponse: (status, body, context: { workerId?: string }) => {
          if (status === 201 && context.workerId) ready.push(context.workerId);
          noteRefusal(status, body);
        },
      },
    ],
  };
}

/** Propose a placement for the next ready worker and confirm it: `count` pairs. */
function placements(ready: string[], count: number): Scenario {
  return {
    name: 'POST /placements + confirmation',
    kind: 'command',
    requestsPerOp: 2,
    amount: 2 * count,
    requests: [
      {
        method: 'POST',
        path: '/placements',
        setupRequest: (request, context: { placementId?: string }) => {
          const workerId = ready.pop();
          if (!workerId) throw new Error('no worker left to place: the setup registered too few');
          const placementId = newId('pl');
          context.placementId = placementId;
          return {
            ...request,
            headers: { ...OPERATOR, 'idempotency-key': placementId },
            body: JSON.stringify({
              placementId,
              workerId,
              employerId: EMPLOYER,
              siteId: SITE,
              functionName: FUNCTION,
              legalForm: 'payroll',
              hoursPerWeek: 16,
              period: PLACEMENT_PERIOD,
            }),
          };
        },
        onResponse: (status, body) => noteRefusal(status, body),
      },
      {
        method: 'POST',
        setupRequest: (request, context: { placementId?: string }) => ({
          ...request,
          path: `/placements/${context.placementId}/confirmation`,
          headers: { ...OPERATOR, 'idempotency-key': `${context.placementId}.confirm` },
          body: JSON.stringify({ step: 0 }),
        }),
        onResponse: (status, body) => noteRefusal(status, body),
      },
    ],
  };
}

function query(name: string, path: () => string): Scenario {
  return {
    name,
    kind: 'query',
    requestsPerOp: 1,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: path() }),
        onResponse: (status, body) => noteRefusal(status, body),
      },
    ],
  };
}

/** Until a read of a worker registered now answers: every projection has caught up with the commands before it. */
async function projectionsCaughtUp(service: Service): Promise<void> {
  const workerId = newId('bw');
  const { position } = await post(service, '/workers', workerBody(workerId));
  for (;;) {
    const response = await fetch(`${service.url}/workers/${workerId}?waitFor=${String(position)}&purpose=pool_operations`, {
      headers: OPERATOR,
    });
    await response.text();
    if (response.status === 200) return;
    progress(`  projections catching up (${response.status})`);
  }
}

// ---- the raw append rate of a store of the same kind ---------------------------------------------------------

/** Shaped like WorkerRegistered as the service stores it: about as many bytes of data and metadata. */
const rawEvent = (workerId: string): NewEvent => ({
  type: 'WorkerRegistered',
  eventId: randomUUID(),
  data: { ...workerBody(workerId), availability: { hoursPerWeek: 40, unavailable: [] }, registeredOn: '2026-12-07' },
  metadata: { actor: 'operator:demo', correlationId: randomUUID(), causationId: randomUUID() },
});

/** Single-event appends to new streams from `writers` concurrent loops for DURATION/2 seconds. */
async function rawAppends(store: PostgresEventStore, writers: number, when: string): Promise<Measured> {
  const latencies: number[] = [];
  const deadline = performance.now() + (DURATION * 1000) / 2;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        const workerId = newId('raw');
        const t = performance.now();
        await store.appendToStream(`bench-raw-${workerId}`, [rawEvent(workerId)], { expectedVersion: 'no_stream' });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  const measured: Measured = {
    scenario: `raw append (${when})`,
    kind: 'raw',
    connections: writers,
    opsPerSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failed: 0,
    done: latencies.length,
    seconds,
    load: load(),
  };
  progress(`  raw append ${when} × ${writers}: ${measured.opsPerSecond.toFixed(1)}/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms`);
  return measured;
}

/** A migrated store beside the service's: a second scratch database, or a second temp PGlite. */
async function openRawStore(backend: Backend, dir: string) {
  const database = backend === 'postgres' ? await createScratchDatabase() : undefined;
  const connection: PostgresConnection = database
    ? connectPostgres({ url: database.url, poolSize: POOL_SIZE })
    : await startEmbeddedPostgres(join(dir, 'raw-pglite'));
  await migrateEventStore(connection.pool);
  return {
    store: new PostgresEventStore(connection.pool),
    close: async () => {
      await connection.close();
      await database?.drop();
    },
  };
}

/** The scratch database's transaction and row counters (pg_stat_database). */
async function databaseWork(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT xact_commit + xact_rollback AS transactions, tup_inserted AS "rows inserted", tup_updated AS "rows updated",
         tup_deleted AS "rows deleted", tup_fetched AS "rows fetched"
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  } finally {
    await client.end();
  }
}

function describeWork(before: Record<string, number>, after: Record<string, number>, commands: number): string {
  return Object.keys(after)
    .map((k) => `${((after[k] - before[k]) / commands).toFixed(1)} ${k}`)
    .join(', ');
}

// ---- one backend ------------------------------------------------------------------------------------------------

interface BackendRun {
  readonly backend: Backend;
  readonly rows: Measured[];
  /** CPU profile summaries: what was profiled, and the summary. */
  readonly profiles: { readonly title: string; readonly summary: string }[];
  /** What one operation of each scenario at GOAL.connections costs the database, a command's projection included (PostgreSQL only). */
  readonly work: Map<string, string>;
}

async function runBackend(backend: Backend): Promise<BackendRun> {
  const dir = mkdtempSync(join(tmpdir(), 'banenpool-bench-api-'));
  const profileFile = join(dir, 'current.cpuprofile');
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const raw = await openRawStore(backend, dir);
  let database: ScratchDatabase | undefined;
  let service: Service | undefined;
  const rows: Measured[] = [];
  try {
    progress(`${backend}: raw appends before the service starts`);
    for (const writers of CONNECTIONS) rows.push(await rawAppends(raw.store, writers, 'before'));
    database = backend === 'postgres' ? await createScratchDatabase() : undefined;
    service = await startService(database ? { DATABASE_URL: database.url } : { DATA_DIR: join(dir, 'pglite') }, profileFile);
    progress(`${backend}: service on ${service.url}`);
    await seedHirer(service);

    const work = new Map<string, string>();
    /** A scenario run; at GOAL.connections on PostgreSQL also its database work per operation. */
    const measure = async (scenario: Scenario, connections: number): Promise<Measured> => {
      const counted = database && connections === GOAL.connections ? database : undefined;
      const before = counted && (await databaseWork(counted.url));
      const measured = await run(service!, scenario, connections);
      if (counted && before) {
        if (scenario.kind === 'command') await projectionsCaughtUp(service!);
        await sleep(1500); // PostgreSQL publishes a backend's counters within a second of its last transaction
        work.set(scenario.name, describeWork(before, await databaseWork(counted.url), measured.done));
      }
      return measured;
    };

    const registered: string[] = [];
    const register = registerWorkers(registered);
    // Not counted: the first requests after the start pay for JIT compilation and lazily loaded code.
    progress(`${backend}: warming up (POST /workers × ${GOAL.connections}, not counted)`);
    await run(service, register, GOAL.connections);
    const commands: Measured[] = [];
    if (SCENARIOS.has('register')) for (const connections of CONNECTIONS) commands.push(await measure(register, connections));
    rows.push(...commands);

    // Enough ready workers for about DURATION seconds of placements at each connection count, guessed from
    // the registration rate (a pair is two commands, and a confirmation reads more than a registration).
    if (SCENARIOS.has('placements')) {
      const rate = (connections: number) => commands.find((c) => c.connections === connections)?.opsPerSecond ?? 50;
      const pairs = CONNECTIONS.map((connections) => Math.ceil((rate(connections) / 3) * DURATION) + connections);
      // Spare workers: autocannon may send a few requests past its amount while the last answers come in.
      const needed = pairs.reduce((a, b) => a + b, 0) + Math.max(...CONNECTIONS);
      const ready: string[] = [];
      progress(`${backend}: registering ${needed} workers with contracts for the placements`);
      await run(service, workersWithContracts(needed, ready), GOAL.connections);
      for (const [i, connections] of CONNECTIONS.entries()) rows.push(await measure(placements(ready, pairs[i]), connections));
    } else if (SCENARIOS.has('queries') && BOARD_PLACEMENTS > 0) {
      // The board week should not be empty: confirmed placements in it, not counted.
      const ready: string[] = [];
      progress(`${backend}: ${BOARD_PLACEMENTS} placements in ${BOARD_WEEK} for the board (not counted)`);
      await run(service, workersWithContracts(BOARD_PLACEMENTS + GOAL.connections, ready), GOAL.connections);
      await run(service, placements(ready, BOARD_PLACEMENTS), GOAL.connections);
    }

    await projectionsCaughtUp(service);
    const board = query(`GET /board (one week)`, () => `/board?fromWeek=${BOARD_WEEK}&toWeek=${BOARD_WEEK}&purpose=pool_operations`);
    const worker = query(
      'GET /workers/:id',
      () => `/workers/${registered[Math.floor(Math.random() * registered.length)]}?purpose=pool_operations`,
    );
    if (SCENARIOS.has('queries')) {
      for (const scenario of [board, worker]) for (const connections of CONNECTIONS) rows.push(await measure(scenario, connections));
    }

    const profiles: BackendRun['profiles'] = [];
    /** One scenario at GOAL.connections under the CPU profiler; its summary, and the file kept in PROFILE_DIR. */
    const profiled = async (scenario: Scenario, file: string) => {
      progress(`${backend}: CPU profile of ${scenario.name} × ${GOAL.connections}`);
      await tellService(service!, 'profile:start', 'profile:started');
      rows.push({ ...(await run(service!, scenario, GOAL.connections)), scenario: `${scenario.name} (CPU-profiled)` });
      await tellService(service!, 'profile:stop', 'profile:written');
      const text = readFileSync(profileFile, 'utf8');
      profiles.push({
        title: `${scenario.name} × ${GOAL.connections}`,
        summary: formatSummary(summariseProfile(JSON.parse(text) as CpuProfile)),
      });
      if (PROFILE_DIR) {
        const kept = join(PROFILE_DIR, `api-${backend}-${file}.cpuprofile`);
        writeFileSync(kept, text);
        progress(`${backend}: profile in ${kept}`);
      }
    };
    if (PROFILE && PROFILE_QUERIES) {
      await profiled(board, 'board-week');
      await profiled(worker, 'worker');
    } else if (PROFILE) {
      await profiled(register, 'register-worker');
    }
    await stopService(service);
    service = undefined;
    progress(`${backend}: raw appends after the service stopped`);
    for (const writers of CONNECTIONS) rows.push(await rawAppends(raw.store, writers, 'after'));
    return { backend, rows, profiles, work };
  } catch (error) {
    if (service) progress(`${backend}: the service's stderr:\n${service.stderr()}`);
    throw error;
  } finally {
    if (service) await stopService(service);
    await raw.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- report -------------------------------------------------------------------------------------------------------

function report({ backend, rows, profiles, work }: BackendRun): void {
  out(
    `\n## ${backend === 'postgres' ? 'PostgreSQL (scratch database on 127.0.0.1:5432; the service’s pool of 10)' : 'PGlite (embedded, temp data dir, one connection)'}`,
  );
  out(
    backend === 'postgres'
      ? `Raw appends: the event store adapter on a second scratch database on the same server, pool of ${POOL_SIZE}, before the service started and after it stopped.`
      : 'Raw appends: the event store adapter on a second temp PGlite (the service locks its own), before the service started and after it stopped.',
  );
  out('');
  out('| scenario | connections | per second | p50 ms | p99 ms | failed | seconds | load 1m | service CPU ms/op |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const unit = r.scenario.includes('placements') ? ' placements' : '';
    out(
      `| ${r.scenario} | ${r.connections} | ${r.opsPerSecond.toFixed(1)}${unit} | ${r.p50} | ${r.p99} | ${r.failed} | ${r.seconds.toFixed(1)} | ${r.load.toFixed(2)} | ${r.cpuMsPerOp?.toFixed(2) ?? '–'} |`,
    );
  }
  for (const r of rows.filter((r) => r.note)) out(`- ${r.scenario} × ${r.connections}: ${r.note}`);
  out('');
  const rawAt = (connections: number) => {
    const both = rows.filter((r) => r.kind === 'raw' && r.connections === connections);
    return both.reduce((sum, r) => sum + r.opsPerSecond, 0) / both.length;
  };
  const command = rows.find((r) => r.scenario === 'POST /workers' && r.connections === GOAL.connections);
  if (command) {
    const appends = rawAt(GOAL.connections);
    const share = command.opsPerSecond / appends;
    out(
      `Goal: commands at ${GOAL.connections} connections ≥ ${GOAL.commandShareOfAppends} × raw appends: POST /workers ${command.opsPerSecond.toFixed(1)}/s ` +
        `vs ${appends.toFixed(1)} appends/s (mean of before and after) = ${share.toFixed(2)} × — ${share >= GOAL.commandShareOfAppends ? 'met' : 'not met'}`,
    );
  }
  for (const q of rows.filter((r) => r.kind === 'query')) {
    out(
      `Goal: query p99 ≤ ${GOAL.queryP99Ms} ms: ${q.scenario} × ${q.connections}: ${q.p99} ms — ${q.p99 <= GOAL.queryP99Ms && q.failed === 0 ? 'met' : 'not met'}`,
    );
  }
  if (work.size > 0) out(`\nDatabase work per operation at ${GOAL.connections} connections (a command's projection included):`);
  for (const [scenario, perOp] of work) out(`- ${scenario}: ${perOp}`);
  for (const { title, summary } of profiles) {
    out(`\nCPU profile of the service during ${title} (${backend}):\n`);
    out(summary);
  }
}

async function main(): Promise<void> {
  if (!existsSync(SERVICE)) throw new Error(`${SERVICE} is missing: run \`npm run build\` first (bench:api does)`);
  out(`# bench:api — ${new Date().toISOString()}, ${cpus().length} cores, node ${process.version}`);
  out(`${DURATION} s a scenario, connections ${CONNECTIONS.join(', ')}, service LOG_LEVEL=${LOG_LEVEL} (stdout to /dev/null)`);
  out(
    `load average at start (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
  out('autocannon runs in this process, the service in a child: both share the machine with everything else on it.');
  for (const backend of BACKENDS) report(await runBackend(backend));
  out(
    `\nload average at end (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
