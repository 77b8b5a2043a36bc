import { refuse } from '../shared/domain-error.js';
import { contains, formatPeriod, overlaps, type OpenPeriod, type Period } from '../shared/local-date.js';
import { closuresOf, siteOf, type EmployerState, type SeasonalClosure } from './employer.decider.js';

/**
 * What a capacity request or a placement needs to know about the employer's site, read from the
 * employer stream by the handler and passed in with the command (deciders read no other stream).
 */
export interface SiteFacts {
  readonly siteId: string;
  /** Absent when the employer never joined the pool. */
  readonly membership?: OpenPeriod;
  readonly siteExists: boolean;
  readonly closures: readonly SeasonalClosure[];
}

export function siteFactsOf(state: EmployerState, siteId: string): SiteFacts {
  return {
    siteId,
    membership: state.status === 'none' ? undefined : state.membership,
    siteExists: siteOf(state, siteId) !== undefined,
    closures: closuresOf(state, siteId),
  };
}

/** Refuses work at a site outside the employer's membership or during one of the site's closures. */
export function requireSiteOpen(facts: SiteFacts, period: Period): void {
  if (!facts.membership) refuse('not_a_member', 'The employer is not a member of the pool.');
  if (!facts.siteExists) refuse('unknown_site', `The employer has no site ${facts.siteId}.`);
  if (!contains(facts.membership, period)) {
    refuse('outside_membership', `${formatPeriod(period)} is outside the employer's pool membership (${formatPeriod(facts.membership)}).`);
  }
  const closure = facts.closures.find((c) => overlaps(c.period, period));
  if (closure) {
    refuse(
      'site_closed',
      `Site ${facts.siteId} is closed ${formatPeriod(closure.period)} (${closure.reason}), which overlaps ${formatPeriod(period)}.`,
    );
  }
}
