import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// PostgreSQL takes at most 65,535 parameters in one statement; stay well below.
const MAX_PARAMETERS = 30_000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size));
  return result;
}

const rowsPerStatement = (manager: EntityManager, entity: EntityTarget<ObjectLiteral>) =>
  Math.max(1, Math.floor(MAX_PARAMETERS / manager.connection.getMetadata(entity).columns.length));

/** Inserts or replaces rows by their key (the last of rows with the same key wins), in statements of bounded size. */
export async function saveRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: readonly T[], key: (keyof T & string)[]): Promise<void> {
  // One statement may not update the same row twice.
  const unique = [...new Map(rows.map((row) => [JSON.stringify(key.map((k) => row[k])), row])).values()];
  for (const chunk of chunks(unique, rowsPerStatement(manager, entity))) {
    await manager.upsert(entity, chunk as never, { conflictPaths: key, skipUpdateIfNoValuesChanged: false });
  }
}

/** Inserts rows, in statements of bounded size. */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: readonly T[]): Promise<void> {
  for (const chunk of chunks(rows, rowsPerStatement(manager, entity))) {
    await manager.createQueryBuilder().insert().into(entity).values(chunk as never).updateEntity(false).execute();
  }
}

/** Keeps, per key, the value with the highest rank (for last-writer-wins by revision within a batch). */
export function latestBy<T>(items: readonly T[], key: (item: T) => string, rank: (item: T) => number): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const current = latest.get(key(item));
    if (!current || rank(item) > rank(current)) latest.set(key(item), item);
  }
  return [...latest.values()];
}
