import { stringify } from 'csv-stringify/sync';
import type { HistoryEntry } from './history-entry.js';
import { describeRule } from './rules-used.js';

const COLUMNS = [
  'recorded_at',
  'stream_id',
  'revision',
  'position',
  'event_id',
  'type',
  'schema_version',
  'source',
  'actor',
  'correlation_id',
  'causation_id',
  'hash',
  'rules',
  'data',
  // Last, so the columns before keep their places: 'true' when data's personal fields are erased placeholders.
  'personal_data_erased',
  'erased_fields',
] as const;

/** RFC 4180 CSV, one row per event, the data as JSON in its own column (a spreadsheet opens it as it is). */
export function historyCsv(entries: readonly HistoryEntry[]): string {
  const rows = entries.map((e) => [
    e.recordedAt,
    e.streamId,
    e.revision,
    e.position,
    e.eventId,
    e.type,
    e.schemaVersion,
    e.source,
    e.actor ?? '',
    e.correlationId ?? '',
    e.causationId ?? '',
    e.hash ?? '',
    e.rules.map(describeRule).join('; '),
    JSON.stringify(e.data),
    e.personalDataErased === true ? 'true' : '',
    (e.erasedFields ?? []).join('; '),
  ]);
  return stringify(rows, { header: true, columns: [...COLUMNS], record_delimiter: 'windows' });
}
