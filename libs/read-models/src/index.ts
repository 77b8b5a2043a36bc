import type { Projection } from '@banenpool/projector';
import { allocationBoardProjection } from './allocation-board/allocation-board.projection.js';
import { banenafspraakProjection } from './banenafspraak/banenafspraak.projection.js';
import { capacityGapsProjection } from './capacity-gaps/capacity-gaps.projection.js';
import { employerViewProjection } from './employer-view/employer-view.projection.js';
import { placementConflictsProjection } from './placement-conflicts/placement-conflicts.projection.js';
import { releasedWorkersProjection } from './released-workers/released-workers.projection.js';
import { streamCatalogProjection } from './stream-catalog/stream-catalog.projection.js';
import { timesheetsProjection } from './timesheets/timesheets.projection.js';
import { payRunsProjection } from './pay-runs/pay-runs.projection.js';
import { lksClaimsProjection } from './lks-claims/lks-claims.projection.js';
import { invoicesProjection } from './invoices/invoices.projection.js';
import { upcomingEndsProjection } from './upcoming-ends/upcoming-ends.projection.js';
import { workerHoursProjection } from './worker-hours/worker-hours.projection.js';

export * from './stream-catalog/stream-catalog.entity.js';
export * from './stream-catalog/stream-catalog.projection.js';
export * from './stream-catalog/stream-catalog.query.js';

export * from './shared/weeks.js';
export * from './shared/hours.js';
export type { Queryable } from './shared/sql.js';
export type { PlacementStatus } from './shared/placement-facts.js';
export { projectionEventsSkipped } from './shared/skipped-events.js';

export * from './allocation-board/allocation-board.entity.js';
export * from './allocation-board/allocation-board.projection.js';
export * from './allocation-board/allocation-board.query.js';

export * from './capacity-gaps/capacity-gaps.entity.js';
export * from './capacity-gaps/capacity-gaps.projection.js';
export * from './capacity-gaps/capacity-gaps.query.js';

export * from './worker-hours/worker-hours.entity.js';
export * from './worker-hours/worker-hours.projection.js';
export * from './worker-hours/worker-hours.query.js';

export * from './released-workers/released-workers.entity.js';
export * from './released-workers/released-workers.projection.js';
export * from './released-workers/released-workers.query.js';

export * from './upcoming-ends/upcoming-ends.entity.js';
export * from './upcoming-ends/upcoming-ends.projection.js';
export * from './upcoming-ends/upcoming-ends.query.js';

export * from './employer-view/employer-view.entity.js';
export * from './employer-view/employer-view.projection.js';
export * from './employer-view/employer-view.query.js';

export * from './banenafspraak/banenafspraak.entity.js';
export * from './banenafspraak/banenafspraak.projection.js';
export * from './banenafspraak/banenafspraak.query.js';
export * from './banenafspraak/job-count.js';

export * from './placement-conflicts/placement-conflicts.entity.js';
export { placementConflictsProjection } from './placement-conflicts/placement-conflicts.projection.js';
export * from './placement-conflicts/placement-conflicts.query.js';

export * from './timesheets/timesheets.entity.js';
export * from './timesheets/timesheets.projection.js';
export * from './timesheets/timesheets.query.js';

export * from './pay-runs/pay-runs.entity.js';
export * from './pay-runs/pay-runs.projection.js';
export * from './pay-runs/pay-runs.query.js';

export * from './lks-claims/lks-claims.entity.js';
export * from './lks-claims/lks-claims.projection.js';
export * from './lks-claims/lks-claims.query.js';

export * from './invoices/invoices.entity.js';
export * from './invoices/invoices.projection.js';
export * from './invoices/invoices.query.js';

/** Every read model the projector maintains. */
export const allProjections: readonly Projection[] = [
  streamCatalogProjection,
  allocationBoardProjection,
  capacityGapsProjection,
  workerHoursProjection,
  releasedWorkersProjection,
  upcomingEndsProjection,
  employerViewProjection,
  banenafspraakProjection,
  placementConflictsProjection,
  timesheetsProjection,
  payRunsProjection,
  lksClaimsProjection,
  invoicesProjection,
];
