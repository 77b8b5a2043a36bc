import type { RecordedEvent } from '@banenpool/event-store';
import type { Projection } from '@banenpool/projector';
import type { EntityManager } from 'typeorm';
import { saveRows } from '../shared/rows.js';
import { StreamCatalogEntry } from './stream-catalog.entity.js';

export const streamCategory = (streamId: string): string => streamId.split('-', 1)[0];

/**
 * Folds a batch to one row per stream and upserts it. The row is derived from the stream's
 * newest event seen (count = revision + 1), and an older event never overwrites a newer one, so
 * applying the same events twice gives the same rows.
 */
export const streamCatalogProjection: Projection = {
  name: 'stream-catalog',
  entities: [StreamCatalogEntry],
  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    await saveRows(
      manager,
      StreamCatalogEntry,
      [...latestPerStream(events).values()],
      ['streamId'],
      `SET event_count = excluded.event_count,
           last_event_type = excluded.last_event_type,
           last_recorded_at = excluded.last_recorded_at,
           first_recorded_at = LEAST(rm_stream_catalog.first_recorded_at, excluded.first_recorded_at)
       WHERE excluded.event_count >= rm_stream_catalog.event_count`,
    );
  },
};

function latestPerStream(events: readonly RecordedEvent[]): Map<string, StreamCatalogEntry> {
  const rows = new Map<string, StreamCatalogEntry>();
  for (const event of events) {
    const row = rows.get(event.streamId);
    if (row && row.eventCount > event.revision) continue;
    rows.set(event.streamId, {
      streamId: event.streamId,
      category: streamCategory(event.streamId),
      eventCount: event.revision + 1,
      lastEventType: event.type,
      firstRecordedAt: row?.firstRecordedAt ?? event.recordedAt,
      lastRecordedAt: event.recordedAt,
    });
  }
  return rows;
}
