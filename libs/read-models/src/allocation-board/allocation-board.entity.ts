import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

/** One row per confirmed placement and ISO week it is worked: who works where, how long, on which pay. */
@Entity({ name: 'rm_board_entries' })
@Index('rm_board_entries_week_worker', ['weekStart', 'workerId'])
@Index('rm_board_entries_employer_week', ['employerId', 'weekStart'])
@Index('rm_board_entries_worker_week', ['workerId', 'weekStart'])
export class AllocationBoardEntry {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  /** 'YYYY-Www' */
  @Column({ type: 'text' })
  week: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ name: 'function_name', type: 'text' })
  functionName: string;

  @Column({ name: 'capacity_request_id', type: 'text', nullable: true })
  capacityRequestId: string | null;

  @Column({ name: 'legal_form', type: 'text' })
  legalForm: string;

  @Column({ name: 'hours_quarters', type: 'integer' })
  hoursQuarters: number;

  /** The first day's wage: null while that day's minimum wage was not published at confirmation. */
  @Column({ name: 'hourly_cents', type: 'integer', nullable: true })
  hourlyCents: number | null;

  @Column({ name: 'wage_basis', type: 'text', nullable: true })
  wageBasis: string | null;

  @Column({ name: 'cao_code', type: 'text' })
  caoCode: string;

  @Column({ name: 'cao_version_from', type: 'date', nullable: true })
  caoVersionFrom: LocalDate | null;

  @Column({ name: 'cao_revision', type: 'integer', nullable: true })
  caoRevision: number | null;

  @Column({ name: 'cao_scale', type: 'text' })
  caoScale: string;

  @Column({ name: 'cao_step', type: 'integer' })
  caoStep: number;

  @Column({ name: 'placement_from', type: 'date' })
  placementFrom: LocalDate;

  /** Its last worked day: the agreed end (extensions included) or the early end. */
  @Column({ name: 'placement_to', type: 'date' })
  placementTo: LocalDate;
}

/** The board's own copy of every placement's facts (rebuilt with it). */
@Entity({ name: 'rm_board_placements' })
export class AllocationBoardPlacement extends PlacementFactsColumns {}

/** Worker names, for the board. */
@Entity({ name: 'rm_board_workers' })
export class AllocationBoardWorker {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ type: 'text' })
  name: string;
}

/** A worker's skills, last-writer-wins per skill by the event's revision in the worker's stream. */
@Entity({ name: 'rm_board_worker_skills' })
@Index('rm_board_worker_skills_skill', ['skill', 'present'])
export class AllocationBoardWorkerSkill {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @PrimaryColumn({ type: 'text' })
  skill: string;

  @Column({ type: 'boolean' })
  present: boolean;

  @Column({ type: 'integer' })
  revision: number;
}
