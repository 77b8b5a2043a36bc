// The input turned into dense indexes (workers, requests, weeks, demand cells, worker-weeks) and the
// candidate list: every (worker, request, week) that passes the hard cut-offs. Shared by the MIP, the
// greedy baseline, objectiveOf and checkProposals, so that they all read the rules the same way.
import { addDays, WORKING_HOURS_ACT_WEEK_LIMIT, type Hours } from '@banenpool/domain';
import type { AllocationInput, AllocationWeights, DistanceTable, WeekStart } from './allocation.types.js';
import { hashNormalized, normalizeInput, normalizeWeights } from './canonical.js';

export interface PreparedWorker {
  readonly index: number;
  readonly id: string;
  readonly skills: ReadonlySet<string>;
  readonly homeArea: string;
  readonly contractMaxHours: Hours;
  readonly guaranteedHours: Hours;
  /** Employers that are not new to the worker: past employers and those of confirmed placements. */
  readonly knownEmployers: ReadonlySet<number>;
  /** Fairness factor in [0, 1]: 1 for the fewest hours worked so far, 0 for the most. */
  readonly fairness: number;
}

export interface PreparedRequest {
  readonly index: number;
  readonly id: string;
  readonly employerId: string;
  readonly employer: number;
  readonly siteId: string;
  readonly area: string;
  readonly skill: string;
  readonly hours: Hours;
  /** Proposals (unbroken runs of one worker) the request can still take; Infinity when unlimited. */
  readonly places: number;
}

export interface Prepared {
  readonly input: Required<AllocationInput>;
  readonly weights: AllocationWeights;
  /** sha256 of the canonical input and weights; computed when first read (the helper thread never needs it). */
  readonly hash: string;
  /** Every week that has demand, ascending. */
  readonly weeks: readonly WeekStart[];
  readonly weekIndex: ReadonlyMap<WeekStart, number>;
  readonly workers: readonly PreparedWorker[];
  readonly workerIndex: ReadonlyMap<string, number>;
  readonly requests: readonly PreparedRequest[];
  readonly requestIndex: ReadonlyMap<string, number>;
  readonly employers: readonly string[];
  /** Demand cells (request × week with open places > 0): request, week, open places. */
  readonly cellRequest: Int32Array;
  readonly cellWeek: Int32Array;
  readonly cellOpen: Int32Array;
  /** cell index by request * T + week, -1 when that request has no open demand that week. */
  readonly cellAt: Int32Array;
  /** Per worker-week (w * T + t): committed hours, availability, free capacity, shortfall. */
  readonly committed: Float64Array;
  readonly available: Float64Array;
  readonly capacity: Float64Array;
  readonly shortfall: Float64Array;
  /** 1 in the worker's released weeks (WorkerSupply.releasedWeeks). */
  readonly released: Uint8Array;
  /** Employers of the confirmed placements in the worker-week (sorted employer indexes), if any. */
  readonly committedEmployers: ReadonlyMap<number, readonly number[]>;
}

export function distanceKm(table: DistanceTable, from: string, to: string): number {
  if (from === to) return table[from]?.[to] ?? 0;
  return table[from]?.[to] ?? table[to]?.[from] ?? Number.POSITIVE_INFINITY;
}

