// The Lagrangian bound on a second thread (worker_threads), so that on two cores the bound and the
// HiGHS window search run side by side. The worker rebuilds the same candidates from the same input
// (deterministic), reads the main thread's best objective from shared memory as its subgradient target,
// and posts back its best bound. Started by solve() only when running as compiled JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import type { AllocationInput, AllocationWeights } from './allocation.types.js';
import { greedyAssignments } from './greedy.js';
import { initialPrices, minimizeBound, Relaxer } from './lagrangian.js';
import { buildCandidates, prepare } from './prepare.js';

export interface BoundWorkerData {
  readonly input: AllocationInput;
  readonly weights: AllocationWeights;
  /** When it must answer, as epoch milliseconds (threads have different `performance` origins). */
  readonly deadlineEpochMs: number;
  readonly stopGap: number;
  readonly maxIterations: number;
  /** Float64Array[2] shared with the main thread: [0] the best objective found so far (read here),
   *  [1] the best bound found so far (written here). */
  readonly shared: SharedArrayBuffer;
}

export interface BoundWorkerResult {
  readonly bound: number;
  readonly iterations: number;
}

if (parentPort && workerData) {
  const data = workerData as BoundWorkerData;
  const shared = new Float64Array(data.shared);
  const p = prepare(data.input, data.weights);
  const cand = buildCandidates(p);
  const prices = new Float64Array(p.cellOpen.length);
  const chosen = greedyAssignments(p, cand, prices);
  const relaxer = new Relaxer(p, cand);
  const result = minimizeBound(relaxer, p, cand, initialPrices(p, cand, chosen, prices), {
    target: () => shared[0],
    deadline: data.deadlineEpochMs - performance.timeOrigin,
    maxIterations: data.maxIterations,
    stopGap: data.stopGap,
    onBound: (bound) => {
      shared[1] = bound;
    },
  });
  parentPort.postMessage({ bound: result.bound, iterations: result.iterations } satisfies BoundWorkerResult);
}
