import type { SiteFacts } from '../employer/site-facts.js';
import type { WorkerFacts } from '../worker/worker-facts.js';
import { workLoad } from '../worker/working-time.js';
import type { PlacementEvent, PlacementTerms } from './placement.events.js';

/** Anna (adult) is placed with Visschedijk's office cleaning for the winter, on payroll. */
export const terms: PlacementTerms = {
  placementId: 'p1',
  workerId: 'anna',
  employerId: 'visschedijk',
  capacityRequestId: 'vd-winter',
  siteId: 'office',
  functionName: 'cleaner',
  legalForm: 'payroll',
  hoursPerWeek: 20,
  period: { from: '2026-01-05', to: '2026-03-29' },
  billRateCents: 3150,
};

export const proposed: PlacementEvent = { type: 'PlacementProposed', data: terms };

export const annaFacts: WorkerFacts = {
  workerId: 'anna',
  birthDate: '2000-05-10',
  /** 16 h a week at another hirer over the same winter. */
  otherCommitments: [workLoad('p0', 16, undefined, { from: '2026-01-05', to: '2026-03-29' })],
  contractMaxHoursPerWeek: 40,
};

export const officeFacts: SiteFacts = {
  siteId: 'office',
  membership: { from: '2024-01-01' },
  siteExists: true,
  closures: [{ siteId: 'office', period: { from: '2026-04-27', to: '2026-05-03' }, reason: 'Renovation' }],
};
