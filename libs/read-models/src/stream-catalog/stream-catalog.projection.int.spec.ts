import { START } from '@banenpool/event-store';
import { openReadModelDataSource, Projector } from '@banenpool/projector';
import { openTestStack, STACK_KINDS, type TestStack } from '@banenpool/testing';
import type { DataSource } from 'typeorm';
import { StreamCatalogEntry } from './stream-catalog.entity.js';
import { streamCatalogProjection } from './stream-catalog.projection.js';
import { listStreams } from './stream-catalog.query.js';

describe.each(STACK_KINDS)('stream catalog read model on %s', (kind) => {
  let stack: TestStack;
  let dataSource: DataSource;
  let projector: Projector;

  const catalog = () => dataSource.manager.find(StreamCatalogEntry, { order: { streamId: 'ASC' } });

  beforeAll(async () => {
    stack = await openTestStack(kind);
    dataSource = await openReadModelDataSource(stack.connection, streamCatalogProjection.entities);
    projector = new Projector(stack.store, dataSource, [streamCatalogProjection], { batchSize: 7 });
    const append = (stream: string, ...types: string[]) =>
      stack.store.appendToStream(
        stream,
        types.map((type) => ({ type, data: {} })),
        { expectedVersion: 'any' },
      );
    await append('worker-1', 'WorkerRegistered', 'SkillAdded');
    await append('placement-9', 'PlacementProposed');
    await append('worker-1', 'AvailabilityDeclared');
    await append('cao-horeca', 'CaoVersionPublished', 'CaoVersionPublished', 'CaoVersionCorrected');
    await append('placement-9', 'PlacementConfirmed', 'HoursRegistered');
    await projector.catchUp();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await stack.cleanup();
  });

  it('holds one row per stream with its count, kind and newest event', async () => {
    expect(
      (await catalog()).map(({ streamId, category, eventCount, lastEventType }) => ({ streamId, category, eventCount, lastEventType })),
    ).toEqual([
      { streamId: 'cao-horeca', category: 'cao', eventCount: 3, lastEventType: 'CaoVersionCorrected' },
      { streamId: 'placement-9', category: 'placement', eventCount: 3, lastEventType: 'HoursRegistered' },
      { streamId: 'worker-1', category: 'worker', eventCount: 3, lastEventType: 'AvailabilityDeclared' },
    ]);
  });

  it('replaying the same events twice gives the same read model', async () => {
    const once = await catalog();
    const everything = await stack.store.readAll({ after: START, limit: 1_000 });
    await dataSource.transaction((manager) => streamCatalogProjection.apply(everything, manager));
    // ... and out of order, as a batch boundary might cut it: older events never overwrite newer ones.
    await dataSource.transaction((manager) => streamCatalogProjection.apply(everything.slice().reverse(), manager));
    expect(await catalog()).toEqual(once);
  });

  it('a rebuild from zero equals the live result', async () => {
    const live = await catalog();
    await projector.rebuild();
    expect(await catalog()).toEqual(live);
  });

  it('filters by category and pages', async () => {
    const page = await listStreams(dataSource, { category: 'worker', limit: 10, offset: 0 });
    expect(page).toMatchObject({ total: 1, items: [{ streamId: 'worker-1' }] });
    const second = await listStreams(dataSource, { limit: 2, offset: 2 });
    expect(second).toMatchObject({ total: 3, items: [{ streamId: 'worker-1' }] });
  });
});
