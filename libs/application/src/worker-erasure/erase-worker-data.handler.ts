import { Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { workerDecider, workerStreamId, type ErasureReason } from '@banenpool/domain';
import { parsePosition, PersonalDataKeys } from '@banenpool/event-store';
import { ErasedSpaceReclaim, ReadModelsCatchUp } from '../shared/ports.js';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { ErasurePayFactsReader } from './erasure-pay-facts.js';
import { PLAINTEXT_TABLES, purgePlaintextCopies } from './plaintext-copies.js';

export class EraseWorkerDataCommand extends Command<CommandAccepted> {
  constructor(
    readonly workerId: string,
    readonly reason: ErasureReason,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * Erases a worker's personal data (GDPR art. 17) once nothing is owed to them any more (the facts
 * of their pay: ErasurePayFactsReader): records WorkerDataErased, shreds the worker's data
 * key (the personal fields of every earlier event become unreadable) and purges the plaintext copies
 * kept beside the log (the read models blank theirs when they project the event). Once the read models
 * have applied the event, the tables holding plain text are rewritten, so no earlier row version keeps
 * it in the database's files (ADR 0021).
 *
 * Each step may be done again: the decider answers a second erasure with no events, shredding a
 * shredded key and purging what is gone change nothing. So a request that died between the append
 * and the shredding is finished by sending it again. It runs as a `step`, which records no stream for
 * its Idempotency-Key: a retry with the same key after a crash runs the handler again instead of
 * answering from the appended event, and so still shreds.
 */
@CommandHandler(EraseWorkerDataCommand)
export class EraseWorkerDataHandler implements ICommandHandler<EraseWorkerDataCommand> {
  private readonly logger = new Logger('WorkerErasure');

  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
    private readonly payFacts: ErasurePayFactsReader,
    private readonly readModels: ReadModelsCatchUp,
    private readonly space: ErasedSpaceReclaim,
  ) {}

  async execute({ workerId, reason, context }: EraseWorkerDataCommand): Promise<CommandAccepted> {
    const streamId = workerStreamId(workerId);
    // Read before deciding: refused (409) while a sheet or the period of the last day is unpaid.
    // A sheet approved between this read and the append is not seen; the pay run then names the
    // erased worker's sheet as unpaid (PayRunInputs leaves erased workers out).
    const pay = await this.payFacts.read(workerId);
    const accepted = await this.executor.step(
      workerDecider,
      streamId,
      { type: 'EraseWorkerData', reason, pay },
      context,
      context.expectedVersion,
    );
    await this.keys.shred(workerId);
    // Once every read model has applied the erasure, a batch that decrypted a remark before the shred
    // has committed, so it cannot write the remark back after the purge.
    const caughtUp = await this.readModelsPast(accepted.position);
    await purgePlaintextCopies((text, params) => this.dataSource.query(text, [...params]), workerId);
    await this.reclaimSpace(workerId, caughtUp);
    return accepted;
  }

  /** Whether every read model applied the event appended at `appendedAt` (true when nothing was appended now). */
  private async readModelsPast(appendedAt: string | undefined): Promise<boolean> {
    const position = appendedAt === undefined ? undefined : parsePosition(appendedAt);
    return position === undefined || this.readModels.waitFor(position);
  }

  /** A read model behind the erasure blanks its rows later; the next erasure's rewrite drops what those leave. */
  private async reclaimSpace(workerId: string, caughtUp: boolean): Promise<void> {
    const { rewritten, skipped } = await this.space.reclaim(PLAINTEXT_TABLES);
    if (caughtUp && skipped.length === 0) return;
    this.logger.warn(
      `Erasure of ${workerId}: rewrote ${rewritten.length} tables` +
        (caughtUp ? '' : ' before every read model had applied the erasure') +
        skipped.map(({ table, reason }) => `; skipped ${table} (${reason})`).join(''),
    );
  }
}
