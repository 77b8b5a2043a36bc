import { placementStreamId, workerStreamId } from '@banenpool/domain';
import { comparePositions, type GlobalPosition, type RecordedEvent } from '@banenpool/event-store';
import { allProjections } from '@banenpool/read-models';
import { openTestStack, STACK_KINDS, type TestStack } from '@banenpool/testing';
import type { DataSource, EntityManager } from 'typeorm';
import {
  appendScenario,
  winterScenarioPart1,
  winterScenarioPart2,
  type ScenarioAppend,
} from '../../read-models/src/shared/pool-scenario.fixtures.js';
import type { Projection } from './projection.js';
import { Projector } from './projector.js';
import { openReadModelDataSource } from './read-model-data-source.js';
import { rebuildAndCompare, type ReadModelComparison, type RebuildProgress } from './read-model-comparison.js';
import { readModelSnapshot, scratchSchemas, tablesOf } from './read-model-comparison.testing.js';
import { countStatements } from './sql-statement-counter.js';

const tableResult = (result: ReadModelComparison, table: string) =>
  result.projections.flatMap((p) => p.tables).find((t) => t.table === table)!;

/** One more worker with a contract and a confirmed winter placement at Visschedijk: touches every read model. */
function newcomer(i: number): ScenarioAppend[] {
  const workerId = `newcomer-${i}`;
  const placementId = `newcomer-winter-${i}`;
  const terms = {
    placementId,
    workerId,
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: 'schoonmaker',
    legalForm: 'payroll',
    hoursPerWeek: 8,
    period: { from: '2026-11-02', to: '2026-12-27' },
    capacityRequestId: 'vd-winter',
    billRateCents: 3150,
  };
  const pay = {
    hourlyCents: 1598,
    wageBasis: 'cao',
    cao: { code: 'schoonmaak', versionFrom: '2026-01-01', revision: 0, scale: 'A', step: 2 },
  };
  return [
    {
      streamId: workerStreamId(workerId),
      events: [
        { type: 'WorkerRegistered', data: { workerId, name: `Nieuw ${i}`, homeArea: 'hengelo', skills: ['cleaning'] } },
        { type: 'TargetGroupStatusRecorded', data: { workerId, inRegister: i % 2 === 0 } },
        {
          type: 'PoolContractAgreed',
          data: {
            workerId,
            contractId: 'c1',
            terms: { kind: 'indefinite', from: '2026-10-01', guaranteedHoursPerWeek: 8, maxHoursPerWeek: 16 },
          },
        },
      ],
    },
    {
      streamId: placementStreamId(placementId),
      events: [
        { type: 'PlacementProposed', data: terms },
        { type: 'PlacementConfirmed', data: { ...terms, pay } },
      ],
    },
  ] as never;
}

