// The MIP over a chosen set of candidates, in HiGHS's sparse row form.
//
// Variables (all bounded):
//   x[j] ∈ {0,1}     candidate j = (worker w, request r, week t): w fills one place of r in t at r's hours
//   y[w,e] ∈ [0,1]   w works for employer e (new to w) at all                      cost −continuity
//   z[w,e,t] ∈ [0,1] w works for employer e in week t                               cost −extraEmployer if e
//                    is an extra employer next to the week's confirmed ones, else 0
//   m[w,t] ≥ 0       employers beyond the first in a week without confirmed work     cost −extraEmployer
//   s[w,t] ∈ [0, shortfall]  guaranteed-hours shortfall covered                     gain +shortfall
// Rows:
//   D[r,t]  Σ_w x ≤ open places
//   C[w,t]  Σ_r hours·x ≤ free capacity (availability, contract maximum, 60 h, after committed hours)
//   S[w,t]  s − Σ_r hours·x ≤ 0
//   M[w,t]  Σ_e z − m ≤ 1
//   P[r]    Σ run starts ≤ the request's places: x[w,r,t] starts a run (a proposal, a place) unless
//           x[w,r,t−1] is chosen; u[w,r,t] ≥ x[w,r,t] − x[w,r,t−1], u ∈ [0,1] continuous (U rows), and
//           x alone where the worker is no candidate in the week before
//   x ≤ z, x ≤ y   (one row per x: the tight, disaggregated links)
// The x objective holds the per-worker-week terms: fill, fairness, returning, travel.
// With z, m, s, y continuous, every optimal (and every reported) solution has them at exactly the
// value objectiveOf gives, so the solver's objective is objectiveOf's.
//
// Compaction, all exact: a D or C row that cannot bind is left out; a y or z with only one x is that x
// (its cost moves onto the x); s is left out when the week's candidate hours cannot exceed the
// shortfall (covering is then +shortfall·hours on each x); z and M only exist where a week can have
// two employers.
//
// The model can be built over a residual problem: some proposals fixed (a context whose capacities,
// shortfalls, open places, week employers and paid relationships already hold them), so that a
// sub-MIP re-decides only part of the solution with the exact marginal objective.
import { runsOf, type Candidates, type Prepared } from './prepare.js';

const EPS = 1e-9;

export const ROW_D = 1;
export const ROW_C = 2;
export const ROW_S = 3;
export const ROW_M = 4;
export const ROW_LZ = 5;
export const ROW_LY = 6;
export const ROW_P = 7;
export const ROW_U = 8;

/** What the rows read: the prepared input, or a residual of it after fixing some proposals. */
export interface ModelContext {
  readonly capacity: Float64Array;
  readonly shortfall: Float64Array;
  readonly cellOpen: Int32Array;
  /** Employers of the worker-week that are already there (confirmed or fixed), sorted. */
  employersOf(k: number): readonly number[];
  /** Whether the continuity cost of this new pair is already paid by a fixed proposal. */
  readonly pairPaid: Uint8Array;
  /** Objective of what the context already fixed (0 for the plain input). */
  readonly fixedObjective: number;
  /** Candidates a fixed proposal holds (a run of theirs may go on into the model's weeks); null when none. */
  readonly fixedIn: Uint8Array | null;
  /** Per request: runs among the fixed candidates alone. */
  readonly fixedRuns: Int32Array;
  /** Leave out continuity (y) altogether and subtract these per-candidate prices instead (for pricing LPs). */
  readonly continuityPrices?: Float64Array;
}

export function baseContext(p: Prepared, cand: Candidates): ModelContext {
  return {
    capacity: p.capacity,
    shortfall: p.shortfall,
    cellOpen: p.cellOpen,
    employersOf: (k) => p.committedEmployers.get(k) ?? [],
    pairPaid: new Uint8Array(cand.pairCount),
    fixedObjective: 0,
    fixedIn: null,
    fixedRuns: new Int32Array(p.requests.length),
  };
}

export interface BuiltModel {
  readonly numCols: number;
  readonly numRows: number;
  /** Column i < numX is candidate sel[i]. */
  readonly numX: number;
  readonly sel: Int32Array;
  readonly colCost: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly index: Int32Array;
  readonly value: Float64Array;
  readonly rowKind: Uint8Array;
  /** Link rows: the x column; other rows: the cell or worker-week. */
  readonly rowKey: Int32Array;
  /** The auxiliary column a row defines or links to (−1 for D and C rows). */
  readonly rowAux: Int32Array;
  readonly nonzeros: number;
}

