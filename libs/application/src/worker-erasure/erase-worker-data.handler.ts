import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { workerDecider, workerStreamId, type ErasureReason } from '@banenpool/domain';
import { PersonalDataKeys } from '@banenpool/event-store';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { ErasurePayFactsReader } from './erasure-pay-facts.js';
import { purgePlaintextCopies } from './plaintext-copies.js';

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
 * kept beside the log (the read models blank theirs when they project the event).
 *
 * Each step may be done again: the decider answers a second erasure with no events, shredding a
 * shredded key and purging what is gone change nothing. So a request that died between the append
 * and the shredding is finished by sending it again. It runs as a `step`, which records no stream for
 * its Idempotency-Key: a retry with the same key after a crash runs the handler again instead of
 * answering from the appended event, and so still shreds.
 */
@CommandHandler(EraseWorkerDataCommand)
export class EraseWorkerDataHandler implements ICommandHandler<EraseWorkerDataCommand> {
  constructor(
    private readonly executor: UseCaseExecutor,
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
    private readonly payFacts: ErasurePayFactsReader,
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
    await purgePlaintextCopies((text, params) => this.dataSource.query(text, [...params]), workerId);
    return accepted;
  }
}
