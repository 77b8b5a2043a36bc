// A seeded generator of realistic pools in Twente, for the benchmark, tests and demos. Deterministic:
// the same seed and sizes give the same snapshot (a small PRNG, never Math.random).
import { addDays, mondayOf, type Hours } from '@banenpool/domain';
import type { AllocationInput, CapacityDemand, Commitment, DistanceTable, WorkerSupply } from './allocation.types.js';

/** mulberry32: a tiny, well-mixed 32-bit PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Eight Twente towns: latitude, longitude, inhabitants (thousands) as the weight of where people live. */
export const TWENTE_TOWNS: ReadonlyArray<{ readonly name: string; readonly lat: number; readonly lon: number; readonly weight: number }> = [
  { name: 'Enschede', lat: 52.2215, lon: 6.8937, weight: 160 },
  { name: 'Hengelo', lat: 52.2658, lon: 6.7931, weight: 81 },
  { name: 'Almelo', lat: 52.3567, lon: 6.6625, weight: 73 },
  { name: 'Oldenzaal', lat: 52.3133, lon: 6.9292, weight: 32 },
  { name: 'Borne', lat: 52.3, lon: 6.7528, weight: 23 },
  { name: 'Haaksbergen', lat: 52.1564, lon: 6.7394, weight: 24 },
  { name: 'Rijssen', lat: 52.3069, lon: 6.5181, weight: 38 },
  { name: 'Losser', lat: 52.2608, lon: 7.005, weight: 22 },
];

/** Road distance ≈ 1.3 × the great-circle distance, whole km; within a town 3 km. */
export function twenteDistances(): DistanceTable {
  const table: Record<string, Record<string, number>> = {};
  const rad = Math.PI / 180;
  for (const a of TWENTE_TOWNS) {
    table[a.name] = {};
    for (const b of TWENTE_TOWNS) {
      if (a === b) {
        table[a.name][b.name] = 3;
        continue;
      }
      const dLat = (b.lat - a.lat) * rad;
      const dLon = (b.lon - a.lon) * rad;
      const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
      table[a.name][b.name] = Math.round(1.3 * 2 * 6371 * Math.asin(Math.sqrt(h)));
    }
  }
  return table;
}

/** Skills with how common they are among workers and requests. */
export const SKILLS: ReadonlyArray<{ readonly name: string; readonly weight: number }> = [
  { name: 'schoonmaak', weight: 16 },
  { name: 'catering', weight: 10 },
  { name: 'logistiek', weight: 12 },
  { name: 'orderpicking', weight: 10 },
  { name: 'productie', weight: 12 },
  { name: 'inpak', weight: 10 },
  { name: 'groenonderhoud', weight: 8 },
  { name: 'receptie', weight: 5 },
  { name: 'technische-dienst', weight: 4 },
  { name: 'horeca', weight: 8 },
  { name: 'beveiliging', weight: 3 },
  { name: 'administratie', weight: 4 },
];
const PARK_SKILLS = ['horeca', 'catering', 'schoonmaak', 'groenonderhoud'];

export interface PoolSize {
  readonly workers: number;
  readonly requests: number;
  /** Weeks in the horizon (default 26). */
  readonly weeks?: number;
  /** Any day in the first week (default 2026-10-05, the autumn before the park's winter closure). */
  readonly start?: string;
}

