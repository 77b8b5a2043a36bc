import { connectPostgres, migrateEventStore, PostgresEventStore, type PostgresConnection } from '@banenpool/event-store';
import { openReadModelDataSource, Projector, rebuildAndCompare } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import type { DataSource } from 'typeorm';
import { readModelSnapshot } from '../libs/projector/src/read-model-comparison.testing.js';
import { appendScenario, winterScenarioPart1, winterScenarioPart2 } from '../libs/read-models/src/shared/pool-scenario.fixtures.js';
import { requireBuild, startNode } from './support/built-app.js';

/** Every read model is rebuilt from zero by one command and equals the live one. */
describe('npm run projections:rebuild (the built projector with --rebuild) on PostgreSQL', () => {
  let database: ScratchDatabase;
  let connection: PostgresConnection;
  let store: PostgresEventStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    requireBuild();
    database = await createScratchDatabase();
    connection = connectPostgres({ url: database.url });
    await migrateEventStore(connection.pool);
    store = new PostgresEventStore(connection.pool);
    dataSource = await openReadModelDataSource(
      connection,
      allProjections.flatMap((p) => p.entities),
    );
    const projector = new Projector(store, dataSource, allProjections, { batchSize: 7, idleWaitMs: 10 });
    await appendScenario(store, winterScenarioPart1());
    const position = (await appendScenario(store, winterScenarioPart2()))!;
    projector.start();
    try {
      expect(await projector.waitFor(position, 30_000)).toBe(true);
    } finally {
      await projector.stop();
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await connection?.close();
    await database?.drop();
  });

  /** The winter erases no one; test/erasure.e2e-spec.ts erases a worker and rebuilds and compares these. */
  const FILLED_ONLY_BY_AN_ERASURE = new Set(['rm_lks_erased_workers']);

  it('empties and replays every read model, which then equal the live ones row for row', async () => {
    const live = await readModelSnapshot(dataSource, allProjections);
    for (const [table, rows] of Object.entries(live)) {
      if (FILLED_ONLY_BY_AN_ERASURE.has(table)) continue;
      expect({ table, empty: rows.length === 0 }).toEqual({ table, empty: false });
    }
    // Damage the live tables, so only a replay from zero can bring back what they held.
    await dataSource.query(`DELETE FROM rm_board_entries WHERE worker_id = 'anna'`);
    await dataSource.query(`UPDATE rm_stream_catalog SET event_count = 0`);
    await dataSource.query(`INSERT INTO rm_banenafspraak_statuses (worker_id, revision, in_register) VALUES ('ghost', 0, true)`);
    expect(await readModelSnapshot(dataSource, allProjections)).not.toEqual(live);

    const rebuild = startNode(
      'apps/projector/src/main.js',
      { DATABASE_URL: database.url, EMBEDDED_PROJECTOR: 'false', LOG_LEVEL: 'warn' },
      ['--rebuild'],
    );
    const code = await rebuild.exited;
    expect({ code, output: rebuild.output() }).toEqual({
      code: 0,
      output: expect.stringMatching(
        /from the start of the feed[\s\S]*events applied to 13 read models\n[\s\S]*events applied to 13 read models; done in/,
      ),
    });

    expect(await readModelSnapshot(dataSource, allProjections)).toEqual(live);
    const comparison = await rebuildAndCompare({ store, dataSource, projections: allProjections });
    expect(comparison.projections.filter((p) => !p.equal)).toEqual([]);
    expect(comparison.equal).toBe(true);
  });
});
