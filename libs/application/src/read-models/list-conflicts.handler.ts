import { Logger } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LocalDate } from '@banenpool/domain';
import { parsePosition } from '@banenpool/event-store';
import { listConflicts, type ConflictsFilter, type Page, type PlacementConflictItem } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { ReadModelsCatchUp } from '../shared/ports.js';

/** Placement conflicts: confirmed placements overlapping a closure of their site, until resolved. */
export class ListConflictsQuery extends Query<Page<PlacementConflictItem>> {
  constructor(readonly filter: ConflictsFilter) {
    super();
  }
}

@QueryHandler(ListConflictsQuery)
export class ListConflictsHandler implements IQueryHandler<ListConflictsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ filter }: ListConflictsQuery): Promise<Page<PlacementConflictItem>> {
    return listConflicts(this.dataSource, filter);
  }
}

/** The most conflicts a closure's answer lists; `total` tells when there are more (all of them are on GET /conflicts). */
export const CLOSURE_CONFLICTS_LIMIT = 500;

/** The confirmed placements a closure overlaps, as the read models stand once they include the closure. */
export interface ClosureConflicts {
  /**
   * 'reached': read at the closure's position or later; 'timeout': the read models lagged, and the
   * list may miss some; 'unavailable': they could not be read (the closure is recorded all the same).
   */
  consistency: 'reached' | 'timeout' | 'unavailable';
  items: PlacementConflictItem[];
  total: number;
}

export class ClosureConflictsQuery extends Query<ClosureConflicts> {
  constructor(
    readonly closure: { employerId: string; siteId: string; from: LocalDate },
    /** Where the closure was recorded (the command's answer); absent when nothing was appended. */
    readonly position: string | undefined,
  ) {
    super();
  }
}

/**
 * Waits (bounded, as read-your-writes does) for the read models to include the closure, then reads
 * its conflicts: at that position the conflicts read model has seen every placement confirmed
 * before the closure, so the answer is exact unless the wait timed out, which it says. It never
 * fails: it answers a command that has already been recorded, which a retry would only refuse.
 */
@QueryHandler(ClosureConflictsQuery)
export class ClosureConflictsHandler implements IQueryHandler<ClosureConflictsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModelsCatchUp,
  ) {}

  private readonly logger = new Logger(ClosureConflictsHandler.name);

  async execute({ closure, position }: ClosureConflictsQuery): Promise<ClosureConflicts> {
    try {
      const at = position === undefined ? undefined : parsePosition(position);
      const reached = at === undefined || (await this.readModels.waitFor(at));
      const { items, total } = await listConflicts(this.dataSource, {
        employerId: closure.employerId,
        siteId: closure.siteId,
        closureFrom: closure.from,
        limit: CLOSURE_CONFLICTS_LIMIT,
        offset: 0,
      });
      return { consistency: reached ? 'reached' : 'timeout', items, total };
    } catch (error) {
      this.logger.warn({ err: error, closure }, 'The conflicts of a declared closure could not be read; see GET /conflicts');
      return { consistency: 'unavailable', items: [], total: 0 };
    }
  }
}
