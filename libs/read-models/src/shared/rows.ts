import { mondayOf, type Period } from '@banenpool/domain';
import { copyAllowed, copyFromText, quoteIdentifier as quote, quotedTablePath } from '@banenpool/projector';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { weekCountOf } from './weeks.js';

/**
 * Bulk writes of read-model rows as one `INSERT … SELECT FROM unnest(…)` statement per table and
 * batch: one parameter per column (an array of that column's values), however many rows. TypeORM's
 * own insert builds one parameter per cell and spent most of a projection's time doing so
 * (bench:audit: the allocation board projected about 700 pool events/s that way). The column names
 * and SQL types come from the entity's TypeORM metadata, so the entities stay the one definition.
 * In a rebuild on PostgreSQL (`allowCopy`), large writes go through COPY instead (`copyRows`).
 */
interface UnnestColumn {
  readonly name: string;
  readonly property: string;
  readonly sqlType: string;
  readonly array: boolean;
  /** Sent as JSON text: a jsonb value that is itself an array would otherwise become a dimension of the parameter. */
  readonly json: boolean;
}

function unnestColumns(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[]): UnnestColumn[] {
  const { columns } = manager.connection.getMetadata(entity);
  // A property no row sets is left to the column's default, as TypeORM's insert does.
  return columns
    .filter((column) => rows.some((row) => column.getEntityValue(row) !== undefined))
    .map((column: ColumnMetadata) => ({
      name: column.databaseName,
      property: column.propertyName,
      sqlType: manager.connection.driver.normalizeType(column),
      array: column.isArray,
      json: column.type === 'jsonb' || column.type === 'json',
    }));
}

/**
 * Each column's values as one parameter; an array column's values travel as array literals, since unnest would
 * flatten a 2-D array. A JSON column's values travel as one JSON array (see `unnestedParameter`).
 */
function columnValues(column: UnnestColumn, rows: readonly ObjectLiteral[]): unknown {
  const values = rows.map((row) => {
    const value: unknown = row[column.property];
    if (value === undefined || value === null) return null;
    return column.array ? arrayLiteral(value as readonly unknown[]) : value;
  });
  return column.json ? JSON.stringify(values) : values;
}

