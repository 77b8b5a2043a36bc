import type { CaoPayFacts } from '../cao/cao-pay.js';
import type { SiteFacts } from '../employer/site-facts.js';
import type { WorkerFacts } from '../worker/worker-facts.js';
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
  otherCommittedHoursPerWeek: 16,
  contractMaxHoursPerWeek: 40,
};

export const officeFacts: SiteFacts = {
  siteId: 'office',
  membership: { from: '2024-01-01' },
  siteExists: true,
  closures: [{ siteId: 'office', period: { from: '2026-04-27', to: '2026-05-03' }, reason: 'Renovation' }],
};

/** The cleaning CAO (illustrative figures): scale A step 0, no youth wages of its own. */
export const schoonmaakFacts: CaoPayFacts = {
  code: 'schoonmaak',
  versionFrom: '2026-01-01',
  revision: 0,
  scale: 'A',
  step: 0,
  hourlyCents: 1520,
};

/** The park's recreation CAO (illustrative figures): scale B step 1, with its own youth percentages. */
export const recreatieFacts: CaoPayFacts = {
  code: 'recreatie',
  versionFrom: '2025-07-01',
  revision: 1,
  scale: 'B',
  step: 1,
  hourlyCents: 1680,
  youthBp: { 16: 4000, 17: 5000, 18: 6000, 19: 7000, 20: 8500 },
};
