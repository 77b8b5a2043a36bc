// Local search on a plan, with the objective's exact change for every move (objectiveOf's terms, kept
// incrementally: hours and employers per worker-week, uses per new relationship). It mends what a
// week-by-week relaxation leaves behind — above all continuity: a worker who holds a place of a request in
// the week before or after is tried in this week's place, directly or by swapping places with whoever
// holds it, so runs of one worker on one request grow and fewer new relationships are paid.
// Moves, tried for every place of every demand cell in a fixed order (deterministic):
//  - put a worker into an open place, or in place of its holder;
//  - swap: two workers of the same week trade their places (each must be a candidate for the other's);
//  - take over a holder's whole run of weeks on the request (one week alone would not save its relationship);
//  - give up a new relationship used in at most eight weeks: each of its places goes to the candidate who adds
//    most there, in most cases a worker who already works for that employer (the week-by-week relaxation
//    and the greedy spread a request's weeks over three times as many workers as it has places).
// A move is kept only when it raises the objective and leaves every request within its places (runs of
// one worker, each a proposal); a pass that keeps none ends the search.
import { extraEmployersOf } from './objective.js';
import { runChange, type Candidates, type Prepared } from './prepare.js';

const EPS = 1e-9;
const NONE: readonly number[] = [];
/** Besides the continuity workers, the best candidates (by potential) tried for each place. */
const TOP_PER_CELL = 6;
/** New relationships used in at most this many weeks are tried for giving up. */
const SHORT_RELATIONSHIP_WEEKS = 8;

export function localSearch(p: Prepared, cand: Candidates, start: readonly number[], potential: Float64Array, deadline: number): number[] {
  const plan = new Plan(p, cand);
  for (const j of start) plan.toggle(j, true);
  const T = p.weeks.length;
  const top = topCandidates(p, cand, potential);
  for (let pass = 0; pass < 20 && performance.now() < deadline; pass++) {
    let improved = false;
    for (let c = 0; c < p.cellOpen.length && performance.now() < deadline; c++) {
      const r = p.cellRequest[c];
      const t = p.cellWeek[c];
      const workers = new Set<number>();
      for (const dt of [-1, 1]) {
        const other = t + dt >= 0 && t + dt < T ? p.cellAt[r * T + t + dt] : -1;
        if (other >= 0) for (const j of plan.cellJobs[other]) workers.add(cand.worker[j]);
      }
      for (const j of top[c]) workers.add(cand.worker[j]);
      for (const w of [...workers].sort((a, b) => a - b)) {
        const j = candidateOf(cand, c, w);
        if (j < 0 || plan.has(j)) continue;
        if (plan.tryEnter(j)) improved = true;
      }
    }
    for (let q = 0; q < cand.pairCount && performance.now() < deadline; q++) {
      if (plan.usesOf(q) > 0 && plan.usesOf(q) <= SHORT_RELATIONSHIP_WEEKS && plan.tryDissolve(q, potential)) improved = true;
    }
    if (!improved) break;
  }
  return plan.chosen();
}

/** Takes j out of a short list (its order does not matter; the last entry takes j's place). */
function remove(list: number[], j: number): void {
  const i = list.indexOf(j);
  list[i] = list[list.length - 1];
  list.pop();
}