export function prepare(rawInput: AllocationInput, rawWeights: Partial<AllocationWeights> = {}): Prepared {
  const input = normalizeInput(rawInput);
  const weights = normalizeWeights(rawWeights);
  let hash: string | undefined;

  const weeks = [...new Set(input.demand.flatMap((d) => d.weeks.map((w) => w.weekStart)))].sort();
  const weekIndex = new Map(weeks.map((week, t) => [week, t]));
  const T = weeks.length;

  const employers = [...new Set([...input.demand.map((d) => d.employerId)])].sort();
  const employerIndex = new Map(employers.map((e, i) => [e, i]));

  const requests: PreparedRequest[] = input.demand.map((d, index) => ({
    index,
    id: d.requestId,
    employerId: d.employerId,
    employer: employerIndex.get(d.employerId)!,
    siteId: d.siteId,
    area: d.area,
    skill: d.skill,
    hours: d.hoursPerWeek,
    places: d.places ?? Number.POSITIVE_INFINITY,
  }));
  const requestIndex = new Map(requests.map((r) => [r.id, r.index]));

  const minSoFar = input.workers.reduce((m, w) => Math.min(m, w.hoursWorkedSoFar), Number.POSITIVE_INFINITY);
  const maxSoFar = input.workers.reduce((m, w) => Math.max(m, w.hoursWorkedSoFar), Number.NEGATIVE_INFINITY);
  const W = input.workers.length;
  const committed = new Float64Array(W * T);
  const available = new Float64Array(W * T);
  const capacity = new Float64Array(W * T);
  const shortfall = new Float64Array(W * T);
  const released = new Uint8Array(W * T);
  const committedEmployers = new Map<number, number[]>();

  const workers: PreparedWorker[] = input.workers.map((w, index) => {
    const known = new Set<number>();
    for (const e of w.pastEmployerIds) if (employerIndex.has(e)) known.add(employerIndex.get(e)!);
    for (const c of w.commitments) if (employerIndex.has(c.employerId)) known.add(employerIndex.get(c.employerId)!);
    for (const a of w.availability) {
      const t = weekIndex.get(a.weekStart);
      if (t !== undefined) available[index * T + t] = a.availableHours;
    }
    for (const c of w.commitments) {
      const t = weekIndex.get(c.weekStart);
      if (t === undefined) continue;
      const k = index * T + t;
      committed[k] += c.hours;
      // An employer outside the demand still counts as an employer of that week (index -1 - n keeps it apart).
      const e = employerIndex.get(c.employerId) ?? -1 - hashString(c.employerId);
      const list = committedEmployers.get(k) ?? [];
      if (!list.includes(e)) list.push(e);
      committedEmployers.set(
        k,
        list.sort((a, b) => a - b),
      );
    }
    for (const week of w.releasedWeeks ?? []) {
      const t = weekIndex.get(week);
      if (t !== undefined) released[index * T + t] = 1;
    }
    for (let t = 0; t < T; t++) {
      const k = index * T + t;
      capacity[k] = Math.max(0, Math.min(available[k], w.contractMaxHours, WORKING_HOURS_ACT_WEEK_LIMIT) - committed[k]);
      shortfall[k] = Math.max(0, w.guaranteedHours - committed[k]);
    }
    return {
      index,
      id: w.workerId,
      skills: new Set(w.skills),
      homeArea: w.homeArea,
      contractMaxHours: w.contractMaxHours,
      guaranteedHours: w.guaranteedHours,
      knownEmployers: known,
      fairness: maxSoFar > minSoFar ? (maxSoFar - w.hoursWorkedSoFar) / (maxSoFar - minSoFar) : 0,
    };
  });
  const workerIndex = new Map(workers.map((w) => [w.id, w.index]));

  const cells: Array<[number, number, number]> = [];
  for (const r of requests) {
    for (const dw of input.demand[r.index].weeks) {
      if (dw.openHeadcount > 0) cells.push([r.index, weekIndex.get(dw.weekStart)!, dw.openHeadcount]);
    }
  }
  const cellAt = new Int32Array(requests.length * T).fill(-1);
  cells.forEach(([r, t], c) => (cellAt[r * T + t] = c));

  return {
    input,
    weights,
    get hash() {
      hash ??= hashNormalized(input, weights);
      return hash;
    },
    weeks,
    weekIndex,
    workers,
    workerIndex,
    requests,
    requestIndex,
    employers,
    cellRequest: Int32Array.from(cells, (c) => c[0]),
    cellWeek: Int32Array.from(cells, (c) => c[1]),
    cellOpen: Int32Array.from(cells, (c) => c[2]),
    cellAt,
    committed,
    available,
    capacity,
    shortfall,
    released,
    committedEmployers,
  };
}

