// Helpers for the read models' integration tests (not exported from the library).
import { START, type EventStore, type RecordedEvent } from '@banenpool/event-store';
import { openReadModelDataSource, Projector, type Projection } from '@banenpool/projector';
import { openTestStack, type StackKind, type TestStack } from '@banenpool/testing';
import type { DataSource } from 'typeorm';
import { appendScenario, winterScenarioPart1, winterScenarioPart2, type ScenarioAppend } from './pool-scenario.fixtures.js';

export interface ReadModelHarness {
  stack: TestStack;
  dataSource: DataSource;
  projector: Projector;
  /** Appends and waits until the projection has applied what was appended. */
  append(appends: readonly ScenarioAppend[]): Promise<void>;
  /** Appends part 2 of the winter scenario and waits for the projection. */
  part2(): Promise<void>;
  close(): Promise<void>;
}

/**
 * On a PostgreSQL server the feed shows an event once every older transaction on the server has
 * ended (other suites run at the same time), so a plain catchUp() may stop short of a fresh
 * append: wait for its position instead, as read-your-writes does.
 */
async function appendAndWait(store: EventStore, projector: Projector, appends: readonly ScenarioAppend[]): Promise<void> {
  const position = await appendScenario(store, appends);
  if (!position) return;
  projector.start();
  try {
    if (!(await projector.waitFor(position, 30_000))) throw new Error('the projection did not reach the appended events within 30 s');
  } finally {
    await projector.stop();
  }
}

/** A fresh store and read model with part 1 of the winter scenario applied (in batches of 7). */
export async function openHarness(kind: StackKind, projection: Projection): Promise<ReadModelHarness> {
  const stack = await openTestStack(kind);
  const dataSource = await openReadModelDataSource(stack.connection, projection.entities).catch(async (error: unknown) => {
    await stack.cleanup();
    throw error;
  });
  const projector = new Projector(stack.store, dataSource, [projection], { batchSize: 7, idleWaitMs: 10 });
  await appendAndWait(stack.store, projector, winterScenarioPart1());
  return {
    stack,
    dataSource,
    projector,
    append: (appends) => appendAndWait(stack.store, projector, appends),
    part2: () => appendAndWait(stack.store, projector, winterScenarioPart2()),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await stack.cleanup();
    },
  };
}

export const everything = (store: EventStore): Promise<RecordedEvent[]> => store.readAll({ after: START, limit: 100_000 });

/**
 * The checks every read model passes: the rows `snapshot` reads stay the same when (1) the whole
 * feed is applied again, forwards and backwards; (2) the tables are emptied and the feed applied
 * backwards (every stream's events out of order) in one batch; (3) rebuilt in batches of one event
 * and of 5; (4) rebuilt by the projector. Leaves the live result in place.
 */
export async function expectReplaysEqual(
  harness: ReadModelHarness,
  projection: Projection,
  snapshot: () => Promise<unknown>,
): Promise<void> {
  const { stack, dataSource, projector } = harness;
  const live = await snapshot();
  expect(live).not.toEqual([]);
  const events = await everything(stack.store);

  await dataSource.transaction((manager) => projection.apply(events, manager));
  await dataSource.transaction((manager) => projection.apply([...events].reverse(), manager));
  expect(await snapshot()).toEqual(live);

  await dataSource.transaction(async (manager) => {
    for (const entity of projection.entities) await manager.clear(entity);
    await projection.apply([...events].reverse(), manager);
  });
  expect(await snapshot()).toEqual(live);

  for (const batchSize of [1, 5]) {
    await new Projector(stack.store, dataSource, [projection], { batchSize }).rebuild();
    expect(await snapshot()).toEqual(live);
  }

  await projector.rebuild();
  expect(await snapshot()).toEqual(live);
}
