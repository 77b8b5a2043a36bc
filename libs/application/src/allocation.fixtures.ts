// Facts for the allocation tests: Visschedijk's winter request at its Hengelo site and pool workers
// with an open-ended 24/32 h contract. Not exported from the library.
import { locationOfPlaceNamed, type Location } from '@banenpool/domain';
import type { RequestFact, WorkerFact } from './allocation-input.js';

/** Hengelo's centre and first PC4 area, as a worker or site registered with the area 'hengelo' is located. */
export const HENGELO: Location = locationOfPlaceNamed('hengelo')!;

export const worker = (workerId: string, overrides: Partial<WorkerFact> = {}): WorkerFact => ({
  workerId,
  skills: ['cleaning'],
  homeArea: 'hengelo',
  location: HENGELO,
  availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
  contracts: [{ period: { from: '2026-03-01' }, guaranteedHoursPerWeek: 24, maxHoursPerWeek: 32 }],
  placementWeeks: [],
  ...overrides,
});

/** 24 h a week of cleaning, November to March; `headcount` 3 of which 1 place is already held. */
export const winterRequest = (openByWeek: Record<string, number>, overrides: Partial<RequestFact> = {}): RequestFact => ({
  requestId: 'vd-winter',
  employerId: 'visschedijk',
  siteId: 'hengelo',
  functionName: 'schoonmaker',
  requiredSkill: 'cleaning',
  period: { from: '2026-11-02', to: '2027-03-28' },
  hoursPerWeek: 24,
  headcount: 3,
  reservedSlots: 1,
  openByWeek,
  ...overrides,
});
