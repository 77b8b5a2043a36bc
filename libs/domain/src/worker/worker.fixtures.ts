import type { LocalDate } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import type { ContractTerms, WorkerEvent } from './worker.events.js';

export const annaRegistered: WorkerEvent = {
  type: 'WorkerRegistered',
  data: {
    workerId: 'anna',
    name: 'Anna de Vries',
    birthDate: '2000-05-10',
    homeArea: 'Hengelo',
    location: { postcode: '7551', coordinates: { lat: 52.27, lon: 6.79 } },
    skills: ['cleaning', 'ride operation'],
    availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
  },
};

export const fixedTerm = (from: LocalDate, to: LocalDate, maxHoursPerWeek: Hours = 40): ContractTerms => ({
  kind: 'fixed_term',
  from,
  to,
  guaranteedHoursPerWeek: 12,
  maxHoursPerWeek,
});

export const indefinite = (from: LocalDate, maxHoursPerWeek: Hours = 40): ContractTerms => ({
  kind: 'indefinite',
  from,
  guaranteedHoursPerWeek: 12,
  maxHoursPerWeek,
});

/** A contract as recorded (the chain position is not read back, so specs may leave it out). */
export const agreed = (contractId: string, terms: ContractTerms): WorkerEvent => ({
  type: 'PoolContractAgreed',
  data: { workerId: 'anna', contractId, terms },
});

export const committed = (placementId: string, hoursPerWeek: Hours, from: LocalDate, to: LocalDate, contractId = 'c1'): WorkerEvent => ({
  type: 'HoursCommitted',
  data: { workerId: 'anna', placementId, contractId, hoursPerWeek, period: { from, to } },
});
