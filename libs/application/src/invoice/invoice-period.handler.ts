import { BadRequestException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, draftInvoice, localDateOf, refuse, type LocalDate, type RuleBook } from '@banenpool/domain';
import { employersOfRun, findPayRun, listInvoices, type PayRunRecord } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { PayRunInputs } from '../payroll/pay-run-inputs.js';
import { PayRunReader } from '../payroll/pay-run.queries.js';
import { RuleBookReader } from '../rules/rule-book-reader.js';
import type { RequestContext } from '../shared/request-context.js';
import { InvoiceInputs } from './invoice-inputs.js';
import { InvoiceIssuer, type DraftedDocument, type InvoiceRunDocument } from './invoice-issuer.js';

/** A hirer whose invoicing a rule refused in a run for every hirer; the others are invoiced all the same. */
export interface RefusedHirer {
  employerId: string;
  code: string;
  reason: string;
}

export interface InvoiceRunAnswer {
  periodId: string;
  /** Each hirer's credit note (first) and invoice, issued now or found issued before. */
  documents: InvoiceRunDocument[];
  refused: RefusedHirer[];
  /** Global position of the last document issued now: waitFor to read every one. Absent when nothing was issued. */
  position?: string;
}

/**
 * Invoices a period whose pay run is final: one hirer, or every hirer whose hours (or differences)
 * the run pays. Operators only.
 */
export class InvoicePeriodCommand extends Command<InvoiceRunAnswer> {
  constructor(
    readonly periodId: string,
    readonly employerId: string | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * Each hirer in turn: its documents for the period found in the invoices read model answer the run
 * (a period is never invoiced twice); otherwise its documents are drafted from the run's read model
 * and numbered and issued, the credit note before the invoice. The read models are caught up to the
 * head of the feed first, so every approval, run and earlier document is seen. In a run for every
 * hirer, a hirer a rule refuses (no rate agreed for a day, …) is listed with the reason; for one
 * hirer, the refusal is the answer.
 */
@CommandHandler(InvoicePeriodCommand)
export class InvoicePeriodHandler implements ICommandHandler<InvoicePeriodCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payRuns: PayRunReader,
    private readonly payRunInputs: PayRunInputs,
    private readonly rules: RuleBookReader,
    private readonly inputs: InvoiceInputs,
    private readonly issuer: InvoiceIssuer,
  ) {}

  async execute({ periodId, employerId, context }: InvoicePeriodCommand): Promise<InvoiceRunAnswer> {
    if (context.expectedVersion !== undefined) {
      throw new BadRequestException('If-Match does not apply to an invoice run: each number is taken at the ledger’s current version');
    }
    const run = await this.finalRun(periodId);
    const hirers = await employersOfRun(this.dataSource, run);
    if (employerId !== undefined && !hirers.includes(employerId)) {
      refuse('nothing_to_invoice', `Pay run ${run.payRunId} pays no hours of hirer ${employerId}: there is nothing to invoice it.`);
    }
    const issuedOn = localDateOf(new Date());
    const rules = await this.rules.read();
    const answer: InvoiceRunAnswer = { periodId: run.payRunId, documents: [], refused: [] };
    for (const hirer of employerId === undefined ? hirers : [employerId]) {
      try {
        answer.documents.push(...(await this.invoiceHirer(run, hirer, issuedOn, rules, context)));
      } catch (error) {
        if (employerId !== undefined || !(error instanceof DomainError)) throw error;
        answer.refused.push({ employerId: hirer, code: error.code, reason: error.message });
      }
    }
    if (employerId !== undefined && answer.documents.length === 0) {
      refuse('nothing_to_invoice', `Pay run ${run.payRunId} changes nothing billable for hirer ${employerId}: no document to issue.`);
    }
    const position = answer.documents.findLast((document) => document.position !== undefined)?.position;
    return position === undefined ? answer : { ...answer, position };
  }

  /** The period's run once it is final (422 before), with the read models holding everything committed before this run. */
  private async finalRun(periodId: string): Promise<PayRunRecord> {
    const payRunId = this.payRuns.periodIdOf(periodId);
    await this.payRunInputs.caughtUp();
    const run = await findPayRun(this.dataSource, payRunId);
    if (run?.status !== 'finalized') {
      refuse(
        'pay_run_not_final',
        `Period ${payRunId} ${run ? 'has a pay run that is not finalized' : 'has no pay run'}: only the hours of a finalized run are invoiced.`,
      );
    }
    return run;
  }

  private async invoiceHirer(
    run: PayRunRecord,
    employerId: string,
    issuedOn: LocalDate,
    rules: RuleBook,
    context: RequestContext,
  ): Promise<InvoiceRunDocument[]> {
    const earlier = await listInvoices(this.dataSource, { employerId, periodId: run.payRunId, limit: 10, offset: 0 });
    // The invoice is issued last: once it is there, so is everything the period's invoicing issues.
    if (earlier.items.some((document) => document.kind === 'invoice')) {
      return earlier.items.map(({ invoiceId, number, kind, periodId, totals }) => ({
        invoiceId,
        number,
        kind,
        employerId,
        periodId,
        totals,
        issued: false,
      }));
    }
    const draft = draftInvoice(await this.inputs.of(run, employerId, issuedOn, rules));
    const drafted: DraftedDocument[] = [
      ...(draft.creditNote ? [{ kind: 'credit_note' as const, draft: draft.creditNote }] : []),
      ...(draft.invoice ? [{ kind: 'invoice' as const, draft: draft.invoice }] : []),
    ];
    const year = Number(issuedOn.slice(0, 4));
    const documents: InvoiceRunDocument[] = [];
    for (const document of drafted) documents.push(await this.issuer.issue(year, document, context));
    return documents;
  }
}
