import { openTestStack, STACK_KINDS, type TestStack } from '@banenpool/testing';
import { EntitySchema } from 'typeorm';
import { openReadModelDataSource } from './read-model-data-source.js';

const notes = new EntitySchema({
  name: 'SchemaNote',
  tableName: 'rm_schema_test_notes',
  columns: { id: { type: 'text', primary: true }, body: { type: 'text' } },
});
const tags = new EntitySchema({
  name: 'SchemaTag',
  tableName: 'rm_schema_test_tags',
  columns: { id: { type: 'text', primary: true } },
});

describe.each(STACK_KINDS)('read-model schema on %s: synchronized only when the entities changed', (kind) => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await openTestStack(kind);
  });
  afterAll(() => stack.cleanup());

  const columnsOf = async (table: string) =>
    (
      (await stack.connection.pool.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name',
        [table],
      )) as { rows: { column_name: string }[] }
    ).rows.map((r) => r.column_name);

  const open = async (entities: EntitySchema[]) => {
    const dataSource = await openReadModelDataSource(stack.connection, entities);
    await dataSource.destroy();
  };

  it('creates the tables, leaves them alone while the entities stay the same, and follows a change', async () => {
    await open([notes]);
    expect(await columnsOf('rm_schema_test_notes')).toEqual(['body', 'id']);

    // A column synchronize would drop: it survives a start with the same entities, so nothing ran.
    await stack.connection.pool.query('ALTER TABLE rm_schema_test_notes ADD COLUMN stray int');
    await open([notes]);
    expect(await columnsOf('rm_schema_test_notes')).toEqual(['body', 'id', 'stray']);

    // Other entities: synchronize runs and makes every table match them.
    await open([notes, tags]);
    expect(await columnsOf('rm_schema_test_notes')).toEqual(['body', 'id']);
    expect(await columnsOf('rm_schema_test_tags')).toEqual(['id']);
  });
});
