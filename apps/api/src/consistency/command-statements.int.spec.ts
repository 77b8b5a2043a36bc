import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ChangeWorkerCommand, ReadModelsCatchUp, type CommandAccepted } from '@banenpool/application';
import { parsePosition } from '@banenpool/event-store';
import { loadConfig } from '@banenpool/platform';
import { createScratchDatabase, STACK_KINDS, type ScratchDatabase } from '@banenpool/testing';
import { countStatements } from '../../../../libs/projector/src/sql-statement-counter.js';
import { AppModule } from '../app.module.js';

/** A read model's own statements name its tables (rm_…); the rest of a command's are the command's and the projector's. */
const READ_MODEL_TABLE = /\brm_/;

describe.each(STACK_KINDS)('one command with the in-process projector on %s', (kind) => {
  let database: ScratchDatabase | undefined;
  let app: INestApplication;

  beforeAll(async () => {
    database = kind === 'postgres' ? await createScratchDatabase() : undefined;
    const config = loadConfig({
      ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: 'memory://' }),
      LOG_LEVEL: 'silent',
      ALLOW_DEMO_KEYS: 'true',
      MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), // required beside DATABASE_URL: it wraps the workers' data keys
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await database?.drop();
  });

  const register = (workerId: string): Promise<CommandAccepted> =>
    app.get(CommandBus).execute(
      new ChangeWorkerCommand(
        workerId,
        {
          type: 'RegisterWorker',
          workerId,
          name: 'Anna de Vries',
          birthDate: '1998-04-12',
          homeArea: 'hengelo',
          skills: ['cleaning'],
          availability: { kind: 'hours_per_week', hoursPerWeek: 32, unavailable: [] },
        },
        { caller: { label: 'operator:test' }, correlationId: `test-${workerId}` },
      ),
    );

  it('costs its own statements, its read models’ writes and a handful for the projector, not a round per read model', async () => {
    const warm = await register('w-warm');
    expect(await app.get(ReadModelsCatchUp).waitFor(parsePosition(warm.position!)!)).toBe(true);

    const counter = countStatements();
    try {
      const { position } = await register('w-counted');
      expect(await app.get(ReadModelsCatchUp).waitFor(parsePosition(position!)!)).toBe(true);
    } finally {
      counter.stop();
    }
    const others = counter.statements.filter((s) => !READ_MODEL_TABLE.test(s));
    // The command reads its stream and appends (2), after looking up and creating the new worker's data key (2). Each lane's batch is the feed read and 5 in its
    // transaction: one lane for the read models and the embedded reaction, a second for the reaction
    // under its lock on PostgreSQL. Read-your-writes asks for the head (1). An idle poll of a lane
    // (feed and checkpoints) may fall in while the command runs (2 a lane).
    const lanes = kind === 'pglite' ? 1 : 2;
    const bound = 2 + 2 + 6 * lanes + 1 + 2 * lanes;
    // Beyond the bound the excess shows; a round of statements per read model (14 of them) would be far past it.
    expect(others.slice(bound)).toEqual([]);
  });
});
