import { compareText } from '../payroll/pay-line.js';
import { addDays, daysBetween, type LocalDate, type OpenPeriod } from '../shared/local-date.js';
import type { WageValueDecided } from './lks.events.js';

export type WageValueDecision = WageValueDecided['data'];

/** A decision and the days it is in force. */
export interface DecisionInForce {
  readonly decision: WageValueDecision;
  readonly days: OpenPeriod;
}

/**
 * A worker's decisions, earliest first, each in force from its `from` to its `to`; a decision
 * without a `to` runs until the day before the worker's next decision starts (a reassessment
 * replaces it), so no day falls under two.
 */
export function decisionsInForce(decisions: readonly WageValueDecision[]): DecisionInForce[] {
  const sorted = [...decisions].sort((a, b) => compareText(a.from, b.from));
  return sorted.map((decision, i) => {
    const beforeNext = sorted[i + 1] === undefined ? undefined : addDays(sorted[i + 1].from, -1);
    const to = decision.to === undefined || (beforeNext !== undefined && beforeNext < decision.to) ? beforeNext : decision.to;
    return { decision, days: to === undefined ? { from: decision.from } : { from: decision.from, to } };
  });
}

/**
 * The worker's decision a new one would share days with: one starting on the same day, an earlier
 * one whose own end is on or after the new one's start, or a later one that starts on or before the
 * new one's own end. An open end shares no days: it ends where the next decision starts.
 */
export function overlappingDecision(decisions: readonly WageValueDecision[], added: WageValueDecision): WageValueDecision | undefined {
  return decisions.find(
    (d) =>
      d.from === added.from ||
      (d.from < added.from && d.to !== undefined && d.to >= added.from) ||
      (d.from > added.from && added.to !== undefined && added.to >= d.from),
  );
}

/** A decision whose reassessment date has come or is near. */
export interface ReassessmentDue extends WageValueDecision {
  /** Days from today to the reassessment date; negative once it has passed. */
  readonly daysLeft: number;
}

/**
 * Each worker's latest decision (the last to start) whose reassessment date falls within `weeks`
 * weeks from today, or has passed without a newer decision; a decision that ended before today is
 * no longer reassessed. The soonest first.
 */
export function reassessmentsDue(decisions: readonly WageValueDecision[], today: LocalDate, weeks = 8): ReassessmentDue[] {
  const horizon = addDays(today, weeks * 7);
  const latest = new Map<string, WageValueDecision>();
  for (const decision of decisions) {
    const current = latest.get(decision.workerId);
    if (current === undefined || decision.from > current.from) latest.set(decision.workerId, decision);
  }
  return [...latest.values()]
    .filter((d) => d.reassessOn <= horizon && (d.to === undefined || d.to >= today))
    .map((d) => ({ ...d, daysLeft: daysBetween(today, d.reassessOn) }))
    .sort((a, b) => compareText(a.reassessOn, b.reassessOn) || compareText(a.workerId, b.workerId));
}