function hashString(value: string): number {
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (Math.imul(h, 31) + value.charCodeAt(i)) | 0;
  return h >>> 0;
}

// ---- candidates ----------------------------------------------------------------------------------------

/**
 * Every (worker, request, week) that passes the hard cut-offs: the worker has the skill, the site is
 * within the travel cut-off, the week has open places, and the request's hours fit the worker's free
 * capacity (availability, contract maximum and 60 h, after committed hours). Ordered by request,
 * worker, week (all by their sorted ids), which fixes the order of the solver's variables.
 */
export interface Candidates {
  readonly count: number;
  readonly worker: Int32Array;
  readonly request: Int32Array;
  readonly week: Int32Array;
  readonly cell: Int32Array;
  readonly hours: Float64Array;
  readonly km: Float64Array;
  /** Employer index of the request. */
  readonly employer: Int32Array;
  /** 1 when the employer is known to the worker (no continuity cost, returning bonus). */
  readonly known: Uint8Array;
  /** Index of the new worker × employer pair (continuity), −1 for a known employer. */
  readonly pair: Int32Array;
  readonly pairCount: number;
  /**
   * The part of the objective that belongs to this one worker-week alone:
   * fill·h + released·h (in a released week) + fairness·f·h + returning·known − travel·km.
   */
  readonly base: Float64Array;
  /**
   * The same worker on the same request in the calendar week before / after (−1 when that is not a
   * candidate): a chosen candidate whose `prev` is not chosen starts a run, that is a proposal, that is
   * one of the request's places.
   */
  readonly prev: Int32Array;
  readonly next: Int32Array;
  /**
   * The stretch of consecutive weeks of one worker on one request the candidate lies in (its segment),
   * for candidates whose request has limited places or whose employer is new to the worker; −1 otherwise.
   * A plan uses at least one place per segment it uses (the bound's place links, lagrangian.ts), and a
   * new relationship is paid when any of its segments is used.
   */
  readonly seg: Int32Array;
  readonly segCount: number;
  /** Per segment: its request, and its new pair (−1 when the employer is known to the worker). */
  readonly segRequest: Int32Array;
  readonly segPair: Int32Array;
  /** The candidates of request r are requestStart[r] .. requestStart[r+1] (by worker, then week). */
  readonly requestStart: Int32Array;
  /** Candidate index of (cell, worker) → lookups by cell: candidates of cell c are byCell[cellStart[c] .. cellStart[c+1]). */
  readonly cellStart: Int32Array;
  readonly byCell: Int32Array;
}

