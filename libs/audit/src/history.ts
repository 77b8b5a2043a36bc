import { caoStreamId, overlaps, placementDecider, ruleRows, rulesDecider, ruleTableStreamId } from '@banenpool/domain';
import { comparePositions, type EventStore, type RecordedEvent } from '@banenpool/event-store';
import type { AuditSubject } from './audit-subject.js';
import { historyEntry, type HistoryEntry } from './history-entry.js';
import { caoVersionsOf } from './placement-wage.js';
import { foldStream } from './replay.js';
import { loadSubjectEvents, type SubjectEvents } from './subject-events.js';

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export interface History {
  readonly subject: AuditSubject;
  readonly streamId: string;
  /** Entries in the whole history; `entries` is the page asked for. */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly entries: readonly HistoryEntry[];
}

export const DEFAULT_PAGE: Page = { limit: 100, offset: 0 };

/** Every event about the subject in the order it was recorded, a page at a time. */
export async function auditHistory(store: EventStore, subject: AuditSubject, page: Page = DEFAULT_PAGE): Promise<History> {
  return historyOf(await loadSubjectEvents(store, subject), page);
}

export function historyOf(events: SubjectEvents, { limit, offset }: Page): History {
  const all = timeline(events);
  return {
    subject: events.subject,
    streamId: events.streamId,
    total: all.length,
    limit,
    offset,
    entries: all.slice(offset, offset + limit),
  };
}

/** The subject's own events and, for a paid placement, the events of the rules in force during it (CAO versions, minimum wage), in feed order. */
export function timeline(events: SubjectEvents): HistoryEntry[] {
  const own = events.own.map((e) => ({ event: e, source: 'own' as const }));
  const rules = placementRuleEvents(events).map((e) => ({ event: e, source: 'rules' as const }));
  return [...own, ...rules]
    .sort((a, b) => comparePositions(a.event.position, b.event.position))
    .map((e) => historyEntry(e.event, e.source));
}

/**
 * The publication and corrections of every CAO version and minimum-wage period that overlaps the
 * placement's period, as recorded by now: the rules its days are paid under.
 */
function placementRuleEvents(events: SubjectEvents): RecordedEvent[] {
  const placement = foldStream(placementDecider, events.stream);
  if (placement.status === 'none') return [];
  const caoPeriods = caoVersionsOf(events.cao).map((v) => ({ streamId: caoStreamId(v.code), from: v.effectiveFrom, to: v.effectiveUntil }));
  const wagePeriods = ruleRows(foldStream(rulesDecider, events.minimumWage), 'minimum-wage').map((row) => ({
    streamId: ruleTableStreamId('minimum-wage'),
    from: row.effectiveFrom,
    to: row.lastDay,
  }));
  const inForce = new Set(
    [...caoPeriods, ...wagePeriods].filter((p) => overlaps(p, placement.period)).map((p) => `${p.streamId}@${p.from}`),
  );
  return [...events.cao, ...events.minimumWage].filter((e) => {
    const data = e.data as { effectiveFrom?: string };
    return RULE_PERIOD_EVENTS.has(e.type) && inForce.has(`${e.streamId}@${data.effectiveFrom}`);
  });
}

/** The events that publish or correct a period of rules, each naming the period's first day as `effectiveFrom`. */
const RULE_PERIOD_EVENTS = new Set(['CaoVersionPublished', 'CaoVersionCorrected', 'MinimumWagePublished']);
