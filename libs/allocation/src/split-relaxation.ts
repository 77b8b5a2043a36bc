// The relaxation split over two threads. Every relaxation prices the worker-weeks of the workers with an
// even index on this thread and those with an odd index on a helper thread (worker_threads, shared
// memory, Atomics to hand over), then adds the two shares in that order — so the bound and the choices
// are the same numbers whether the helper answered or this thread priced both shares itself (when the
// helper is not ready yet, failed, or cannot run: under a TypeScript test runner). After the bound phase
// the helper goes on lowering the bound on its own from the best prices while this thread searches.
import { Worker } from 'node:worker_threads';
import { combine, combineScratch, Relaxer, type BlockValues, type LinkPrices, type Relaxation, type Relaxing } from './lagrangian.js';
import type { AllocationInput, AllocationWeights } from './allocation.types.js';
import type { Candidates, Prepared } from './prepare.js';

// Control words (Int32Array) and shared figures (Float64Array).
export const C_SEQ = 0; // command number, raised by this thread
export const C_DONE = 1; // last command number the helper finished
export const C_COUNT = 2; // how many candidates the helper's share took
export const C_READY = 3; // 1 once the helper has built its share and has the buffers; −1 if its candidates differ
export const C_COMMAND = 4;
export const C_ATTACHED = 5; // 1 once this thread has posted the buffers
export const C_BOUND_SEQ = 6; // odd while the helper writes F_BOUND / F_WORKERS / F_ITERATIONS (a seqlock: 64-bit writes may tear)
export const COMMAND_RELAX = 1;
export const COMMAND_BOUND = 2;
export const F_TARGET = 0; // best objective found (the helper's subgradient target)
export const F_BOUND = 1; // the helper's best bound so far
export const F_VALUE = 2; // the helper share's block value
export const F_DEADLINE = 3; // when the helper must answer (epoch ms)
export const F_STOP_GAP = 4; // the helper stops early once its bound is this close to the target
export const F_ITERATIONS = 5; // relaxations the helper did on its own
export const F_WORKERS = 6; // workers whose link prices the helper refined on their own

/** How long the first relaxation waits for the helper before this thread builds the helper's share itself. */
const READY_WAIT_MS = 1_000;
/** How long a share may take before the helper counts as failed (this thread then prices it itself). */
const ANSWER_TIMEOUT_MS = 20_000;

/** Fixed-size shared memory, handed to the helper when it starts. */
export interface HelperData {
  readonly input: AllocationInput;
  readonly weights: Partial<AllocationWeights>;
  readonly control: SharedArrayBuffer;
  readonly figures: SharedArrayBuffer;
}

/** The prices and the answer, sized by the candidates: posted once this thread has built them. */
export interface HelperBuffers {
  readonly pi: SharedArrayBuffer;
  readonly beta: SharedArrayBuffer;
  /** The places' prices λ by request (read only when the helper goes on with the bound). */
  readonly lambda: SharedArrayBuffer;
  readonly chosen: SharedArrayBuffer;
}

export interface HelperBound {
  readonly bound: number;
  /** Workers whose link prices it refined, and relaxations it did after that. */
  readonly workers: number;
  readonly iterations: number;
}

/** This thread's handle on the helper thread. */
export class HelperThread {
  private readonly control: Int32Array;
  private readonly figures: Float64Array;
  private pi: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private beta: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private lambda: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private chosen: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private failed = false;
  /** Set once the helper works on its own bound: it takes no more shares. */
  private released = false;
  private seq = 0;

  private constructor(
    private readonly worker: Worker,
    data: HelperData,
    private readonly log: (line: string) => void,
  ) {
    this.control = new Int32Array(data.control);
    this.figures = new Float64Array(data.figures);
    // Nothing published yet: a 0 here would read as a bound of 0.
    this.figures[F_BOUND] = Number.POSITIVE_INFINITY;
    worker.once('error', (error) => {
      this.failed = true;
      log(`the helper thread failed: ${error.message}`);
    });
  }

  /**
   * Starts the helper when this module runs as compiled JavaScript (null when it cannot): from the raw
   * input, so that it prepares the candidates while this thread does the same and the greedy.
   */
  static start(input: AllocationInput, weights: Partial<AllocationWeights>, log: (line: string) => void): HelperThread | null {
    if (!import.meta.url.endsWith('.js')) return null;
    const data: HelperData = { input, weights, control: new SharedArrayBuffer(8 * 4), figures: new SharedArrayBuffer(7 * 8) };
    try {
      return new HelperThread(new Worker(new URL('./bound-worker.js', import.meta.url), { workerData: data }), data, log);
    } catch (error) {
      log(`no helper thread: ${(error as Error).message}`);
      return null;
    }
  }

  /** Hands the helper the buffers for these candidates (it checks that it built the same count). */
  attach(p: Prepared, cand: Candidates): void {
    const buffers: HelperBuffers = {
      pi: new SharedArrayBuffer(p.cellOpen.length * 8),
      beta: new SharedArrayBuffer(cand.count * 8),
      lambda: new SharedArrayBuffer(p.requests.length * 8),
      chosen: new SharedArrayBuffer(cand.count * 4),
    };
    this.pi = new Float64Array(buffers.pi);
    this.beta = new Float64Array(buffers.beta);
    this.lambda = new Float64Array(buffers.lambda);
    this.chosen = new Int32Array(buffers.chosen);
    this.worker.postMessage(buffers);
    Atomics.store(this.control, C_ATTACHED, 1);
    Atomics.notify(this.control, C_ATTACHED);
  }

