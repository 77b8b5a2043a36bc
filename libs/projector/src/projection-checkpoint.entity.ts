import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far each projection has applied the global feed; written in the same transaction as its rows. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** GlobalPosition.commit and .prepare, as decimal text (they exceed JS numbers). */
  @Column({ type: 'text' })
  commit: string;

  @Column({ type: 'text' })
  prepare: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
