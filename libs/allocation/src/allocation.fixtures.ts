// Small hand-made inputs for the allocation tests: one line per worker or request.
import { addDays } from '@banenpool/domain';
import type { AllocationInput, CapacityDemand, Commitment, DistanceTable, WorkerSupply } from './allocation.types.js';

export const MONDAY = '2026-11-02';
export const week = (i: number) => addDays(MONDAY, 7 * i);

export const DISTANCES: DistanceTable = {
  Enschede: { Enschede: 3, Hengelo: 9, Almelo: 30, Losser: 11 },
  Hengelo: { Hengelo: 3, Almelo: 20, Losser: 19 },
  Almelo: { Almelo: 3, Losser: 38 },
  Losser: { Losser: 3 },
};

export function worker(
  workerId: string,
  o: {
    skills?: string[];
    homeArea?: string;
    contractMaxHours?: number;
    guaranteedHours?: number;
    weeks?: number;
    availableHours?: number | number[];
    commitments?: Commitment[];
    pastEmployerIds?: string[];
    hoursWorkedSoFar?: number;
    releasedWeeks?: number[];
  } = {},
): WorkerSupply {
  const weeks = o.weeks ?? 4;
  const contractMaxHours = o.contractMaxHours ?? 32;
  return {
    workerId,
    skills: o.skills ?? ['schoonmaak'],
    homeArea: o.homeArea ?? 'Enschede',
    contractMaxHours,
    guaranteedHours: o.guaranteedHours ?? 0,
    availability: Array.from({ length: weeks }, (_, i) => ({
      weekStart: week(i),
      availableHours: Array.isArray(o.availableHours) ? o.availableHours[i] : (o.availableHours ?? contractMaxHours),
    })),
    commitments: o.commitments ?? [],
    pastEmployerIds: o.pastEmployerIds ?? [],
    hoursWorkedSoFar: o.hoursWorkedSoFar ?? 100,
    ...(o.releasedWeeks ? { releasedWeeks: o.releasedWeeks.map(week) } : {}),
  };
}

export function request(
  requestId: string,
  o: {
    employerId?: string;
    siteId?: string;
    area?: string;
    skill?: string;
    hoursPerWeek?: number;
    weeks?: number[];
    openHeadcount?: number;
    places?: number;
  } = {},
): CapacityDemand {
  const employerId = o.employerId ?? 'emp-facility';
  return {
    requestId,
    employerId,
    siteId: o.siteId ?? `${employerId}-site`,
    area: o.area ?? 'Enschede',
    skill: o.skill ?? 'schoonmaak',
    hoursPerWeek: o.hoursPerWeek ?? 16,
    weeks: (o.weeks ?? [0, 1, 2, 3]).map((i) => ({ weekStart: week(i), openHeadcount: o.openHeadcount ?? 1 })),
    ...(o.places === undefined ? {} : { places: o.places }),
  };
}

export const input = (demand: CapacityDemand[], workers: WorkerSupply[], extra: Partial<AllocationInput> = {}): AllocationInput => ({
  demand,
  workers,
  distancesKm: DISTANCES,
  ...extra,
});