export function generatePool(seed: number, size: PoolSize): AllocationInput {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weighted = <T extends { weight: number }>(items: readonly T[]): T => {
    const total = items.reduce((s, i) => s + i.weight, 0);
    let x = random() * total;
    for (const item of items) if ((x -= item.weight) < 0) return item;
    return items[items.length - 1];
  };
  const distinct = <T extends { name: string; weight: number }>(items: readonly T[], n: number): string[] => {
    const out = new Set<string>();
    while (out.size < n) out.add(weighted(items).name);
    return [...out].sort();
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  const horizon = size.weeks ?? 26;
  const first = mondayOf(size.start ?? '2026-10-05');
  const weeks = Array.from({ length: horizon }, (_, t) => addDays(first, 7 * t));
  // The Christmas weeks: many sites close, many workers take leave.
  const christmas = weeks.map((w, t) => (w.slice(5) >= '12-21' || w.slice(5) <= '01-03' ? t : -1)).filter((t) => t >= 0);

  // Employers with their sites and the functions (skills) they ask for.
  const employerCount = Math.max(6, Math.round(size.requests / 4));
  const employers = Array.from({ length: employerCount }, (_, i) => ({
    id: `emp-${pad(i + 1, 3)}`,
    sites: Array.from({ length: int(1, 3) }, (_, s) => ({ id: `site-${pad(i + 1, 3)}-${s + 1}`, area: weighted(TWENTE_TOWNS).name })),
    skills: distinct(SKILLS, int(2, 4)),
  }));

  const demand: CapacityDemand[] = [];
  for (let i = 0; i < size.requests; i++) {
    const employer = pick(employers);
    const site = pick(employer.sites);
    const start = int(0, Math.max(0, horizon - 4));
    const length = Math.min(horizon - start, int(4, 20));
    const headcount = weighted([1, 2, 3, 4, 5, 6, 7, 8].map((n, k) => ({ n, weight: [24, 22, 16, 12, 9, 7, 5, 5][k] }))).n;
    const hours = pick([8, 12, 16, 16, 20, 20, 24, 24, 28, 32, 36, 38]);
    const closes = chance(0.3) ? new Set(christmas) : new Set<number>();
    // Placements already made hold their place for the request's whole period (as the capacity stream
    // counts them), also in the weeks after they end: every week has the places left open.
    const places = headcount - (chance(0.25) ? int(1, Math.max(1, headcount - 1)) : 0);
    demand.push({
      requestId: `req-${pad(i + 1, 4)}`,
      employerId: employer.id,
      siteId: site.id,
      area: site.area,
      skill: pick(employer.skills),
      hoursPerWeek: hours,
      weeks: Array.from({ length }, (_, k) => start + k)
        .filter((t) => !closes.has(t))
        .map((t) => ({ weekStart: weeks[t], openHeadcount: places })),
      places,
    });
  }

  const workers: WorkerSupply[] = [];
  for (let i = 0; i < size.workers; i++) {
    const released = chance(0.12); // amusement-park staff, released for the winter
    const skills = released ? [...new Set([pick(PARK_SKILLS), ...distinct(SKILLS, int(0, 2))])].sort() : distinct(SKILLS, int(1, 3));
    const contractMaxHours: Hours = pick([16, 20, 24, 24, 28, 32, 32, 36, 40]);
    const guaranteedHours: Hours = released
      ? Math.min(contractMaxHours, pick([20, 24, 28, 32]))
      : chance(0.3)
        ? 4 * Math.round((contractMaxHours * (0.5 + random() * 0.5)) / 4)
        : 0;
    const availability = weeks.map((weekStart, t) => {
      const onLeave = christmas.includes(t) ? chance(0.4) : chance(0.04);
      const usual = chance(0.8) ? contractMaxHours : 4 * Math.round((contractMaxHours * (0.5 + random() * 0.5)) / 4);
      return { weekStart, availableHours: onLeave ? 0 : usual };
    });
    const commitments: Commitment[] = [];
    if (released) {
      const parkWeeks = Math.min(horizon, int(1, 5)); // the park still runs in the first weeks
      for (let t = 0; t < parkWeeks; t++)
        commitments.push({ weekStart: weeks[t], hours: guaranteedHours, employerId: 'emp-park', placementId: `pl-park-${pad(i + 1, 5)}` });
    } else if (chance(0.35)) {
      const employer = pick(employers).id;
      const from = int(0, horizon - 2);
      const until = Math.min(horizon, from + int(2, 16));
      const hours = Math.min(contractMaxHours, pick([8, 12, 16, 20, 24]));
      for (let t = from; t < until; t++) {
        if (availability[t].availableHours >= hours)
          commitments.push({ weekStart: weeks[t], hours, employerId: employer, placementId: `pl-${pad(i + 1, 5)}` });
      }
    }
    const pastEmployerIds = [...new Set(Array.from({ length: int(0, 2) }, () => pick(employers).id))].sort();
    if (released) pastEmployerIds.push('emp-park');
    workers.push({
      workerId: `w-${pad(i + 1, 5)}`,
      skills,
      homeArea: weighted(TWENTE_TOWNS).name,
      contractMaxHours,
      guaranteedHours,
      availability,
      commitments,
      pastEmployerIds,
      hoursWorkedSoFar: int(0, 2000),
    });
  }
  return { demand, workers, distancesKm: twenteDistances(), maxTravelKm: 40 };
}