export function buildCandidates(p: Prepared): Candidates {
  const T = p.weeks.length;
  const { weights } = p;
  const workersBySkill = new Map<string, PreparedWorker[]>();
  for (const w of p.workers) {
    for (const s of w.skills) {
      const list = workersBySkill.get(s) ?? [];
      list.push(w);
      workersBySkill.set(s, list);
    }
  }
  const cellsOfRequest: number[][] = p.requests.map(() => []);
  for (let c = 0; c < p.cellRequest.length; c++) cellsOfRequest[p.cellRequest[c]].push(c);

  const out = { worker: [] as number[], request: [] as number[], week: [] as number[], cell: [] as number[], km: [] as number[] };
  for (const r of p.requests) {
    const cells = cellsOfRequest[r.index];
    if (cells.length === 0) continue;
    for (const w of workersBySkill.get(r.skill) ?? []) {
      const km = distanceKm(p.input.distancesKm, w.homeArea, r.area);
      if (!(km <= p.input.maxTravelKm)) continue;
      for (const c of cells) {
        const t = p.cellWeek[c];
        if (r.hours > p.capacity[w.index * T + t] + 1e-9) continue;
        out.worker.push(w.index);
        out.request.push(r.index);
        out.week.push(t);
        out.cell.push(c);
        out.km.push(km);
      }
    }
  }
  const count = out.worker.length;
  const worker = Int32Array.from(out.worker);
  const request = Int32Array.from(out.request);
  const week = Int32Array.from(out.week);
  const cell = Int32Array.from(out.cell);
  const km = Float64Array.from(out.km);
  const hours = new Float64Array(count);
  const employer = new Int32Array(count);
  const known = new Uint8Array(count);
  const base = new Float64Array(count);
  const pair = new Int32Array(count).fill(-1);
  const pairIds = new Map<number, number>();
  const E = p.employers.length;
  for (let j = 0; j < count; j++) {
    const r = p.requests[request[j]];
    const w = p.workers[worker[j]];
    hours[j] = r.hours;
    employer[j] = r.employer;
    known[j] = w.knownEmployers.has(r.employer) ? 1 : 0;
    const releasedWeek = p.released[w.index * T + week[j]];
    base[j] =
      (weights.fill + weights.released * releasedWeek) * r.hours +
      weights.fairness * w.fairness * r.hours +
      weights.returning * known[j] -
      weights.travel * km[j];
    if (!known[j]) {
      const key = w.index * E + r.employer;
      let id = pairIds.get(key);
      if (id === undefined) pairIds.set(key, (id = pairIds.size));
      pair[j] = id;
    }
  }
  const cellCount = p.cellRequest.length;
  const cellStart = new Int32Array(cellCount + 1);
  for (let j = 0; j < count; j++) cellStart[cell[j] + 1]++;
  for (let c = 0; c < cellCount; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, cellCount);
  const byCell = new Int32Array(count);
  for (let j = 0; j < count; j++) byCell[fill[cell[j]]++] = j;
  // Candidates are ordered by request, worker, week: the week before is the one just before, if any.
  const prev = new Int32Array(count).fill(-1);
  const next = new Int32Array(count).fill(-1);
  for (let j = 1; j < count; j++) {
    const t = week[j];
    if (
      worker[j - 1] === worker[j] &&
      request[j - 1] === request[j] &&
      week[j - 1] === t - 1 &&
      addDays(p.weeks[t - 1], 7) === p.weeks[t]
    ) {
      prev[j] = j - 1;
      next[j - 1] = j;
    }
  }
  const requestStart = new Int32Array(p.requests.length + 1);
  for (let j = 0; j < count; j++) requestStart[request[j] + 1] = j + 1;
  for (let r = 1; r <= p.requests.length; r++) requestStart[r] = Math.max(requestStart[r], requestStart[r - 1]);
  const seg = new Int32Array(count).fill(-1);
  const segRequest: number[] = [];
  const segPair: number[] = [];
  for (let j = 0; j < count; j++) {
    if (pair[j] < 0 && !Number.isFinite(p.requests[request[j]].places)) continue;
    if (prev[j] >= 0) seg[j] = seg[prev[j]];
    else {
      seg[j] = segRequest.length;
      segRequest.push(request[j]);
      segPair.push(pair[j]);
    }
  }
  return {
    count,
    worker,
    request,
    week,
    cell,
    hours,
    km,
    employer,
    known,
    pair,
    pairCount: pairIds.size,
    base,
    prev,
    next,
    seg,
    segCount: segRequest.length,
    segRequest: Int32Array.from(segRequest),
    segPair: Int32Array.from(segPair),
    requestStart,
    cellStart,
    byCell,
  };
}

/** Per request: the runs (proposals) among the chosen candidates (`inPlan` marks them). */
export function runsOf(p: Prepared, cand: Candidates, chosen: Iterable<number>, inPlan: Uint8Array): Int32Array {
  const runs = new Int32Array(p.requests.length);
  for (const j of chosen) if (cand.prev[j] < 0 || !inPlan[cand.prev[j]]) runs[cand.request[j]]++;
  return runs;
}

/** How many runs taking j in (on) or out changes, with `inPlan` as it is without j. */
export function runChange(cand: Candidates, inPlan: Uint8Array, j: number): number {
  const before = cand.prev[j] >= 0 && inPlan[cand.prev[j]] ? 1 : 0;
  const after = cand.next[j] >= 0 && inPlan[cand.next[j]] ? 1 : 0;
  return 1 - before - after;
}
