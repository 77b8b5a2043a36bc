import type { CaoPayFacts } from '../cao/cao-pay.js';
import type { SiteFacts } from '../employer/site-facts.js';
import type { LocalDate } from '../shared/local-date.js';
import type { WorkerFacts } from '../worker/worker-facts.js';
import type { PlacementTerms } from './placement.events.js';

export interface ProposePlacement extends PlacementTerms {
  readonly type: 'ProposePlacement';
}

/**
 * Confirms a proposed placement and resolves its pay. The facts come from other streams, read by
 * the handler: `workerFactsFor(worker, period, placementId)`, `siteFactsOf(employer, siteId)` and
 * `caoPayFacts(caoVersionOn(cao, period.from), scale, step)`.
 */
export interface ConfirmPlacement {
  readonly type: 'ConfirmPlacement';
  readonly worker: WorkerFacts;
  readonly site: SiteFacts;
  readonly cao: CaoPayFacts;
}

/** Moves the end to a later date; the facts are read for the added days only. */
export interface ExtendPlacement {
  readonly type: 'ExtendPlacement';
  readonly to: LocalDate;
  readonly worker: WorkerFacts;
  readonly site: SiteFacts;
}

export interface EndPlacementEarly {
  readonly type: 'EndPlacementEarly';
  readonly lastDay: LocalDate;
  readonly reason: string;
}

/** Records that a placement ended at its agreed end; refused while that day has not come. */
export interface EndPlacement {
  readonly type: 'EndPlacement';
}

export interface WithdrawPlacement {
  readonly type: 'WithdrawPlacement';
  readonly reason: string;
}

export type PlacementCommand = ProposePlacement | ConfirmPlacement | ExtendPlacement | EndPlacementEarly | EndPlacement | WithdrawPlacement;