export function buildModel(p: Prepared, cand: Candidates, sel: Int32Array, ctx: ModelContext): BuiltModel {
  const { weights } = p;
  const T = p.weeks.length;
  const n = sel.length;

  const byCell = new Map<number, number[]>();
  const byWeek = new Map<number, number[]>();
  const byPair = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const j = sel[i];
    push(byCell, cand.cell[j], i);
    push(byWeek, cand.worker[j] * T + cand.week[j], i);
    if (cand.pair[j] >= 0 && !ctx.pairPaid[cand.pair[j]] && weights.continuity > 0 && !ctx.continuityPrices) push(byPair, cand.pair[j], i);
  }

  const shift = ctx.continuityPrices;
  const colCost: number[] = Array.from(sel, (j) => cand.base[j] - (shift && cand.pair[j] >= 0 ? shift[j] : 0));
  const colUpper: number[] = new Array<number>(n).fill(1);
  const addAux = (cost: number, upper: number): number => {
    colCost.push(cost);
    colUpper.push(upper);
    return colCost.length - 1;
  };

  const rowUpper: number[] = [];
  const starts: number[] = [0];
  const index: number[] = [];
  const value: number[] = [];
  const rowKind: number[] = [];
  const rowKey: number[] = [];
  const rowAux: number[] = [];
  const addRow = (kind: number, key: number, aux: number, upper: number, cols: readonly number[], vals: readonly number[]) => {
    for (let q = 0; q < cols.length; q++) {
      index.push(cols[q]);
      value.push(vals[q]);
    }
    starts.push(index.length);
    rowUpper.push(upper);
    rowKind.push(kind);
    rowKey.push(key);
    rowAux.push(aux);
  };

  // D: open places per request week.
  for (const [c, xs] of byCell) {
    if (xs.length > ctx.cellOpen[c])
      addRow(
        ROW_D,
        c,
        -1,
        ctx.cellOpen[c],
        xs,
        xs.map(() => 1),
      );
  }

  // Per worker-week: C, S, z and M.
  for (const [k, xs] of byWeek) {
    const hours = xs.map((i) => cand.hours[sel[i]]);
    const total = hours.reduce((a, b) => a + b, 0);
    if (total > ctx.capacity[k] + EPS) addRow(ROW_C, k, -1, Math.max(0, ctx.capacity[k]), xs, hours);
    const shortfall = ctx.shortfall[k];
    if (shortfall > 0 && weights.shortfall > 0) {
      if (total <= shortfall + EPS) {
        for (const i of xs) colCost[i] += weights.shortfall * cand.hours[sel[i]];
      } else {
        const s = addAux(weights.shortfall, shortfall);
        addRow(ROW_S, k, s, 0, [s, ...xs], [1, ...hours.map((h) => -h)]);
      }
    }
    if (weights.extraEmployer > 0) {
      const present = ctx.employersOf(k);
      const byEmployer = new Map<number, number[]>();
      for (const i of xs) push(byEmployer, cand.employer[sel[i]], i);
      const needM = present.length === 0 && byEmployer.size >= 2;
      const mMembers: number[] = [];
      for (const [e, exs] of [...byEmployer].sort((a, b) => a[0] - b[0])) {
        const kappa = present.length > 0 && !present.includes(e) ? -weights.extraEmployer : 0;
        if (!needM && kappa === 0) continue;
        if (exs.length === 1) {
          colCost[exs[0]] += kappa;
          if (needM) mMembers.push(exs[0]);
        } else {
          const z = addAux(kappa, 1);
          for (const i of exs) addRow(ROW_LZ, i, z, 0, [i, z], [1, -1]);
          if (needM) mMembers.push(z);
        }
      }
      if (needM) {
        const m = addAux(-weights.extraEmployer, Infinity);
        addRow(ROW_M, k, m, 1, [...mMembers, m], [...mMembers.map(() => 1), -1]);
      }
    }
  }

  // y: new working relationships not yet paid for.
  for (const xs of byPair.values()) {
    if (xs.length === 1) {
      colCost[xs[0]] -= weights.continuity;
      continue;
    }
    const y = addAux(-weights.continuity, 1);
    for (const i of xs) addRow(ROW_LY, i, y, 0, [i, y], [1, -1]);
  }

  addPlaceRows(p, cand, sel, ctx, addAux, addRow);

  return {
    numCols: colCost.length,
    numRows: rowUpper.length,
    numX: n,
    sel,
    colCost: Float64Array.from(colCost),
    colUpper: Float64Array.from(colUpper),
    rowUpper: Float64Array.from(rowUpper),
    starts: Int32Array.from(starts),
    index: Int32Array.from(index),
    value: Float64Array.from(value),
    rowKind: Uint8Array.from(rowKind),
    rowKey: Int32Array.from(rowKey),
    rowAux: Int32Array.from(rowAux),
    nonzeros: index.length,
  };
}

/**
 * P: per request with limited places, its run starts in the model plus those of the fixed proposals
 * ≤ its places. A fixed run that begins right after a model week starts a run only if that week is not
 * chosen (1 − x, its constant moved to the right-hand side). Left out where it cannot bind.
 */
