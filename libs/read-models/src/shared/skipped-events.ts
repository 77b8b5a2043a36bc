import { Logger } from '@nestjs/common';
import type { SkipReason } from '@banenpool/domain';
import { Counter } from 'prom-client';

/** Read by the metrics controller (it registers it in its registry): a read model that skips events is seen doing it. */
export const projectionEventsSkipped = new Counter({
  name: 'banenpool_projection_events_skipped_total',
  help: 'Events a read model skipped: of a type no stream defines, of a version without an upcaster, or with data its schema refuses',
  labelNames: ['projection', 'type', 'reason'],
  registers: [],
});

const logger = new Logger('ReadModels');
const logged = new Set<string>();

export interface SkippedEvent {
  readonly projection: string;
  readonly type: string;
  readonly reason: SkipReason;
  readonly detail: string;
  readonly streamId: string;
  readonly revision: number;
}

/** Counts every skip; logs the first of each projection, type and reason (a replay of many would flood the log). */
export function reportSkip({ projection, type, reason, detail, streamId, revision }: SkippedEvent): void {
  projectionEventsSkipped.inc({ projection, type, reason });
  const key = JSON.stringify([projection, type, reason]);
  if (logged.has(key)) return;
  logged.add(key);
  logger.warn(
    { projection, type, reason, detail, streamId, revision },
    `Read model ${projection} skips ${type} events (${reason}: ${detail}), first ${streamId}@${revision}; further ones are only counted`,
  );
}
