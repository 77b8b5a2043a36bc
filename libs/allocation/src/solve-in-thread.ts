// solveInThread(): the whole solve, and the check of its answer against every hard rule, in a worker
// thread, so that the caller's event loop (the API's) keeps answering while the engine works for its time
// limit (checking a 2,000 × 400 answer alone took 1.1 s at load 20 here). Input, weights and result cross
// by structured clone; the engine's progress lines come back as messages. Every solve gets its own thread,
// ended when it answers, fails or is aborted, so concurrent runs do not wait for each other and a crash
// takes one run with it.
//
// The thread's script is compiled JavaScript (dist/), as the service runs. Loaded from the TypeScript sources
// (the test runner) the engine runs on the calling thread instead, and says so through `warn`.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AllocationInputError } from './canonical.js';
import { checkProposals } from './check.js';
import { solve } from './solve.js';

type Solve = typeof solve;
export type SolveInput = Parameters<Solve>[0];
export type SolveWeights = NonNullable<Parameters<Solve>[1]>;
export type SolveResult = Awaited<ReturnType<Solve>>;
/** The engine's answer and what checkProposals found wrong with it (nothing, unless the engine has a bug). */
export interface CheckedSolve {
  readonly result: SolveResult;
  readonly violations: ReturnType<typeof checkProposals>;
}
/** The engine's own options, less its log callback (a function cannot cross to a thread). */
export type ThreadedEngineOptions = Omit<NonNullable<Parameters<Solve>[2]>, 'log'>;

export interface SolveThreadOptions extends ThreadedEngineOptions {
  /** The engine's progress lines. */
  readonly log?: (line: string) => void;
  /** Told when the solve cannot have a thread and runs on the calling thread (TypeScript sources only). */
  readonly warn: (line: string) => void;
  /** Aborting ends the thread at once; the solve then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Limits for the thread's heap; a thread over them ends and the solve rejects with a SolveThreadError. */
  readonly resourceLimits?: ResourceLimits;
  /**
   * The thread's nice value (Linux, where it is per thread; the engine's helper thread inherits it), default
   * 10: when the cores are short, the caller's thread gets them first, so its requests are answered on time
   * while the solve waits. Not set elsewhere, where it would slow the whole process.
   */
  readonly niceness?: number;
}

/** The thread ended without an answer (a crash, out of memory, an exit): the solve did not finish. */
export class SolveThreadError extends Error {
  override readonly name = 'SolveThreadError';
}

/** What the thread is started with (solve-worker.ts). */
export interface SolveThreadData {
  readonly input: SolveInput;
  readonly weights: SolveWeights;
  readonly options: ThreadedEngineOptions;
  readonly niceness?: number;
}

/** What the thread posts back. */
export type SolveThreadMessage =
  | { readonly kind: 'log'; readonly line: string }
  | ({ readonly kind: 'solved' } & CheckedSolve)
  | { readonly kind: 'failed'; readonly name: string; readonly message: string; readonly stack?: string };

const THREAD_SCRIPT = new URL('./solve-worker.js', import.meta.url);
const COMPILED = import.meta.url.endsWith('.js');

export async function solveInThread(
  input: SolveInput,
  weights: SolveWeights,
  { log = () => undefined, warn, signal, resourceLimits, niceness = 10, ...options }: SolveThreadOptions,
): Promise<CheckedSolve> {
  signal?.throwIfAborted();
  if (COMPILED) return inThread({ input, weights, options, niceness }, log, signal, resourceLimits);
  warn('the allocation engine runs on the calling thread: its thread script needs the compiled engine (dist/)');
  return solveChecked({ input, weights, options }, log);
}

/** The solve and its check, wherever they run. */
export async function solveChecked({ input, weights, options }: SolveThreadData, log: (line: string) => void): Promise<CheckedSolve> {
  const result = await solve(input, weights, { ...options, log });
  return { result, violations: checkProposals(input, result) };
}

function inThread(
  data: SolveThreadData,
  log: (line: string) => void,
  signal: AbortSignal | undefined,
  resourceLimits: ResourceLimits | undefined,
): Promise<CheckedSolve> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD_SCRIPT, { workerData: data, resourceLimits });
    let settled = false;
    // The thread is gone before the caller hears the outcome: an aborted solve leaves nothing running.
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate().finally(finish);
    };
    const onAbort = () => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: SolveThreadMessage) => {
      switch (message.kind) {
        case 'log':
          if (!settled) log(message.line);
          return;
        case 'solved':
          return settle(() => resolve({ result: message.result, violations: message.violations }));
        case 'failed':
          return settle(() => reject(engineError(message)));
      }
    });
    worker.once('error', (error) =>
      settle(() => reject(new SolveThreadError(`The allocation thread failed: ${error.message}`, { cause: error }))),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new SolveThreadError(`The allocation thread exited (code ${code}) without an answer.`))),
    );
  });
}

/** An error the engine threw in the thread, as the same kind of error here (an input error stays one). */
function engineError({ name, message, stack }: Extract<SolveThreadMessage, { kind: 'failed' }>): Error {
  const error = name === 'AllocationInputError' ? new AllocationInputError(message) : new Error(message);
  if (stack) error.stack = stack;
  return error;
}
