import { Body, Controller, Get, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  GetInvoiceQuery,
  invoiceCsvText,
  InvoicePeriodCommand,
  invoicePdf,
  ListInvoicesQuery,
  RecordInvoicePaymentCommand,
  SendInvoiceCommand,
  type InvoiceDocument,
  type RequestContext,
} from '@banenpool/application';
import { Roles } from '@banenpool/platform';
import type { Request } from 'express';
import { Context } from '../http/request-context.decorator.js';
import {
  InvoiceFormatQuery,
  InvoiceParams,
  InvoicePaymentDto,
  InvoiceRunDto,
  InvoicesQuery,
  SendInvoiceDto,
  type InvoiceFormat,
} from './invoice.dto.js';

const ACCEPTED = '{ streamId, version, position, events }';

/**
 * Invoicing: per finalized pay run each hirer gets an invoice (its hours × its rate agreements,
 * 21 % VAT, the G-account share) and, when a retroactive change made earlier lines wrong, a credit
 * note first. Numbers are gapless per year; a period is never invoiced twice. Operators run it.
 */
@ApiTags('invoices')
@ApiBearerAuth()
@Controller('invoice-runs')
export class InvoiceRunsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary: 'Invoice a period whose pay run is finalized: one hirer, or every hirer whose hours the run pays',
    description:
      'Waits for the read models to reach the head of the feed. Answers each document issued now, or found issued by an earlier run ' +
      '(issued: false): the same period invoiced again gives no second invoice. 422 pay_run_not_final; for one hirer, 422 ' +
      'nothing_to_invoice or the rule that refuses it (no_rate_agreement, …); for every hirer those are listed under refused. ' +
      'If-Match does not apply (400).',
  })
  @ApiCreatedResponse({
    description:
      '{ periodId, documents: [{ invoiceId, number, kind, employerId, periodId, totals, issued, position? }], ' +
      'refused: [{ employerId, code, reason }], position? }',
  })
  run(@Body() body: InvoiceRunDto, @Context() context: RequestContext) {
    return this.commands.execute(new InvoicePeriodCommand(body.periodId, body.employerId, context));
  }
}

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles('operator', 'auditor', 'employer')
  @ApiOperation({ summary: 'Invoices and credit notes in the order of the series; an employer sees only its own; paginated' })
  @ApiOkResponse({
    description:
      '{ items: [{ invoiceId, number, year, sequence, kind, employerId, periodId, payRunId, issuedOn, dueOn, sentOn?, status, ' +
      'totals: { netCents, vatCents, totalCents, gAccountCents }, paid: { cents, toGAccountCents }, openCents }], total, limit, offset }',
  })
  list(@Query() query: InvoicesQuery, @Context() context: RequestContext) {
    const { employerId, periodId, year, kind, status, limit, offset } = query;
    return this.queries.execute(new ListInvoicesQuery({ employerId, periodId, year, kind, status, limit, offset }, context.caller));
  }

  @Get(':id')
  @Roles('operator', 'auditor', 'employer')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOperation({
    summary:
      'An invoice or credit note: as JSON, as CSV (one row per line) or as the PDF sent to the hirer; an employer reads only its own',
    description: '?format=json|csv|pdf, or without it the Accept header. A credit note names the invoice lines it corrects and why.',
  })
  @ApiOkResponse({
    description:
      '{ invoiceId, number, kind, pool, hirer, employerId, periodId, payRunId, issuedOn, dueOn, paymentTermDays, sentOn?, status, ' +
      'lines: [{ placementId, workerId, hourType, rateAgreementId, rate, surchargeBp, minutes, grossWageCents, amountCents, sources }], ' +
      'vat, gAccountShareBp, totals, paid, openCents, payments, corrects?, reasons?, rounding, issuedBy, version }',
  })
  async get(
    @Param() { id }: InvoiceParams,
    @Query() query: InvoiceFormatQuery,
    @Req() request: Request,
    @Context() context: RequestContext,
  ) {
    const document: InvoiceDocument = await this.queries.execute(new GetInvoiceQuery(id, context.caller));
    const format = query.format ?? acceptedFormat(request);
    const file = `${document.kind === 'invoice' ? 'invoice' : 'credit-note'}-${document.number}`;
    if (format === 'csv') {
      return new StreamableFile(Buffer.from(invoiceCsvText(document)), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="${file}.csv"`,
      });
    }
    if (format === 'pdf') {
      return new StreamableFile(await invoicePdf(document), { type: 'application/pdf', disposition: `inline; filename="${file}.pdf"` });
    }
    return document;
  }

  @Post(':id/sending')
  @Roles('operator')
  @ApiOperation({ summary: 'Record that the document was sent to the hirer (once; 409 after)' })
  @ApiCreatedResponse({ description: ACCEPTED })
  send(@Param() { id }: InvoiceParams, @Body() body: SendInvoiceDto, @Context() context: RequestContext) {
    return this.commands.execute(new SendInvoiceCommand(id, body.sentOn, context));
  }

  @Post(':id/payments')
  @Roles('operator')
  @ApiOperation({
    summary: 'Record a payment of the hirer on an invoice, in part or in full, and how much of it reached the G-account',
    description: '422 payment_exceeds_open, credit_note_not_payable, paid_before_issue; 409 invoice_paid once nothing is open.',
  })
  @ApiCreatedResponse({ description: ACCEPTED })
  pay(@Param() { id }: InvoiceParams, @Body() body: InvoicePaymentDto, @Context() context: RequestContext) {
    const { amountCents, toGAccountCents, paidOn, reference } = body;
    return this.commands.execute(new RecordInvoicePaymentCommand(id, { amountCents, toGAccountCents, paidOn, reference }, context));
  }
}

/** JSON unless the Accept header prefers CSV or PDF. */
function acceptedFormat(request: Request): InvoiceFormat {
  const preferred = request.accepts(['application/json', 'text/csv', 'application/pdf']);
  if (preferred === 'text/csv') return 'csv';
  return preferred === 'application/pdf' ? 'pdf' : 'json';
}
