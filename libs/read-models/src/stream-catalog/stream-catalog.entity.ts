import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per stream: what exists, of which kind, how long and how recent (operators, auditors). */
@Entity({ name: 'rm_stream_catalog' })
@Index(['category', 'streamId'])
export class StreamCatalogEntry {
  @PrimaryColumn({ name: 'stream_id', type: 'text' })
  streamId: string;

  /** The stream id's prefix before its first '-': worker, placement, cao, ... */
  @Column({ type: 'text' })
  category: string;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;

  @Column({ name: 'last_event_type', type: 'text' })
  lastEventType: string;

  @Column({ name: 'first_recorded_at', type: 'timestamptz' })
  firstRecordedAt: Date;

  @Column({ name: 'last_recorded_at', type: 'timestamptz' })
  lastRecordedAt: Date;
}
