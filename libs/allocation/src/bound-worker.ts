// The helper thread (see split-relaxation.ts). It rebuilds the same candidates from the same input
// (deterministic), prices the odd workers' share of every relaxation the main thread hands it, and
// when told to, lowers the bound on its own from the main thread's best prices — aiming at the main
// thread's best objective, read from shared memory — publishing every better bound there.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { combine, combineScratch, Relaxer, stepRule, type Relaxing } from './lagrangian.js';
import { buildCandidates, prepare } from './prepare.js';
import {
  COMMAND_BOUND,
  COMMAND_RELAX,
  C_ATTACHED,
  C_BOUND_SEQ,
  C_COMMAND,
  C_COUNT,
  C_DONE,
  C_READY,
  C_SEQ,
  F_BOUND,
  F_DEADLINE,
  F_ITERATIONS,
  F_STOP_GAP,
  F_TARGET,
  F_VALUE,
  F_WORKERS,
  type HelperBuffers,
  type HelperData,
} from './split-relaxation.js';
import { tightenBound } from './worker-link-prices.js';

if (parentPort && workerData) {
  const port = parentPort;
  const data = workerData as HelperData;
  const control = new Int32Array(data.control);
  const figures = new Float64Array(data.figures);
  const p = prepare(data.input, data.weights);
  const cand = buildCandidates(p);
  const share = new Relaxer(p, cand, { part: 1, parts: 2 });
  Atomics.wait(control, C_ATTACHED, 0);
  const buffers = receiveMessageOnPort(port)?.message as HelperBuffers;
  const pi = new Float64Array(buffers.pi);
  const beta = new Float64Array(buffers.beta);
  const chosen = new Int32Array(buffers.chosen);
  // The same input gives the same candidates; should the counts differ, the main thread prices everything.
  const same = beta.length === cand.count && pi.length === p.cellOpen.length;
  Atomics.store(control, C_READY, same ? 1 : -1);
  if (!same) process.exit(0);
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
      // The even workers' share is built only when the relaxation over all prices first needs it (half the
      // work of a whole Relaxer); the odd one is reused.
      let even: Relaxer | null = null;
      const scratch = combineScratch(cand);
      const whole: Relaxing & { potential: Float64Array } = {
        potential: share.potential,
        relax: (prices, links) => {
          even ??= new Relaxer(p, cand, { part: 0, parts: 2 });
          return combine(p, cand, prices, links, scratch, [even.blocks(prices, links.beta), share.blocks(prices, links.beta)]);
        },
      };
      // Bound and counts written under the seqlock, so the main thread never reads half a number.
      const publish = (bound: number, workers: number, relaxations: number) => {
        Atomics.add(control, C_BOUND_SEQ, 1);
        figures[F_BOUND] = bound;
        figures[F_WORKERS] = workers;
        figures[F_ITERATIONS] = relaxations;
        Atomics.add(control, C_BOUND_SEQ, 1);
      };
      publish(Number.POSITIVE_INFINITY, 0, 0);
      const deadline = figures[F_DEADLINE] - performance.timeOrigin;
      tightenBound(whole, p, cand, Float64Array.from(pi), Float64Array.from(beta), {
        lambda: Float64Array.from(new Float64Array(buffers.lambda)),
        target: () => figures[F_TARGET],
        deadline,
        // Both shares on this one thread: twice the work per relaxation of the split ones.
        steps: stepRule(2 * cand.count, deadline - performance.now()),
        stopGap: figures[F_STOP_GAP],
        onBound: publish,
      });
      break;
    } else {
      break;
    }
  }
}
