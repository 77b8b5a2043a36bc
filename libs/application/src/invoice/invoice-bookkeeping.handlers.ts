import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invoiceDecider, invoiceStreamId, localDateOf, type InvoiceCommand, type LocalDate } from '@banenpool/domain';
import type { RequestContext } from '../shared/request-context.js';
import { existingFor } from '../shared/stream-states.js';
import { UseCaseExecutor, type CommandAccepted } from '../shared/use-case-executor.js';
import { invoiceNamed } from './invoice.queries.js';

/** Records that the document was sent to the hirer (once), on `sentOn` or today. */
export class SendInvoiceCommand extends Command<CommandAccepted> {
  constructor(
    readonly invoiceId: string,
    readonly sentOn: LocalDate | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** A payment the hirer made on an invoice, in part or in full; `toGAccountCents` of it reached the G-account. */
export interface InvoicePaymentInput {
  amountCents: number;
  toGAccountCents: number;
  paidOn: LocalDate;
  reference?: string;
}

export class RecordInvoicePaymentCommand extends Command<CommandAccepted> {
  constructor(
    readonly invoiceId: string,
    readonly payment: InvoicePaymentInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** One command on the document's own stream: 404 when no document has the id. */
function onDocument(executor: UseCaseExecutor, invoiceId: string, command: InvoiceCommand, context: RequestContext) {
  const { year, sequence, invoiceId: id } = invoiceNamed(invoiceId);
  return executor.run(invoiceDecider, invoiceStreamId(year, sequence), command, context, existingFor(context.caller, `invoice ${id}`));
}

@CommandHandler(SendInvoiceCommand)
export class SendInvoiceHandler implements ICommandHandler<SendInvoiceCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ invoiceId, sentOn, context }: SendInvoiceCommand): Promise<CommandAccepted> {
    const command = { type: 'SendInvoice' as const, sentOn: sentOn ?? localDateOf(new Date()), by: context.caller.label };
    return onDocument(this.executor, invoiceId, command, context);
  }
}

@CommandHandler(RecordInvoicePaymentCommand)
export class RecordInvoicePaymentHandler implements ICommandHandler<RecordInvoicePaymentCommand> {
  constructor(private readonly executor: UseCaseExecutor) {}

  execute({ invoiceId, payment, context }: RecordInvoicePaymentCommand): Promise<CommandAccepted> {
    return onDocument(this.executor, invoiceId, { type: 'RecordInvoicePayment', ...payment, by: context.caller.label }, context);
  }
}
