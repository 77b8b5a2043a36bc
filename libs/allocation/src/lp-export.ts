// The whole allocation as one MIP in CPLEX LP format, so that an independent solver can check the
// engine's bound and objective on the same model (the rows of model.ts over every candidate, written by
// HiGHS's own LP writer), and an exact solve of such a file with HiGHS.
import type { AllocationInput, AllocationWeights } from './allocation.types.js';
import { loadHighs } from './highs-runtime.js';
import { baseContext, buildModel } from './model.js';
import { buildCandidates, prepare } from './prepare.js';
import { highsModelOf } from './solve.js';

export interface AllocationLp {
  /** The model in CPLEX LP format: maximise; columns c0… are the candidates' x (binary), then the auxiliaries. */
  readonly lp: string;
  readonly candidates: number;
  readonly variables: number;
  readonly constraints: number;
}

export async function allocationLp(input: AllocationInput, weights: Partial<AllocationWeights> = {}): Promise<AllocationLp> {
  const highs = await loadHighs();
  const p = prepare(input, weights);
  const cand = buildCandidates(p);
  const model = buildModel(
    p,
    cand,
    Int32Array.from({ length: cand.count }, (_, j) => j),
    baseContext(p, cand),
  );
  const m = highsModelOf(highs, model);
  try {
    return { lp: m.exportModel('lp'), candidates: cand.count, variables: model.numCols, constraints: model.numRows };
  } finally {
    m.dispose();
  }
}

export interface ExactSolve {
  /** HiGHS's model status by its constant's name ('optimal', 'timeLimit', …). */
  readonly status: string;
  /** The best plan's objective, or null without one. */
  readonly objective: number | null;
  /** HiGHS's proven upper bound. */
  readonly bound: number;
  readonly seconds: number;
}

/** Solves an LP-format MIP to optimality (relative gap 1e-9) or until the time limit, with HiGHS. */
export async function solveLpExactly(lp: string, timeLimitSeconds: number): Promise<ExactSolve> {
  const highs = await loadHighs();
  const began = performance.now();
  const m = highs.createModel({ format: 'lp', data: lp });
  try {
    m.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 1e-9 });
    m.run();
    const hasPlan = Number(m.info.get('primal_solution_status')) === 2;
    return {
      status: statusName(highs.constants.modelStatus, m.getModelStatus()),
      objective: hasPlan ? m.getObjectiveValue() : null,
      bound: Number(m.info.get('mip_dual_bound')),
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    m.dispose();
  }
}

const statusName = (names: object, code: number): string => Object.entries(names).find(([, value]) => value === code)?.[0] ?? String(code);
