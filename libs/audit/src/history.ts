import { caoDecider, caoVersions, overlaps, placementDecider } from '@banenpool/domain';
import { comparePositions, type EventStore, type RecordedEvent } from '@banenpool/event-store';
import type { AuditSubject } from './audit-subject.js';
import { historyEntry, type HistoryEntry } from './history-entry.js';
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

/** The subject's own events and, for a paid placement, the CAO's events for the versions in force during it, in feed order. */
export function timeline(events: SubjectEvents): HistoryEntry[] {
  const own = events.own.map((e) => ({ event: e, source: 'own' as const }));
  const rules = placementRuleEvents(events).map((e) => ({ event: e, source: 'rules' as const }));
  return [...own, ...rules]
    .sort((a, b) => comparePositions(a.event.position, b.event.position))
    .map((e) => historyEntry(e.event, e.source));
}

/** The publication and corrections of every CAO version whose period overlaps the placement's, as recorded by now. */
function placementRuleEvents(events: SubjectEvents): RecordedEvent[] {
  if (events.cao.length === 0) return [];
  const placement = foldStream(placementDecider, events.stream);
  if (placement.status === 'none') return [];
  const inForce = new Set(
    caoVersions(foldStream(caoDecider, events.cao))
      .filter((v) => overlaps({ from: v.effectiveFrom, to: v.effectiveUntil }, placement.period))
      .map((v) => v.effectiveFrom),
  );
  return events.cao.filter((e) => {
    const data = e.data as { effectiveFrom?: string };
    return (
      (e.type === 'CaoVersionPublished' || e.type === 'CaoVersionCorrected') &&
      data.effectiveFrom !== undefined &&
      inForce.has(data.effectiveFrom)
    );
  });
}