/** The candidate of worker w for cell c (a cell's candidates are in worker order), or −1. */
function candidateOf(cand: Candidates, c: number, w: number): number {
  let lo = cand.cellStart[c];
  let hi = cand.cellStart[c + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const worker = cand.worker[cand.byCell[mid]];
    if (worker === w) return cand.byCell[mid];
    if (worker < w) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Per cell, its open places + TOP_PER_CELL best candidates by potential (ties: lower index), by selection. */
function topCandidates(p: Prepared, cand: Candidates, potential: Float64Array): number[][] {
  const top: number[][] = [];
  for (let c = 0; c < p.cellOpen.length; c++) {
    const keep = p.cellOpen[c] + TOP_PER_CELL;
    const list: number[] = [];
    for (let q = cand.cellStart[c]; q < cand.cellStart[c + 1]; q++) {
      const j = cand.byCell[q];
      if (list.length === keep && potential[j] <= potential[list[keep - 1]]) continue;
      let i = list.length < keep ? list.length : keep - 1;
      while (i > 0 && potential[list[i - 1]] < potential[j]) {
        list[i] = list[i - 1];
        i--;
      }
      list[i] = j;
    }
    top.push(list);
  }
  return top;
}

/** A plan with its objective's moving parts, so that a change's value is known at once. */
class Plan {
  readonly cellJobs: number[][];
  private readonly inPlan: Uint8Array;
  private readonly load: Float64Array;
  /** Jobs per worker-week (w * T + t). */
  private readonly jobs: number[][];
  private readonly pairUse: Int32Array;
  /** The plan's jobs per new pair. */
  private readonly pairJobs: number[][];
  /** Runs (proposals) per request. */
  private readonly runs: Int32Array;
  private readonly T: number;

  constructor(
    private readonly p: Prepared,
    private readonly cand: Candidates,
  ) {
    this.T = p.weeks.length;
    this.cellJobs = Array.from({ length: p.cellOpen.length }, () => []);
    this.inPlan = new Uint8Array(cand.count);
    this.load = new Float64Array(p.workers.length * this.T);
    this.pairUse = new Int32Array(cand.pairCount);
    this.pairJobs = Array.from({ length: cand.pairCount }, () => []);
    this.jobs = Array.from({ length: p.workers.length * this.T }, () => []);
    this.runs = new Int32Array(p.requests.length);
  }

  usesOf(q: number): number {
    return this.pairUse[q];
  }

  /**
   * Takes every job of new pair q out and gives each place to the candidate who adds most there (another
   * worker; the place stays open if nobody adds anything); keeps that if it gains, else puts the plan back.
   * A candidate's potential bounds what it can add, so most are passed over without trying them.
   */
  tryDissolve(q: number, potential: Float64Array): boolean {
    const { cand } = this;
    const jobs = [...this.pairJobs[q]];
    const worker = cand.worker[jobs[0]];
    let gain = 0;
    for (const j of jobs) gain += this.toggle(j, false);
    const placed: number[] = [];
    for (const j of jobs) {
      const c = cand.cell[j];
      let best = -1;
      let bestGain = EPS;
      for (let i = cand.cellStart[c]; i < cand.cellStart[c + 1]; i++) {
        const other = cand.byCell[i];
        if (potential[other] <= bestGain || cand.worker[other] === worker || !this.fits(other)) continue;
        const change = this.toggle(other, true);
        this.toggle(other, false);
        if (change > bestGain) {
          bestGain = change;
          best = other;
        }
      }
      if (best < 0) continue;
      gain += this.toggle(best, true);
      placed.push(best);
    }
    if (gain > EPS) return true;
    for (const j of placed.reverse()) this.toggle(j, false);
    for (const j of jobs) this.toggle(j, true);
    return false;
  }

  has(j: number): boolean {
    return this.inPlan[j] === 1;
  }

  chosen(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.cand.count; j++) if (this.inPlan[j]) out.push(j);
    return out;
  }

  /**
   * Tries to bring candidate j in: into an open place, in place of one holder of its cell, or — when
   * the worker's hours that week are taken — by swapping places with a holder. Keeps the best of these
   * if it gains; otherwise leaves the plan as it was.
   */
  tryEnter(j: number): boolean {
    const { cand } = this;
    const c = cand.cell[j];
    const k = this.weekOf(j);
    const moves: number[][] = [];
    if (this.cellJobs[c].length < this.p.cellOpen[c]) moves.push([]);
    for (const b of this.cellJobs[c]) moves.push([b]);
    let best: { gain: number; out: number[]; in: number[] } | null = null;
    // Without a job of the worker's making room, j must fit, and the move gains at most what j can add
    // less what the holder going out surely takes with it: most such moves are passed over untried.
    const fitsAlone = this.load[k] + cand.hours[j] <= this.p.capacity[k] + EPS;
    const enterAlone = fitsAlone ? this.entryGainBound(j) : Number.NEGATIVE_INFINITY;
    for (const out of moves) {
      // The worker's own jobs that week that must make room (each is then offered to the holder going out).
      for (const blocker of [-1, ...this.jobs[k]]) {
        if (blocker < 0 && enterAlone + (out.length > 0 ? this.exitGainBound(out[0]) : 0) <= (best ? best.gain : 0) + EPS) continue;
        const leaving = blocker >= 0 ? [...out, blocker] : out;
        const entering = [j];
        if (blocker >= 0 && out.length === 1) {
          const swap = candidateOf(cand, cand.cell[blocker], cand.worker[out[0]]);
          if (swap >= 0) entering.push(swap);
        }
        const gain = this.tryChange(leaving, entering);
        if (gain !== null && gain > EPS && (!best || gain > best.gain + EPS)) best = { gain, out: leaving, in: entering };
      }
    }
    // Taking over the holder's whole run on this request: the only way the holder's relationship is saved.
    for (const b of this.cellJobs[c]) {
      const run = this.takeover(j, b);
      if (run.in.length < 2) continue;
      const gain = this.tryChange(run.out, run.in);
      if (gain !== null && gain > EPS && (!best || gain > best.gain + EPS)) best = { gain, ...run };
    }
    if (!best) return false;
    this.apply(best.out, best.in);
    return true;
  }

  /** At most what bringing j in adds (its base, the shortfall still open that week, less a new relationship). */
  private entryGainBound(j: number): number {
    const { cand, p } = this;
    const k = this.weekOf(j);
    const open = Math.max(0, p.shortfall[k] - this.load[k]);
    const q = cand.pair[j];
    return (
      cand.base[j] + p.weights.shortfall * Math.min(cand.hours[j], open) - (q >= 0 && this.pairUse[q] === 0 ? p.weights.continuity : 0)
    );
  }

  /** At most what taking b out adds: it loses b's base and can save at most an extra employer and b's relationship. */
  private exitGainBound(b: number): number {
    const { cand, p } = this;
    const q = cand.pair[b];
    return -cand.base[b] + p.weights.extraEmployer + (q >= 0 && this.pairUse[q] === 1 ? p.weights.continuity : 0);
  }

  /**
   * j's worker in place of holder b in j's cell and in the weeks before and after in which b holds a place of
   * the same request, as far as j's worker is a candidate there and has the hours.
   */
  private takeover(j: number, b: number): { out: number[]; in: number[] } {
    const { cand, p } = this;
    const r = cand.request[j];
    const t0 = cand.week[j];
    const out = [b];
    const entering = [j];
    for (const step of [-1, 1]) {
      for (let t = t0 + step; t >= 0 && t < this.T; t += step) {
        const c = p.cellAt[r * this.T + t];
        if (c < 0) break;
        const held = candidateOf(cand, c, cand.worker[b]);
        const mine = candidateOf(cand, c, cand.worker[j]);
        if (held < 0 || !this.inPlan[held] || mine < 0 || this.inPlan[mine]) break;
        const k = this.weekOf(mine);
        if (this.load[k] + cand.hours[mine] > p.capacity[k] + EPS) break;
        out.push(held);
        entering.push(mine);
      }
    }
    return { out, in: entering };
  }

  /** The objective's change if `leaving` went out and `entering` came in, or null when that is infeasible. */
  private tryChange(leaving: readonly number[], entering: readonly number[]): number | null {
    let gain = 0;
    for (const j of leaving) gain += this.toggle(j, false);
    const done: number[] = [];
    let feasible = true;
    for (const j of entering) {
      if (!this.fits(j)) {
        feasible = false;
        break;
      }
      gain += this.toggle(j, true);
      done.push(j);
    }
    // Taking a week out of the middle of a run splits it: the places are checked once all is in.
    if (feasible) feasible = leaving.every((j) => this.withinPlaces(this.cand.request[j]));
    for (const j of done.reverse()) this.toggle(j, false);
    for (const j of [...leaving].reverse()) this.toggle(j, true);
    return feasible ? gain : null;
  }

  private apply(leaving: readonly number[], entering: readonly number[]): void {
    for (const j of leaving) this.toggle(j, false);
    for (const j of entering) this.toggle(j, true);
  }

  private fits(j: number): boolean {
    const { cand, p } = this;
    const k = this.weekOf(j);
    const r = cand.request[j];
    return (
      !this.inPlan[j] &&
      this.cellJobs[cand.cell[j]].length < p.cellOpen[cand.cell[j]] &&
      this.load[k] + cand.hours[j] <= p.capacity[k] + EPS &&
      this.runs[r] + runChange(cand, this.inPlan, j) <= p.requests[r].places
    );
  }

  private withinPlaces(r: number): boolean {
    return this.runs[r] <= this.p.requests[r].places;
  }

  /** Puts j in or takes it out; returns the objective's change. */
  toggle(j: number, on: boolean): number {
    const { cand, p } = this;
    const { weights } = p;
    const k = this.weekOf(j);
    const before = this.weekValue(k);
    const list = this.jobs[k];
    const cellList = this.cellJobs[cand.cell[j]];
    if (on) {
      list.push(j);
      cellList.push(j);
    } else {
      remove(list, j);
      remove(cellList, j);
    }
    if (on) this.runs[cand.request[j]] += runChange(cand, this.inPlan, j);
    this.inPlan[j] = on ? 1 : 0;
    if (!on) this.runs[cand.request[j]] -= runChange(cand, this.inPlan, j);
    this.load[k] += on ? cand.hours[j] : -cand.hours[j];
    let change = (on ? cand.base[j] : -cand.base[j]) + this.weekValue(k) - before;
    const q = cand.pair[j];
    if (q >= 0) {
      const jobs = this.pairJobs[q];
      if (on) jobs.push(j);
      else remove(jobs, j);
      if (on && this.pairUse[q]++ === 0) change -= weights.continuity;
      if (!on && --this.pairUse[q] === 0) change += weights.continuity;
    }
    return change;
  }

  /** The worker-week's own terms: shortfall covered, less its extra employers. */
  private weekValue(k: number): number {
    const { weights } = this.p;
    const extra = extraEmployersOf(this.jobs[k], this.p.committedEmployers.get(k) ?? NONE, this.cand.employer);
    return weights.shortfall * Math.min(this.p.shortfall[k], this.load[k]) - weights.extraEmployer * extra;
  }

  private weekOf(j: number): number {
    return this.cand.worker[j] * this.T + this.cand.week[j];
  }
}
