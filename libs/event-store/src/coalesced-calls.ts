/** A caller waiting for its item's answer in a batch. */
interface Waiting<In, Out> {
  readonly input: In;
  readonly resolve: (output: Out) => void;
  readonly reject: (error: unknown) => void;
}

export interface CoalescedCallsOptions<In> {
  /** At most this many items go into one batch (a statement's parameters stay bounded). */
  readonly maxBatch?: number;
  /**
   * Items with the same key never share a batch: the later waits for the next one (an upsert cannot
   * touch one row twice in a statement, and the second must see what the first did).
   */
  readonly keyOf?: (input: In) => string;
}

/**
 * Group commit for one kind of statement: a call made while no batch is running starts one at once
 * with its item alone, and the calls that arrive while a batch runs go together as the next batch.
 * A lone caller waits for nothing; sixteen concurrent callers share one or two round trips instead of
 * queueing for sixteen. Each caller gets its own item's answer, and every caller of a batch that
 * fails gets its error, so nothing a caller waits for is reported done unless its batch committed.
 */
export class CoalescedCalls<In, Out> {
  private readonly queue: Waiting<In, Out>[] = [];
  private running = false;
  private readonly maxBatch: number;
  private readonly keyOf: ((input: In) => string) | undefined;

  /** `run` answers one output per input, in the inputs' order. */
  constructor(
    private readonly run: (inputs: readonly In[]) => Promise<readonly Out[]>,
    { maxBatch = 256, keyOf }: CoalescedCallsOptions<In> = {},
  ) {
    this.maxBatch = maxBatch;
    this.keyOf = keyOf;
  }

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const batch = this.take();
    void Promise.resolve()
      .then(() => this.run(batch.map((waiting) => waiting.input)))
      .then((outputs) => {
        if (outputs.length !== batch.length) throw new Error(`A batch of ${batch.length} answered ${outputs.length} results`);
        batch.forEach((waiting, i) => waiting.resolve(outputs[i]));
      })
      .catch((error: unknown) => batch.forEach((waiting) => waiting.reject(error)))
      .finally(() => {
        this.running = false;
        this.next();
      });
  }

  /** The next batch, oldest first, without two items of one key; the rest keep their places. */
  private take(): Waiting<In, Out>[] {
    if (!this.keyOf) return this.queue.splice(0, this.maxBatch);
    const keys = new Set<string>();
    const batch: Waiting<In, Out>[] = [];
    for (let i = 0; i < this.queue.length && batch.length < this.maxBatch;) {
      const key = this.keyOf(this.queue[i].input);
      if (keys.has(key)) {
        i++;
        continue;
      }
      keys.add(key);
      batch.push(...this.queue.splice(i, 1));
    }
    return batch;
  }
}