  /** Whether the helper can take a share now. */
  get ready(): boolean {
    return !this.failed && !this.released && Atomics.load(this.control, C_READY) === 1;
  }

  /** Waits up to `ms` for the helper to have built its share (cheaper than building it here too). */
  waitReady(ms: number): boolean {
    if (!this.failed && !this.released && Atomics.load(this.control, C_READY) === 0) Atomics.wait(this.control, C_READY, 0, ms);
    return this.ready;
  }

  /** The best objective found so far: the helper's subgradient aims at it. */
  set target(objective: number) {
    this.figures[F_TARGET] = objective;
  }

  /** Hands the helper its share of one relaxation. */
  dispatch(pi: Float64Array, links: LinkPrices): void {
    this.share(pi, links);
    this.command(COMMAND_RELAX);
  }

  /** The helper's share of the relaxation last dispatched, or null when it did not answer in time. */
  collect(): BlockValues | null {
    for (;;) {
      const done = Atomics.load(this.control, C_DONE);
      if (done === this.seq) break;
      if (Atomics.wait(this.control, C_DONE, done, ANSWER_TIMEOUT_MS) === 'timed-out') {
        this.failed = true;
        this.log('the helper thread did not answer in time; pricing its share here');
        return null;
      }
    }
    const count = Atomics.load(this.control, C_COUNT);
    return { value: this.figures[F_VALUE], chosen: Array.from(this.chosen.subarray(0, count)) };
  }

  /**
   * From these prices on, the helper lowers the bound on its own until `deadlineEpochMs` (or until it is
   * within `stopGap` of the target): worker by worker, then over all prices (worker-link-prices.ts),
   * publishing every better bound; `finishBound` collects it.
   */
  continueBound(pi: Float64Array, links: LinkPrices, deadlineEpochMs: number, stopGap: number): void {
    this.released = true;
    if (this.failed) return;
    this.figures[F_DEADLINE] = deadlineEpochMs;
    this.figures[F_STOP_GAP] = stopGap;
    this.share(pi, links);
    this.command(COMMAND_BOUND);
  }

  /** The prices into shared memory: β is non-zero only on the listed links, which only ever join. */
  private share(pi: Float64Array, links: LinkPrices): void {
    this.pi.set(pi);
    for (let i = 0; i < links.count; i++) this.beta[links.ids[i]] = links.value[i];
    if (links.lambda.length === this.lambda.length) this.lambda.set(links.lambda);
  }

  /**
   * The best bound the helper has published so far, read at once (never waiting for the relaxation it
   * may be in the middle of), and the helper stopped; null if it published none.
   */
  finishBound(): HelperBound | null {
    let read: HelperBound | null = null;
    while (!this.failed && read === null) {
      const before = Atomics.load(this.control, C_BOUND_SEQ);
      if (before % 2 === 1) continue; // being written right now
      const candidate = { bound: this.figures[F_BOUND], workers: this.figures[F_WORKERS], iterations: this.figures[F_ITERATIONS] };
      if (Atomics.load(this.control, C_BOUND_SEQ) === before) read = candidate;
    }
    this.stop();
    return read && Number.isFinite(read.bound) ? read : null;
  }

  stop(): void {
    void this.worker.terminate();
  }

  private command(kind: number): void {
    Atomics.store(this.control, C_COMMAND, kind);
    this.seq = Atomics.add(this.control, C_SEQ, 1) + 1;
    Atomics.notify(this.control, C_SEQ);
  }
}

/** The relaxation with its two shares priced side by side (see the top of this file). */
export class SplitRelaxer implements Relaxing {
  readonly potential: Float64Array;
  private readonly own: Relaxer;
  private other: Relaxer | null = null;
  private readonly scratch: Float64Array;

  constructor(
    private readonly p: Prepared,
    private readonly cand: Candidates,
    private readonly helper: HelperThread | null,
  ) {
    this.own = new Relaxer(p, cand, { part: 0, parts: 2 });
    this.potential = this.own.potential;
    this.scratch = combineScratch(cand);
  }

  /** Relaxations whose second share the helper priced, and all of them (for the log). */
  sharedCount = 0;
  count = 0;

  relax(pi: Float64Array, links: LinkPrices): Relaxation {
    const remote = this.helper && (this.other ? this.helper.ready : this.helper.waitReady(READY_WAIT_MS)) ? this.helper : null;
    remote?.dispatch(pi, links);
    const mine = this.own.blocks(pi, links.beta);
    const answer = remote?.collect() ?? null;
    this.count++;
    if (answer) this.sharedCount++;
    const theirs = answer ?? this.otherHere().blocks(pi, links.beta);
    return combine(this.p, this.cand, pi, links, this.scratch, [mine, theirs]);
  }

  private otherHere(): Relaxer {
    this.other ??= new Relaxer(this.p, this.cand, { part: 1, parts: 2 });
    return this.other;
  }
}
