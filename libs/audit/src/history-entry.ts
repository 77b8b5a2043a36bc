import { formatPosition, type RecordedEvent } from '@banenpool/event-store';
import { rulesUsed, type RuleReference } from './rules-used.js';

/** One event as an auditor sees it: what was recorded, when, by whom, in answer to what, under which rules. */
export interface HistoryEntry {
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly actor?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The event's link in its stream's hash chain; absent on KurrentDB. */
  readonly hash?: string;
  /** `own`: an event of the subject itself; `rules`: a rule change that applies to it (a CAO version it is paid under). */
  readonly source: 'own' | 'rules';
  readonly rules: readonly RuleReference[];
  readonly data: unknown;
}

export function historyEntry(event: RecordedEvent, source: HistoryEntry['source']): HistoryEntry {
  const { actor, correlationId, causationId } = event.metadata;
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: formatPosition(event.position),
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt.toISOString(),
    ...(actor === undefined ? {} : { actor }),
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(causationId === undefined ? {} : { causationId }),
    ...(event.hash === undefined ? {} : { hash: event.hash }),
    source,
    rules: rulesUsed(event),
    data: event.data,
  };
}
