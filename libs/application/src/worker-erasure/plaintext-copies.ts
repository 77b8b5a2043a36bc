import { ERASED_TEXT, workerStreamId } from '@banenpool/domain';

/**
 * The copies of a worker's decrypted events kept outside the log, besides those the read models
 * blank when they project the erasure event:
 * - stream snapshots of the worker stream (ADR 0018): the folded state with the name, birth date and
 *   location in plain text. Deleted with their marks; the next load folds the (now erased) stream.
 * - stored answers to Idempotency-Keys of requests about the worker. A command answers ids, versions
 *   and event types only, but any stored answer that names the worker's id goes, so none can keep a
 *   personal field; a retry of such a key (within its 24 hours) runs again and is refused as erased.
 * - the timesheets read model (rm_timesheets): the worker's line remarks and rejection reasons, as
 *   a rebuild reads them from the erased events (PERSONAL_DATA): remarks left out, reasons
 *   '[erased]'; hours untouched. Its projection never sees the erasure event, so it is done here.
 * The first two tables are made on first use, so either may not exist yet (as may the read model's).
 */
export async function purgePlaintextCopies(sql: Sql, workerId: string): Promise<void> {
  const streamId = workerStreamId(workerId);
  if (await tableExists(sql, 'stream_snapshots')) {
    await sql('DELETE FROM stream_snapshots WHERE stream_id = $1', [streamId]);
    await sql('DELETE FROM stream_snapshot_marks WHERE stream_id = $1', [streamId]);
  }
  if (await tableExists(sql, 'api_idempotency_keys')) {
    await sql(
      `DELETE FROM api_idempotency_keys
        WHERE state = 'done' AND (stream_id = $1 OR strpos(response_body::text, $2) > 0)`,
      [streamId, JSON.stringify(workerId)],
    );
  }
  if (await tableExists(sql, 'rm_timesheets')) {
    await sql(
      `UPDATE rm_timesheets SET lines = ${WITHOUT_REMARKS('lines')}, approved_lines = ${WITHOUT_REMARKS('approved_lines')},
              rejection_reason = CASE WHEN rejection_reason IS NULL THEN NULL ELSE $2 END
        WHERE worker_id = $1`,
      [workerId, ERASED_TEXT],
    );
  }
}

/**
 * Every table that holds a worker's personal data in plain text: the read models that show a name
 * (blanked as they project WorkerDataErased) or a remark (rm_timesheets), the copies purged above,
 * and the data keys (a deleted wrapped key). The erasure rewrites them (reclaimErasedSpace), so no
 * earlier row version keeps the text in the database's files. test/erasure.e2e-spec.ts checks that
 * every table holding the name or a remark before an erasure is one of these.
 */
export const PLAINTEXT_TABLES: readonly string[] = [
  'rm_board_workers',
  'rm_banenafspraak_workers',
  'rm_lks_decisions',
  'rm_timesheets',
  'stream_snapshots',
  'stream_snapshot_marks',
  'api_idempotency_keys',
  'personal_data_keys',
];

/** A jsonb column of timesheet lines with each line's remark left out, in the same order (NULL stays NULL). */
const WITHOUT_REMARKS = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE coalesce(
     (SELECT jsonb_agg(line - 'remark' ORDER BY n) FROM jsonb_array_elements(${column}) WITH ORDINALITY AS l(line, n)), '[]'::jsonb) END`;

/** Runs one statement and answers its rows: a TypeORM DataSource's `query`, or a pg pool's rows. */
export type Sql = (text: string, params: readonly unknown[]) => Promise<unknown[]>;

async function tableExists(sql: Sql, table: string): Promise<boolean> {
  const [row] = (await sql('SELECT to_regclass($1)::text AS found', [table])) as { found: string | null }[];
  return typeof row?.found === 'string';
}