function addPlaceRows(
  p: Prepared,
  cand: Candidates,
  sel: Int32Array,
  ctx: ModelContext,
  addAux: (cost: number, upper: number) => number,
  addRow: (kind: number, key: number, aux: number, upper: number, cols: readonly number[], vals: readonly number[]) => void,
): void {
  const column = new Map<number, number>();
  for (let i = 0; i < sel.length; i++) if (Number.isFinite(p.requests[cand.request[sel[i]]].places)) column.set(sel[i], i);
  if (column.size === 0) return;
  const starts = new Map<number, { alone: number[]; linked: Array<[number, number]>; after: number[] }>();
  const of = (r: number) => {
    let entry = starts.get(r);
    if (!entry) starts.set(r, (entry = { alone: [], linked: [], after: [] }));
    return entry;
  };
  const fixed = ctx.fixedIn;
  for (const [j, i] of column) {
    const entry = of(cand.request[j]);
    const before = cand.prev[j];
    const after = cand.next[j];
    if (after >= 0 && fixed?.[after]) entry.after.push(i);
    if (before >= 0 && fixed?.[before]) continue; // goes on with a fixed run
    const prevColumn = before >= 0 ? column.get(before) : undefined;
    if (prevColumn === undefined) entry.alone.push(i);
    else entry.linked.push([i, prevColumn]);
  }
  for (const [r, { alone, linked, after }] of [...starts].sort((a, b) => a[0] - b[0])) {
    const left = p.requests[r].places - ctx.fixedRuns[r];
    if (alone.length + linked.length <= left) continue;
    const cols: number[] = [...alone];
    const vals: number[] = alone.map(() => 1);
    for (const [i, before] of linked) {
      const u = addAux(0, 1);
      addRow(ROW_U, i, u, 0, [i, before, u], [1, -1, -1]);
      cols.push(u);
      vals.push(1);
    }
    for (const i of after) {
      const at = cols.indexOf(i);
      if (at >= 0) vals[at] -= 1;
      else {
        cols.push(i);
        vals.push(-1);
      }
    }
    addRow(ROW_P, r, -1, left, cols, vals);
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A full column vector from chosen x columns: every auxiliary at the value the objective gives it
 * (y, z = max of their x's; m = employers beyond the first; s = covered shortfall).
 */
export function completeSolution(model: BuiltModel, xValue: Float64Array): Float64Array {
  const col = new Float64Array(model.numCols);
  col.set(xValue.subarray(0, model.numX));
  const activity = (r: number, skip: number) => {
    let sum = 0;
    for (let q = model.starts[r]; q < model.starts[r + 1]; q++) if (model.index[q] !== skip) sum += model.value[q] * col[model.index[q]];
    return sum;
  };
  for (let r = 0; r < model.numRows; r++) {
    const kind = model.rowKind[r];
    if (kind === ROW_LZ || kind === ROW_LY) col[model.rowAux[r]] = Math.max(col[model.rowAux[r]], col[model.rowKey[r]]);
  }
  for (let r = 0; r < model.numRows; r++) {
    const aux = model.rowAux[r];
    if (model.rowKind[r] === ROW_M) col[aux] = Math.max(0, activity(r, aux) - 1);
    if (model.rowKind[r] === ROW_S) col[aux] = Math.min(model.colUpper[aux], -activity(r, aux));
    if (model.rowKind[r] === ROW_U) col[aux] = Math.max(0, activity(r, aux));
  }
  return col;
}

/** The context left after fixing some candidates: their hours, places, employers and relationships are taken. */
export function residualContext(p: Prepared, cand: Candidates, fixed: readonly number[], fixedObjective: number): ModelContext {
  const T = p.weeks.length;
  const capacity = Float64Array.from(p.capacity);
  const shortfall = Float64Array.from(p.shortfall);
  const cellOpen = Int32Array.from(p.cellOpen);
  const pairPaid = new Uint8Array(cand.pairCount);
  const extra = new Map<number, number[]>();
  const fixedIn = new Uint8Array(cand.count);
  for (const j of fixed) fixedIn[j] = 1;
  for (const j of fixed) {
    const k = cand.worker[j] * T + cand.week[j];
    capacity[k] -= cand.hours[j];
    shortfall[k] = Math.max(0, shortfall[k] - cand.hours[j]);
    cellOpen[cand.cell[j]]--;
    if (cand.pair[j] >= 0) pairPaid[cand.pair[j]] = 1;
    const list = extra.get(k) ?? [...(p.committedEmployers.get(k) ?? [])];
    if (!list.includes(cand.employer[j])) list.push(cand.employer[j]);
    extra.set(k, list);
  }
  return {
    capacity,
    shortfall,
    cellOpen,
    employersOf: (k) => extra.get(k) ?? p.committedEmployers.get(k) ?? [],
    pairPaid,
    fixedObjective,
    fixedIn,
    fixedRuns: runsOf(p, cand, fixed, fixedIn),
  };
}
