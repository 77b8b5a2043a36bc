import type { ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { EmployerState } from '../employer/employer.decider.js';
import type { SiteFacts } from '../employer/site-facts.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { LocalDate } from '../shared/local-date.js';
import type { WorkerFacts } from '../worker/worker-facts.js';
import type { HirerLimitFacts } from './hirer-limits.js';
import type { PlacementTerms } from './placement.events.js';

export interface ProposePlacement extends PlacementTerms {
  readonly type: 'ProposePlacement';
}

/**
 * Confirms a proposed placement with the step the operator chose in the function's scale. The facts
 * come from other streams, read by the handler: `workerFactsFor(worker, period, placementId)`,
 * `siteFactsOf(employer, siteId)`, the employer's state itself (the hirer: its CAO and the function's
 * scale by date), `caoVersions` of every CAO in `caoCodesDuring(hirer, period)`, and the rule tables.
 */
export interface ConfirmPlacement {
  readonly type: 'ConfirmPlacement';
  readonly worker: WorkerFacts;
  readonly site: SiteFacts;
  /** The step in the function's CAO scale, chosen by the operator: never a default. */
  readonly step: number;
  readonly hirer: EmployerState;
  readonly caoVersions: readonly ResolvedCaoVersion[];
  readonly rules: RuleBook;
  /** The hirer's placement limits and the worker's other placements there. */
  readonly hirerLimits: HirerLimitFacts;
}

/** Moves the end to a later date; the facts are read for the added days only. */
export interface ExtendPlacement {
  readonly type: 'ExtendPlacement';
  readonly to: LocalDate;
  readonly worker: WorkerFacts;
  readonly site: SiteFacts;
  /** Its working-time table gives the Working Hours Act limits the longer placement is judged by. */
  readonly rules: RuleBook;
  /** The hirer's placement limits (those for the placement's first day) and the worker's other placements there. */
  readonly hirerLimits: HirerLimitFacts;
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
