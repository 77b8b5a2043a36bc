// Benchmark of what the in-process projector costs a command: one client registers workers one after
// another through the application's command path (CommandBus → decider → append), with the projector
// running in the same process and without it, on embedded PGlite (a data folder, as `npm start` uses)
// and on a PostgreSQL scratch database. With the projector on, also each command followed by
// read-your-writes (waiting until every read model has applied it). Every figure gives the SQL
// statements per command. The baseline of the same run is raw `pg`: single-row INSERTs one after
// another on the same pool, and single-event appends to the store.
//   npm run bench:projector
//   BENCH_SECONDS=3 BENCH_BACKENDS=pglite npm run bench:projector      (quick run)
// Figures go to stdout, progress lines to stderr.
import 'reflect-metadata'; // TypeORM entity decorators (read models) need it before they load
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ChangeWorkerCommand, ReadModelsCatchUp, type CommandAccepted, type RequestContext } from '@banenpool/application';
import { parsePosition, type EventStore, type PostgresConnection } from '@banenpool/event-store';
import { EVENT_STORE, loadConfig, POSTGRES_CONNECTION } from '@banenpool/platform';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { AppModule } from '../apps/api/src/app.module.js';
import { countStatements } from '../libs/projector/src/sql-statement-counter.js';
import { load, out, progress } from './bench-output.js';

type Backend = 'pglite' | 'postgres';
type Mode = 'projector off' | 'projector on' | 'projector on + read-your-writes';

const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((b) => b.trim()) as Backend[];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const GOAL: Record<Backend, number> = { pglite: 150, postgres: 200 };
const CONTEXT: RequestContext = { caller: { label: 'operator:bench' }, correlationId: 'bench-projector' };

interface Rate {
  perSecond: number;
  statementsEach: number;
  load: string;
}

/** Runs `step` one call after another for SECONDS; calls per second and SQL statements per call. */
async function measure(step: (i: number) => Promise<unknown>): Promise<Rate> {
  for (let i = 0; i < 20; i++) await step(-1 - i); // warm-up: JIT, pool connections, prepared paths
  const counter = countStatements();
  const begin = performance.now();
  let calls = 0;
  try {
    while (performance.now() - begin < SECONDS * 1000) await step(calls++);
  } finally {
    counter.stop();
  }
  const seconds = (performance.now() - begin) / 1000;
  return { perSecond: calls / seconds, statementsEach: counter.statements.length / calls, load: load() };
}

/** The API's module as main.ts builds it, without HTTP; the projector on or off. */
async function startApp(backend: Backend, projector: boolean, database?: ScratchDatabase, dataDir?: string): Promise<INestApplication> {
  const config = loadConfig({
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    ...(database ? { MASTER_KEY: Buffer.alloc(32, 7).toString('base64') } : {}), // required off the embedded default (ADR 0020)
    LOG_LEVEL: 'silent',
    ALLOW_DEMO_KEYS: 'true',
  });
  // Embedded mode refuses EMBEDDED_PROJECTOR=false (nobody else could project); measuring without it is the point here.
  config.EMBEDDED_PROJECTOR = projector;
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false, abortOnError: false });
  await app.init();
  progress(`${backend}: application started, ${projector ? 'with' : 'without'} the in-process projector`);
  return app;
}

function registerWorker(app: INestApplication, run: string) {
  const bus = app.get(CommandBus);
  return (i: number): Promise<CommandAccepted> => {
    const workerId = `bench-${run}-${i}`;
    return bus.execute(
      new ChangeWorkerCommand(
        workerId,
        {
          type: 'RegisterWorker',
          workerId,
          name: `Worker ${i}`,
          birthDate: '1990-01-01',
          homeArea: 'hengelo',
          skills: ['cleaning'],
          availability: { kind: 'hours_per_week', hoursPerWeek: 32, unavailable: [] },
        },
        CONTEXT,
      ),
    );
  };
}

async function baselines(app: INestApplication): Promise<{ insert: Rate; append: Rate }> {
  const { pool } = app.get<PostgresConnection>(POSTGRES_CONNECTION);
  await pool.query('CREATE TABLE IF NOT EXISTS bench_raw_insert (id uuid PRIMARY KEY, data jsonb NOT NULL)');
  const insert = await measure(() => pool.query('INSERT INTO bench_raw_insert VALUES ($1, $2)', [randomUUID(), { i: 1 }]));
  const store = app.get<EventStore>(EVENT_STORE);
  const append = await measure(() =>
    store.appendToStream(`bench-raw-${randomUUID()}`, [{ type: 'BenchTallied', data: { i: 1 } }], { expectedVersion: 'no_stream' }),
  );
  return { insert, append };
}

async function runBackend(backend: Backend): Promise<void> {
  const database = backend === 'postgres' ? await createScratchDatabase() : undefined;
  const dataDir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'banenpool-bench-projector-')) : undefined;
  const rates = new Map<Mode, Rate>();
  try {
    for (const projector of [false, true]) {
      const app = await startApp(backend, projector, database, dataDir && join(dataDir, 'pglite'));
      try {
        if (!projector) {
          const { insert, append } = await baselines(app);
          out(`${backend.padEnd(8)} baseline  raw INSERT, one row each     ${fmt(insert)}`);
          out(`${backend.padEnd(8)} baseline  store append, one event each ${fmt(append)}`);
        }
        const command = registerWorker(app, randomUUID().slice(0, 8));
        const mode: Mode = projector ? 'projector on' : 'projector off';
        rates.set(mode, await measure(command));
        progress(`${backend}: ${mode} measured`);
        if (projector) {
          const readModels = app.get(ReadModelsCatchUp);
          const withReads = registerWorker(app, randomUUID().slice(0, 8));
          rates.set(
            'projector on + read-your-writes',
            await measure(async (i) => {
              const { position } = await withReads(i);
              if (!position || !(await readModels.waitFor(parsePosition(position)!))) throw new Error('read models did not catch up');
            }),
          );
        }
      } finally {
        await app.close();
      }
    }
  } finally {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  for (const [mode, rate] of rates) out(`${backend.padEnd(8)} commands  ${mode.padEnd(31)}  ${fmt(rate)}`);
  const on = rates.get('projector on')!;
  out(
    `${backend.padEnd(8)} goal      ≥ ${GOAL[backend]} commands/s with the projector on: ${on.perSecond >= GOAL[backend] ? 'met' : 'NOT met'}`,
  );
}

const fmt = (rate: Rate) =>
  `${rate.perSecond.toFixed(0).padStart(6)}/s  ${rate.statementsEach.toFixed(1).padStart(5)} SQL statements each  (load ${rate.load})`;

async function main(): Promise<void> {
  out(`# In-process projector: one client, ${SECONDS} s per figure, ${new Date().toISOString()}, load ${load()}`);
  for (const backend of BACKENDS) await runBackend(backend);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
