// Helpers for the comparison's tests (not exported from the library).
import type { DataSource } from 'typeorm';
import type { Projection } from './projection.js';

export const tablesOf = (dataSource: DataSource, projections: readonly Projection[]): string[] =>
  projections.flatMap((p) => p.entities.map((e) => dataSource.getMetadata(e).tableName));

/** Every row of every table of these projections and their checkpoints (without the time written), in a fixed order. */
export async function readModelSnapshot(dataSource: DataSource, projections: readonly Projection[]): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tablesOf(dataSource, projections)) {
    const rows: { row: unknown }[] = await dataSource.query(`SELECT to_jsonb(t) AS row FROM "${table}" t ORDER BY to_jsonb(t)::text`);
    snapshot[table] = rows.map((r) => r.row);
  }
  snapshot.projection_checkpoints = await dataSource.query(
    'SELECT name, "commit", prepare FROM projection_checkpoints WHERE name = ANY($1) ORDER BY name',
    [projections.map((p) => p.name)],
  );
  return snapshot;
}

/** Scratch schemas of comparisons still in the database. */
export async function scratchSchemas(dataSource: DataSource): Promise<string[]> {
  const rows: { nspname: string }[] = await dataSource.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'read_model_compare_%'`);
  return rows.map((r) => r.nspname);
}
