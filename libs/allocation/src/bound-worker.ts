// The helper thread (see split-relaxation.ts). It rebuilds the same candidates from the same input
// (deterministic), prices the odd workers' share of every relaxation the main thread hands it, and
// when told to, lowers the bound on its own from the main thread's best prices — aiming at the main
// thread's best objective, read from shared memory — and posts back its best bound.
import { parentPort, workerData } from 'node:worker_threads';
import { minimizeBound, Relaxer } from './lagrangian.js';
import { buildCandidates, prepare } from './prepare.js';
import { COMMAND_BOUND, COMMAND_RELAX, C_COMMAND, C_COUNT, C_DONE, C_READY, C_SEQ, F_BOUND, F_DEADLINE, F_STOP_GAP, F_TARGET, F_VALUE, type HelperBound, type HelperData } from './split-relaxation.js';

if (parentPort && workerData) {
  const data = workerData as HelperData;
  const control = new Int32Array(data.buffers.control);
  const figures = new Float64Array(data.buffers.figures);
  const pi = new Float64Array(data.buffers.pi);
  const beta = new Float64Array(data.buffers.beta);
  const chosen = new Int32Array(data.buffers.chosen);
  const p = prepare(data.input, data.weights);
  const cand = buildCandidates(p);
  const share = new Relaxer(p, cand, { part: 1, parts: 2 });
  Atomics.store(control, C_READY, 1);
  let seen = 0;
  for (;;) {
    Atomics.wait(control, C_SEQ, seen);
    seen = Atomics.load(control, C_SEQ);
    const command = Atomics.load(control, C_COMMAND);
    if (command === COMMAND_RELAX) {
      const values = share.blocks(pi, beta);
      chosen.set(values.chosen);
      figures[F_VALUE] = values.value;
      Atomics.store(control, C_COUNT, values.chosen.length);
      Atomics.store(control, C_DONE, seen);
      Atomics.notify(control, C_DONE);
    } else if (command === COMMAND_BOUND) {
      const result = minimizeBound(new Relaxer(p, cand), p, cand, { pi: Float64Array.from(pi), beta: Float64Array.from(beta) }, {
        target: () => figures[F_TARGET],
        deadline: figures[F_DEADLINE] - performance.timeOrigin,
        maxIterations: 100_000,
        stopGap: figures[F_STOP_GAP],
        clearingRounds: 0,
        theta: 0.25,
        onBound: (bound) => {
          figures[F_BOUND] = bound;
        },
      });
      parentPort.postMessage({ bound: result.bound, iterations: result.iterations } satisfies HelperBound);
      break;
    } else {
      break;
    }
  }
}
