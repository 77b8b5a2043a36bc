import { personalDataOf } from '@banenpool/domain';
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
  /**
   * Set when the event's personal fields were erased (the worker's data key shredded, ADR 0020/0021):
   * `data` then holds placeholders in `erasedFields` ('[erased]', 1900-01-01, …), not what was recorded.
   */
  readonly personalDataErased?: true;
  /** The fields of `data` that read as placeholders or are left out because they were erased. */
  readonly erasedFields?: readonly string[];
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
    ...(event.metadata.personalDataErased === true ? erasureOf(event.type) : {}),
  };
}

function erasureOf(eventType: string): Pick<HistoryEntry, 'personalDataErased' | 'erasedFields'> {
  return { personalDataErased: true, erasedFields: Object.keys(personalDataOf(eventType)?.fields ?? {}) };
}
