import { BadRequestException, Inject, Optional } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  auditDiff,
  auditHistory,
  stateAsAppliedOn,
  stateAsKnownAt,
  type AuditSubject,
  type History,
  type KeptSnapshots,
  type StateAsAppliedOn,
  type StateAsKnownAt,
  type SubjectDiff,
} from '@banenpool/audit';
import type { LocalDate } from '@banenpool/domain';
import type { EventStore } from '@banenpool/event-store';
import { USE_CASE_EVENT_STORE } from '../shared/ports.js';
import { StreamSnapshots } from '../streams/stream-snapshots.js';
import { keptSnapshotsOf } from './kept-snapshots.js';

/** Every event about a subject in order, with who, when and under which rules; a page of them. */
export class GetAuditHistoryQuery extends Query<History> {
  constructor(
    readonly subject: AuditSubject,
    readonly page: { limit: number; offset: number },
  ) {
    super();
  }
}

@QueryHandler(GetAuditHistoryQuery)
export class GetAuditHistoryHandler implements IQueryHandler<GetAuditHistoryQuery> {
  constructor(@Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore) {}

  execute({ subject, page }: GetAuditHistoryQuery): Promise<History> {
    return auditHistory(this.store, subject, page);
  }
}

/**
 * A subject's state as known at an instant, or as applied on a date (as known at an instant, default
 * now), by replay: of a worker's stream from its snapshot where that folds what a full replay would.
 */
export class GetAuditStateQuery extends Query<StateAsKnownAt | StateAsAppliedOn> {
  constructor(
    readonly subject: AuditSubject,
    readonly at: { knownAt?: Date; on?: LocalDate },
  ) {
    super();
  }
}

@QueryHandler(GetAuditStateQuery)
export class GetAuditStateHandler implements IQueryHandler<GetAuditStateQuery> {
  private readonly snapshots: KeptSnapshots | undefined;

  constructor(
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    // Unbound: every answer is replayed from the stream's first event (replayedFrom says so).
    @Optional() snapshots?: StreamSnapshots,
  ) {
    this.snapshots = snapshots && keptSnapshotsOf(snapshots);
  }

  execute({ subject, at: { knownAt, on } }: GetAuditStateQuery): Promise<StateAsKnownAt | StateAsAppliedOn> {
    if (on) return stateAsAppliedOn(this.store, subject, on, knownAt, this.snapshots);
    if (knownAt) return stateAsKnownAt(this.store, subject, knownAt, this.snapshots);
    throw new BadRequestException('Ask as known at an instant (?knownAt=2026-03-04T14:00:00Z) or as applied on a date (?on=2026-02-01)');
  }
}

/** What changed about a subject between two instants, in sentences, with the events in between. */
export class GetAuditDiffQuery extends Query<SubjectDiff> {
  constructor(
    readonly subject: AuditSubject,
    readonly from: Date,
    readonly to: Date,
  ) {
    super();
  }
}

@QueryHandler(GetAuditDiffQuery)
export class GetAuditDiffHandler implements IQueryHandler<GetAuditDiffQuery> {
  constructor(@Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore) {}

  execute({ subject, from, to }: GetAuditDiffQuery): Promise<SubjectDiff> {
    return auditDiff(this.store, subject, from, to);
  }
}