const arrayLiteral = (values: readonly unknown[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;

/**
 * The array that unnest reads of a column. A JSON column's values come as one JSON array, split here in order
 * (a JSON null is SQL NULL: `columnValues` sends no other null). As a `text[]` of JSON texts, the `pg` driver's
 * escaping of every quote (100–500 ms for 3,000 timesheet rows) and PostgreSQL's parsing of that array made the
 * timesheets' insert 2–3× as slow as with one JSON array.
 */
function unnestedParameter(column: UnnestColumn, n: number): string {
  if (!column.json) return `$${n}::${column.array ? 'text' : column.sqlType}[]`;
  return `(SELECT array_agg(CASE WHEN json_typeof(e) = 'null' THEN NULL ELSE e END ORDER BY i)
             FROM json_array_elements($${n}::json) WITH ORDINALITY AS j(e, i))`;
}

/**
 * Below this many rows the statement's parameters cost less than COPY's extra round trips (and a staging table
 * for an upsert); a rebuild's batches write thousands of rows per table.
 */
const COPY_MIN_ROWS = 500;

const useCopy = (manager: EntityManager, rows: readonly unknown[]) => rows.length >= COPY_MIN_ROWS && copyAllowed(manager);

const tableName = (manager: EntityManager, entity: EntityTarget<ObjectLiteral>) =>
  quotedTablePath(manager.connection.getMetadata(entity).tablePath);

/**
 * The rows in COPY's text format: tab-separated fields, `\N` for NULL, backslash escapes. Each column's encoder is
 * chosen once per call, and a field is searched for the characters to escape before any replacing: this text is
 * written for every row of a rebuild, and building it was a rebuild's largest cost in Node (bench:projections).
 */
function copyText(columns: readonly UnnestColumn[], rows: readonly ObjectLiteral[]): string {
  const fields = columns.map((column) => ({ property: column.property, encode: copyEncoder(column) }));
  let text = '';
  for (const row of rows) {
    fields.forEach(({ property, encode }, i) => {
      const value: unknown = row[property];
      text += `${i === 0 ? '' : '\t'}${value === undefined || value === null ? '\\N' : encode(value)}`;
    });
    text += '\n';
  }
  return text;
}

type CopyEncoder = (value: NonNullable<unknown>) => string;

function copyEncoder(column: UnnestColumn): CopyEncoder {
  if (column.json) return (value) => copyEscaped(JSON.stringify(value));
  if (column.array) return (value) => copyEscaped(arrayLiteral(value as readonly unknown[]));
  return (value) =>
    typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
      ? String(value)
      : value instanceof Date
        ? value.toISOString()
        : copyEscaped(String(value as string));
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;

const copyEscaped = (text: string) => (COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]) : text);

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** COPYs the rows into `table` (quoted), only the given columns (the others get their defaults). */
function copyRows(manager: EntityManager, table: string, columns: readonly UnnestColumn[], rows: readonly ObjectLiteral[]): Promise<void> {
  return copyFromText(manager, `COPY ${table} (${columns.map((c) => quote(c.name)).join(', ')}) FROM STDIN`, copyText(columns, rows));
}

let stagingTables = 0;

/**
 * An upsert through COPY: the rows are copied into a temporary table of the same columns (no constraints, so the
 * columns no row sets may stay out), then inserted from it with the same ON CONFLICT clause.
 */
async function copyUpsert(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  columns: readonly UnnestColumn[],
  rows: readonly ObjectLiteral[],
  onConflict: string,
): Promise<void> {
  const table = tableName(manager, entity);
  const staging = `pg_temp.rm_staging_${++stagingTables}`;
  const names = columns.map((c) => quote(c.name)).join(', ');
  await manager.query(`CREATE TEMP TABLE ${staging} ON COMMIT DROP AS SELECT ${names} FROM ${table} WITH NO DATA`);
  await copyRows(manager, staging, columns, rows);
  // Dropped now, not only at commit: a rebuild's transaction stages every batch, and each table would hold its rows till then.
  await manager.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM ${staging} ${onConflict}; DROP TABLE ${staging}`);
}

function insertStatement(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, columns: readonly UnnestColumn[]): string {
  return `INSERT INTO ${tableName(manager, entity)} (${columns.map((c) => quote(c.name)).join(', ')})
    SELECT ${selectedColumns(columns).join(', ')} FROM ${unnested(columns)}`;
}

const selectedColumns = (columns: readonly UnnestColumn[]) =>
  columns.map((c, i) => (c.array ? `v.c${i}::${c.sqlType}[]` : c.json ? `v.c${i}::${c.sqlType}` : `v.c${i}`));

/** `unnest(…) AS v(c0, c1, …)` of the columns' parameters ($1, $2, …), and of `extra` after them. */
function unnested(columns: readonly UnnestColumn[], extra: readonly { readonly name: string; readonly sqlType: string }[] = []): string {
  const parameters = [
    ...columns.map((c, i) => unnestedParameter(c, i + 1)),
    ...extra.map((e, i) => `$${columns.length + i + 1}::${e.sqlType}[]`),
  ];
  return `unnest(${parameters.join(', ')}) AS v(${[...columns.map((_, i) => `c${i}`), ...extra.map((e) => e.name)].join(', ')})`;
}

/**
 * Inserts or replaces rows by their key (the last of rows with the same key wins), in one statement. `update`, when
 * given, is what a conflicting row gets instead (`SET … [WHERE …]`, the stored row named by its table's name).
 */
export async function saveRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly T[],
  key: (keyof T & string)[],
  update?: string,
): Promise<void> {
  // One statement may not update the same row twice.
  const unique = [...new Map(rows.map((row) => [JSON.stringify(key.map((k) => row[k])), row])).values()];
  if (unique.length === 0) return;
  const columns = unnestColumns(manager, entity, unique);
  const keyColumns = columns.filter((c) => key.includes(c.property as keyof T & string));
  const updated = columns.filter((c) => !keyColumns.includes(c));
  const replace =
    updated.length === 0 ? 'NOTHING' : `UPDATE SET ${updated.map((c) => `${quote(c.name)} = excluded.${quote(c.name)}`).join(', ')}`;
  const onConflict = `ON CONFLICT (${keyColumns.map((c) => quote(c.name)).join(', ')}) DO ${update ? `UPDATE ${update}` : replace}`;
  if (useCopy(manager, unique)) return copySave(manager, entity, { columns, keyColumns, onConflict }, unique);
  await unnestUpsert(manager, entity, columns, unique, onConflict);
}

function unnestUpsert(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  columns: readonly UnnestColumn[],
  rows: readonly ObjectLiteral[],
  onConflict: string,
): Promise<unknown> {
  return manager.query(
    `${insertStatement(manager, entity, columns)} ${onConflict}`,
    columns.map((column) => columnValues(column, rows)),
  );
}

interface Upsert {
  readonly columns: readonly UnnestColumn[];
  readonly keyColumns: readonly UnnestColumn[];
  readonly onConflict: string;
}

/**
 * A rebuild's upsert: rows whose key the table does not hold yet are copied straight in, and only the others go
 * through an upsert. Most of a rebuild's rows are new, and the staging table of `copyUpsert` cost them a second
 * COPY and an INSERT … SELECT (the timesheets: about a third of their rebuild's time in PostgreSQL). Safe because
 * a rebuild's transaction is the only writer of its read model's tables (the projector's lock, or a scratch copy).
 */
async function copySave(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, upsert: Upsert, rows: readonly ObjectLiteral[]) {
  const held = await heldKeys(manager, entity, upsert.keyColumns, rows);
  const fresh = rows.filter((_, i) => !held.has(i));
  const known = rows.filter((_, i) => held.has(i));
  if (fresh.length > 0) await insertWith(manager, entity, upsert.columns, fresh);
  if (known.length === 0) return;
  if (useCopy(manager, known)) await copyUpsert(manager, entity, upsert.columns, known, upsert.onConflict);
  else await unnestUpsert(manager, entity, upsert.columns, known, upsert.onConflict);
}

/** The indexes (0-based) of the rows whose key the table already holds. */
async function heldKeys(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  keyColumns: readonly UnnestColumn[],
  rows: readonly ObjectLiteral[],
): Promise<Set<number>> {
  const names = keyColumns.map((_, i) => `k${i}`);
  const found: { i: string }[] = await manager.query(
    `SELECT v.i FROM unnest(${keyColumns.map((c, i) => unnestedParameter(c, i + 1)).join(', ')}) WITH ORDINALITY AS v(${names.join(', ')}, i)
      WHERE EXISTS (SELECT 1 FROM ${tableName(manager, entity)} t WHERE ${keyColumns.map((c, i) => `t.${quote(c.name)} = v.${names[i]}`).join(' AND ')})`,
    keyColumns.map((column) => columnValues(column, rows)),
  );
  return new Set(found.map(({ i }) => Number(i) - 1));
}

/** Inserts rows in one statement. */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly T[],
): Promise<void> {
  if (rows.length > 0) await insertWith(manager, entity, unnestColumns(manager, entity, rows), rows);
}

async function insertWith(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  columns: readonly UnnestColumn[],
  rows: readonly ObjectLiteral[],
): Promise<void> {
  if (useCopy(manager, rows)) return copyRows(manager, tableName(manager, entity), columns, rows);
  await manager.query(
    insertStatement(manager, entity, columns),
    columns.map((column) => columnValues(column, rows)),
  );
}

/** A row of a weekly table without its week, and the period whose ISO weeks it is written for. */
export interface WeeklyRows<T> {
  readonly row: Omit<T, 'weekStart' | 'week'>;
  readonly period: Period;
}

/**
 * Inserts a row for every ISO week each period touches (as `weeksOf` counts them, at most MAX_WEEKS_PER_PERIOD): the
 * given columns, the week's Monday in `weekStart` and, where the entity has it, its label ('YYYY-Www') in `week`.
 * PostgreSQL makes the weeks (one statement, a row per period sent): making a row per placement-week here, and
 * sending each, was a large part of a rebuild's work in this process, where PostgreSQL had time to spare.
 */
export async function insertWeeklyRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  items: readonly WeeklyRows<T>[],
): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((item) => item.row);
  const { columns: all } = manager.connection.getMetadata(entity);
  const week = (property: string) => all.find((c) => c.propertyName === property)?.databaseName;
  const columns = unnestColumns(manager, entity, rows).filter((c) => c.property !== 'weekStart' && c.property !== 'week');
  const day = `(v.first_week + 7 * g.n)`;
  const weekColumns = [
    { name: week('weekStart')!, value: day },
    ...(week('week') ? [{ name: week('week')!, value: `to_char(${day}, 'IYYY-"W"IW')` }] : []),
  ];
  const extra = [
    { name: 'first_week', sqlType: 'date' },
    { name: 'weeks', sqlType: 'integer' },
  ];
  await manager.query(
    `INSERT INTO ${tableName(manager, entity)} (${[...columns.map((c) => quote(c.name)), ...weekColumns.map((w) => quote(w.name))].join(', ')})
     SELECT ${[...selectedColumns(columns), ...weekColumns.map((w) => w.value)].join(', ')}
       FROM ${unnested(columns, extra)} CROSS JOIN LATERAL generate_series(0, v.weeks - 1) AS g(n)`,
    [
      ...columns.map((column) => columnValues(column, rows)),
      items.map((item) => mondayOf(item.period.from)),
      items.map((item) => weekCountOf(item.period)),
    ],
  );
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
