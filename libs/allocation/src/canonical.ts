// Canonical form of an input: everything sorted, defaults applied, so that the same facts in any
// order give the same hash and the same proposals.
import { createHash } from 'node:crypto';
import { isValidLocalDate, mondayOf } from '@banenpool/domain';
import {
  DEFAULT_MAX_TRAVEL_KM,
  DEFAULT_WEIGHTS,
  type AllocationInput,
  type AllocationWeights,
  type CapacityDemand,
  type WorkerSupply,
} from './allocation.types.js';

export class AllocationInputError extends Error {
  override readonly name = 'AllocationInputError';
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniqueSorted = (values: readonly string[]) => [...new Set(values)].sort(byString);

const mondays = new Set<string>();

function requireMonday(value: string, where: string): void {
  if (mondays.has(value)) return;
  if (isValidLocalDate(value) && mondayOf(value) === value) {
    if (mondays.size < 10_000) mondays.add(value);
    return;
  }
  throw new AllocationInputError(`${where}: week "${value}" is not a Monday in the form YYYY-MM-DD.`);
}

function requireHours(value: number, where: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new AllocationInputError(`${where}: ${value} is not a non-negative number of hours.`);
  }
}

function requireUnique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new AllocationInputError(`Duplicate ${what} "${id}".`);
    seen.add(id);
  }
}

/** Validates the input and returns it sorted, with defaults applied. */
export function normalizeInput(input: AllocationInput): Required<AllocationInput> {
  requireUnique(
    input.demand.map((d) => d.requestId),
    'requestId',
  );
  requireUnique(
    input.workers.map((w) => w.workerId),
    'workerId',
  );
  const demand: CapacityDemand[] = input.demand
    .map((d) => {
      const where = `request ${d.requestId}`;
      requireHours(d.hoursPerWeek, where);
      if (!(d.hoursPerWeek > 0)) throw new AllocationInputError(`${where}: hoursPerWeek must be positive.`);
      d.weeks.forEach((week) => {
        requireMonday(week.weekStart, where);
        if (!Number.isInteger(week.openHeadcount) || week.openHeadcount < 0) {
          throw new AllocationInputError(`${where}: openHeadcount ${week.openHeadcount} in ${week.weekStart} is not a whole number ≥ 0.`);
        }
      });
      requireUnique(
        d.weeks.map((w) => w.weekStart),
        `week in ${where}`,
      );
      if (d.places !== undefined && (!Number.isInteger(d.places) || d.places < 0)) {
        throw new AllocationInputError(`${where}: places ${d.places} is not a whole number ≥ 0.`);
      }
      return {
        requestId: d.requestId,
        employerId: d.employerId,
        siteId: d.siteId,
        area: d.area,
        skill: d.skill,
        hoursPerWeek: d.hoursPerWeek,
        weeks: [...d.weeks]
          .map((w) => ({ weekStart: w.weekStart, openHeadcount: w.openHeadcount }))
          .sort((a, b) => byString(a.weekStart, b.weekStart)),
        ...(d.places === undefined ? {} : { places: d.places }),
      };
    })
    .sort((a, b) => byString(a.requestId, b.requestId));

  const workers: WorkerSupply[] = input.workers
    .map((w) => {
      const where = `worker ${w.workerId}`;
      requireHours(w.contractMaxHours, `${where} contractMaxHours`);
      requireHours(w.guaranteedHours, `${where} guaranteedHours`);
      requireHours(w.hoursWorkedSoFar, `${where} hoursWorkedSoFar`);
      w.availability.forEach((a) => {
        requireMonday(a.weekStart, where);
        requireHours(a.availableHours, `${where} availability ${a.weekStart}`);
      });
      requireUnique(
        w.availability.map((a) => a.weekStart),
        `availability week of ${where}`,
      );
      w.commitments.forEach((c) => {
        requireMonday(c.weekStart, where);
        requireHours(c.hours, `${where} commitment ${c.weekStart}`);
      });
      (w.releasedWeeks ?? []).forEach((week) => requireMonday(week, `${where} released week`));
      return {
        workerId: w.workerId,
        skills: uniqueSorted(w.skills),
        homeArea: w.homeArea,
        contractMaxHours: w.contractMaxHours,
        guaranteedHours: w.guaranteedHours,
        availability: [...w.availability]
          .map((a) => ({ weekStart: a.weekStart, availableHours: a.availableHours }))
          .sort((a, b) => byString(a.weekStart, b.weekStart)),
        commitments: [...w.commitments]
          .map((c) =>
            c.placementId === undefined
              ? { weekStart: c.weekStart, hours: c.hours, employerId: c.employerId }
              : { weekStart: c.weekStart, hours: c.hours, employerId: c.employerId, placementId: c.placementId },
          )
          .sort(
            (a, b) =>
              byString(a.weekStart, b.weekStart) ||
              byString(a.employerId, b.employerId) ||
              byString(a.placementId ?? '', b.placementId ?? '') ||
              a.hours - b.hours,
          ),
        pastEmployerIds: uniqueSorted(w.pastEmployerIds),
        hoursWorkedSoFar: w.hoursWorkedSoFar,
        ...(w.releasedWeeks && w.releasedWeeks.length > 0 ? { releasedWeeks: uniqueSorted(w.releasedWeeks) } : {}),
      };
    })
    .sort((a, b) => byString(a.workerId, b.workerId));

  const distancesKm: Record<string, Record<string, number>> = {};
  for (const from of Object.keys(input.distancesKm).sort(byString)) {
    const row: Record<string, number> = {};
    for (const to of Object.keys(input.distancesKm[from]).sort(byString)) {
      const km = input.distancesKm[from][to];
      if (typeof km !== 'number' || !Number.isFinite(km) || km < 0)
        throw new AllocationInputError(`Distance ${from} → ${to} is not a number of km ≥ 0.`);
      row[to] = km;
    }
    distancesKm[from] = row;
  }
  const maxTravelKm = input.maxTravelKm ?? DEFAULT_MAX_TRAVEL_KM;
  if (!(maxTravelKm >= 0)) throw new AllocationInputError(`maxTravelKm ${maxTravelKm} must be ≥ 0.`);
  return { demand, workers, distancesKm, maxTravelKm };
}

export function normalizeWeights(weights: Partial<AllocationWeights> = {}): AllocationWeights {
  const merged = { ...DEFAULT_WEIGHTS, ...weights };
  for (const [name, value] of Object.entries(merged)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new AllocationInputError(`Weight ${name} = ${value} must be a finite number ≥ 0.`);
    }
  }
  return {
    fill: merged.fill,
    shortfall: merged.shortfall,
    released: merged.released,
    continuity: merged.continuity,
    returning: merged.returning,
    extraEmployer: merged.extraEmployer,
    travel: merged.travel,
    fairness: merged.fairness,
  };
}

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new AllocationInputError(`Cannot hash the number ${value}.`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => byString(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 (hex) of the canonical JSON of the normalised input and the weights. */
export function inputHash(input: AllocationInput, weights: Partial<AllocationWeights> = {}): string {
  const canonical = canonicalJson({ input: normalizeInput(input), weights: normalizeWeights(weights) });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Hash of an input that is already normalised (saves re-sorting a large snapshot). */
export function hashNormalized(input: Required<AllocationInput>, weights: AllocationWeights): string {
  return createHash('sha256').update(canonicalJson({ input, weights })).digest('hex');
}
