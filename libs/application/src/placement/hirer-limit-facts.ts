import { Injectable } from '@nestjs/common';
import {
  daysAtHirer,
  placementDecider,
  placementLimitsOn,
  placementStreamId,
  type EmployerState,
  type HirerLimitFacts,
  type Period,
  type PlacementTerms,
  type PoolWorker,
} from '@banenpool/domain';
import { StreamStates } from '../shared/stream-states.js';

/** Reads what the hirer's placement limits need for a confirmation or an extension. */
@Injectable()
export class HirerLimitFactsReader {
  constructor(private readonly streams: StreamStates) {}

  /** The limits for the placement's first day and, only when they limit one worker's time there, the worker's other placements there. */
  async read(terms: PlacementTerms, employer: EmployerState, worker: PoolWorker): Promise<HirerLimitFacts> {
    const limits = placementLimitsOn(employer, terms.period.from);
    const otherPlacements = limits?.maxWorkerMonths === undefined ? [] : await this.otherPlacementsAt(terms, worker);
    return { employerId: terms.employerId, limits, otherPlacements };
  }

  // The worker stream holds a commitment for every placement that took effect (a withdrawn one's
  // hours are released, an early end's trimmed); each placement's own stream says at which employer
  // and on which days it ran. A worker has few placements, so reading each stream is cheap.
  private async otherPlacementsAt({ employerId, placementId }: PlacementTerms, worker: PoolWorker): Promise<Period[]> {
    const ids = worker.commitments.map((c) => c.placementId).filter((id) => id !== placementId);
    const placements = await Promise.all(ids.map((id) => this.streams.load(placementDecider, placementStreamId(id))));
    return placements.flatMap(({ state }) =>
      state.status !== 'none' && state.employerId === employerId ? (daysAtHirer(state) ?? []) : [],
    );
  }
}
