import type { LocalDate } from '../shared/local-date.js';
import type { CaoVersionContent } from './cao.events.js';

export interface RegisterCao {
  readonly type: 'RegisterCao';
  readonly code: string;
  readonly name: string;
}

export interface PublishCaoVersion {
  readonly type: 'PublishCaoVersion';
  readonly effectiveFrom: LocalDate;
  /** Leave out for "until the next version". */
  readonly effectiveUntil?: LocalDate;
  readonly content: CaoVersionContent;
}

/** Replaces the content of the version effective from `effectiveFrom`; its period stays as it is. */
export interface CorrectCaoVersion {
  readonly type: 'CorrectCaoVersion';
  readonly effectiveFrom: LocalDate;
  readonly content: CaoVersionContent;
  readonly reason: string;
}

/**
 * Records that the CAO binds the pool from `from` (until `until`, inclusive; leave out for open-ended).
 * A binding with the same `from` as a recorded one replaces it; others must not overlap.
 */
export interface RecordCaoBinding {
  readonly type: 'RecordCaoBinding';
  readonly from: LocalDate;
  readonly until?: LocalDate;
  /** Why the CAO binds the pool: e.g. "AVV, Stcrt. 2026-12345" or "member of the employers' organisation". */
  readonly basis: string;
}

export type CaoCommand = RegisterCao | PublishCaoVersion | CorrectCaoVersion | RecordCaoBinding;