describe.each(STACK_KINDS)('rebuildAndCompare on %s', (kind) => {
  let stack: TestStack;
  let dataSource: DataSource;
  let projector: Projector;

  /** Appends and waits until every live projection has applied it (the feed on a shared server can lag a moment). */
  const appendAndProject = async (appends: readonly ScenarioAppend[]): Promise<GlobalPosition> => {
    const position = (await appendScenario(stack.store, appends))!;
    projector.start();
    try {
      if (!(await projector.waitFor(position, 30_000))) throw new Error('live projections did not reach the appended events');
    } finally {
      await projector.stop();
    }
    return position;
  };
  const compare = (
    options: {
      projections?: readonly Projection[];
      batchSize?: number;
      lanes?: number;
      copy?: boolean;
      onProgress?: (p: RebuildProgress) => void;
    } = {},
  ) => rebuildAndCompare({ store: stack.store, dataSource, projections: allProjections, ...options });

  beforeAll(async () => {
    stack = await openTestStack(kind);
    dataSource = await openReadModelDataSource(
      stack.connection,
      allProjections.flatMap((p) => p.entities),
    );
    projector = new Projector(stack.store, dataSource, allProjections, { batchSize: 7, idleWaitMs: 10 });
    await appendAndProject(winterScenarioPart1());
    await appendAndProject(winterScenarioPart2());
  });
  afterAll(async () => {
    await projector.stop();
    await dataSource.destroy();
    await stack.cleanup();
  });

  it('(a) a rebuild of the live pool scenario equals every live read model, at the live position, with progress', async () => {
    const feed = await stack.store.readAll({ limit: 10_000 });
    const progress: RebuildProgress[] = [];
    const result = await compare({ batchSize: 10, onProgress: (p) => progress.push(p) });

    expect(result.projections.map((p) => p.name)).toEqual(allProjections.map((p) => p.name));
    for (const projection of result.projections) {
      expect({ name: projection.name, equal: projection.equal }).toEqual({ name: projection.name, equal: true });
      expect(comparePositions(projection.position!, feed[feed.length - 1].position)).toBe(0);
      const rows = projection.tables.reduce((sum, t) => sum + t.liveRows, 0);
      expect(rows).toBeGreaterThan(0); // the scenario fills every read model: equal is not "both empty"
      for (const table of projection.tables)
        expect(table).toMatchObject({ rebuiltRows: table.liveRows, onlyLive: 0, onlyRebuilt: 0, samples: [] });
    }
    expect(result.projections.flatMap((p) => p.tables.map((t) => t.table)).sort()).toEqual(tablesOf(dataSource, allProjections).sort());
    expect(result).toMatchObject({ equal: true, events: feed.length });
    expect(comparePositions(result.position!, feed[feed.length - 1].position)).toBe(0);
    expect(result.seconds).toBeGreaterThan(0);

    // Every projection reports its way from a first batch of 10 to the whole feed.
    for (const { name } of allProjections) {
      const own = progress.filter((p) => p.projection === name);
      expect(own[0]).toEqual({ projection: name, applied: 10, total: feed.length });
      expect(own.at(-1)).toEqual({ projection: name, applied: feed.length, total: feed.length });
    }
  });

  it('(b) an edited and a deleted live row are differences in exactly their tables, counted both ways, with samples', async () => {
    await dataSource.query(`UPDATE rm_worker_hours_contracts SET guaranteed_quarters = guaranteed_quarters + 4 WHERE worker_id = 'anna'`);
    await dataSource.query(`DELETE FROM rm_capacity_gaps WHERE request_id = 'vd-winter' AND week_start = '2026-11-02'`);
    try {
      const result = await compare();

      expect(result.equal).toBe(false);
      const edited = tableResult(result, 'rm_worker_hours_contracts');
      expect(edited).toMatchObject({ onlyLive: 1, onlyRebuilt: 1 });
      expect(edited.rebuiltRows).toBe(edited.liveRows);
      expect(edited.samples).toEqual(
        expect.arrayContaining([
          { side: 'live', row: expect.objectContaining({ worker_id: 'anna' }) },
          { side: 'rebuilt', row: expect.objectContaining({ worker_id: 'anna' }) },
        ]),
      );
      const [live, rebuilt] = ['live', 'rebuilt'].map(
        (side) => (edited.samples as { side: string; row: { guaranteed_quarters: number } }[]).find((s) => s.side === side)!.row,
      );
      expect(live.guaranteed_quarters - rebuilt.guaranteed_quarters).toBe(4);

      const deleted = tableResult(result, 'rm_capacity_gaps');
      expect(deleted).toMatchObject({ onlyLive: 0, onlyRebuilt: 1, rebuiltRows: deleted.liveRows + 1 });
      expect(deleted.samples).toEqual([
        { side: 'rebuilt', row: expect.objectContaining({ request_id: 'vd-winter', week_start: '2026-11-02' }) },
      ]);

      const differing = result.projections
        .flatMap((p) => p.tables)
        .filter((t) => t.onlyLive + t.onlyRebuilt > 0)
        .map((t) => t.table);
      expect(differing.sort()).toEqual(['rm_capacity_gaps', 'rm_worker_hours_contracts']);
      expect(
        result.projections
          .filter((p) => !p.equal)
          .map((p) => p.name)
          .sort(),
      ).toEqual(['capacity-gaps', 'worker-hours']);
    } finally {
      await projector.rebuild('worker-hours');
      await projector.rebuild('capacity-gaps');
    }
    expect((await compare()).equal).toBe(true);
  });

  it('(c) leaves the live tables and checkpoints as they were and drops its scratch schema, also when a projection fails', async () => {
    const checkpoints = () => dataSource.query('SELECT * FROM projection_checkpoints ORDER BY name');
    const before = await readModelSnapshot(dataSource, allProjections);
    const checkpointsBefore = await checkpoints();
    expect((await compare({ batchSize: 9 })).equal).toBe(true);
    expect(await readModelSnapshot(dataSource, allProjections)).toEqual(before);
    expect(await checkpoints()).toEqual(checkpointsBefore); // not even rewritten: the times are the same
    expect(await scratchSchemas(dataSource)).toEqual([]);

    const [catalog] = allProjections;
    let batches = 0;
    const failing: Projection = {
      name: catalog.name,
      entities: catalog.entities,
      async apply(events: readonly RecordedEvent[], manager: EntityManager) {
        if (++batches === 3) throw new Error('handler failed in the scratch schema');
        await catalog.apply(events, manager);
      },
    };
    await expect(compare({ projections: [failing, ...allProjections.slice(1)], batchSize: 9 })).rejects.toThrow(
      'handler failed in the scratch schema',
    );
    expect(await readModelSnapshot(dataSource, allProjections)).toEqual(before);
    expect(await scratchSchemas(dataSource)).toEqual([]);
  });

  it('(d) events appended and projected live while it compares give no false difference: it compares at the newer position', async () => {
    const headBefore = (await stack.store.headPosition())!;
    let appended = 0;
    let comparing = true;
    projector.start();
    // A writer and the live projector keep going for as long as the comparison runs.
    const writer = (async () => {
      // Bounded: on PGlite's one connection the live projector and the comparison share the writer's time.
      for (let i = 0; comparing && i < 60; i++) {
        await appendScenario(stack.store, newcomer(i));
        appended++;
        projector.notify();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    let result: ReadModelComparison;
    try {
      result = await compare({ batchSize: 20 });
    } finally {
      comparing = false;
      await writer;
      await projector.stop();
    }

    expect(appended).toBeGreaterThan(0);
    expect(result.projections.filter((p) => !p.equal)).toEqual([]);
    expect(result.equal).toBe(true);
    // Compared beyond the head it started from: the live read models had moved on, and so had the copy.
    expect(comparePositions(result.position!, headBefore)).toBeGreaterThan(0);
    const catalog = result.projections.find((p) => p.name === 'stream-catalog')!;
    expect(catalog.tables[0].liveRows).toBeGreaterThan(0);
    expect(await scratchSchemas(dataSource)).toEqual([]);
  });

  it('(e) drops the scratch schemas that crashed comparisons left (started over a day ago, or unmarked), not a running one', async () => {
    const started = async (name: string, ago: string | null) => {
      await dataSource.query(`CREATE SCHEMA ${name}`);
      if (ago === null) return;
      const [{ at }]: { at: string }[] = await dataSource.query(`SELECT (now() - $1::interval)::text AS at`, [ago]);
      await dataSource.query(`COMMENT ON SCHEMA ${name} IS 'started ${at}'`);
    };
    await started('read_model_compare_crashed', '2 days');
    await started('read_model_compare_unmarked', null);
    await started('read_model_compare_running', '1 hour');
    try {
      expect((await compare({ batchSize: 50 })).equal).toBe(true);
      expect(await scratchSchemas(dataSource)).toEqual(['read_model_compare_running']);
    } finally {
      for (const name of ['crashed', 'unmarked', 'running']) await dataSource.query(`DROP SCHEMA IF EXISTS read_model_compare_${name}`);
    }
  });

  it('(f) one lane or several (on PGlite several wait for its one connection in turn) give the same equal comparison', async () => {
    const summary = (result: ReadModelComparison) => ({
      equal: result.equal,
      events: result.events,
      tables: result.projections.flatMap((p) => p.tables.map((t) => [t.table, t.liveRows, t.rebuiltRows, t.onlyLive, t.onlyRebuilt])),
    });
    const oneLane = await compare({ batchSize: 8, lanes: 1 });
    const fourLanes = await compare({ batchSize: 8, lanes: 4 });

    expect(oneLane.equal).toBe(true);
    expect(summary(fourLanes)).toEqual(summary(oneLane));
    expect(await scratchSchemas(dataSource)).toEqual([]);
  });

  it('(g) on PostgreSQL the copies are written in bulk with COPY (on PGlite not), and equal the live read models either way', async () => {
    // Hundreds of new placements, so that one batch writes more rows to a table than the bulk path's threshold.
    const position = await appendScenario(stack.store, Array.from({ length: 600 }, (_, i) => newcomer(1_000 + i)).flat());
    const bulkProjector = new Projector(stack.store, dataSource, allProjections, { batchSize: 1_000, idleWaitMs: 10 });
    bulkProjector.start();
    try {
      expect(await bulkProjector.waitFor(position!, 120_000)).toBe(true);
    } finally {
      await bulkProjector.stop();
    }
    const counted = countStatements();
    let bulk: ReadModelComparison;
    try {
      bulk = await compare();
    } finally {
      counted.stop();
    }
    const unnest = await compare({ copy: false });

    const copies = counted.statements.filter((statement) => statement.startsWith('COPY '));
    if (kind === 'postgres') expect(copies.length).toBeGreaterThanOrEqual(5);
    else expect(copies).toEqual([]);
    expect(bulk.projections.filter((p) => !p.equal)).toEqual([]);
    expect(bulk.equal).toBe(true);
    const catalog = bulk.projections.find((p) => p.name === 'stream-catalog')!;
    expect(catalog.tables[0].liveRows).toBeGreaterThan(1_200);
    const summary = (result: ReadModelComparison) =>
      result.projections.flatMap((p) => p.tables.map((t) => [t.table, t.liveRows, t.rebuiltRows]));
    expect(unnest.equal).toBe(true);
    expect(summary(unnest)).toEqual(summary(bulk));
  });

  it('(h) `projections:rebuild` rebuilds the live tables in bulk with COPY on PostgreSQL, equal to a rebuild without it', async () => {
    // On the hundreds of placements (g) added, enough for one batch to pass the bulk path's threshold.
    const counted = countStatements();
    try {
      await new Projector(stack.store, dataSource, allProjections).rebuild();
    } finally {
      counted.stop();
    }
    const copies = counted.statements.filter((statement) => statement.startsWith('COPY '));
    if (kind === 'postgres') expect(copies.length).toBeGreaterThanOrEqual(5);
    else expect(copies).toEqual([]);
    const unnest = await compare({ copy: false });
    expect(unnest.projections.filter((p) => !p.equal)).toEqual([]);
    expect(unnest.projections.find((p) => p.name === 'stream-catalog')!.tables[0].liveRows).toBeGreaterThan(1_200);
  });
});
