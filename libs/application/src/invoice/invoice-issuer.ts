import { Injectable } from '@nestjs/common';
import {
  assignedInvoiceNumber,
  DomainError,
  invoiceDecider,
  invoiceLedgerDecider,
  invoiceLedgerStreamId,
  invoiceNumberOf,
  invoiceStreamId,
  type AssignInvoiceNumber,
  type CreditNoteDraft,
  type InvoiceCommand,
  type InvoiceDocumentDraft,
  type InvoiceIssued,
  type InvoiceKind,
  type InvoiceNumberAssignment,
  type InvoiceState,
} from '@banenpool/domain';
import { WrongExpectedVersionError } from '@banenpool/event-store';
import type { RequestContext } from '../shared/request-context.js';
import { UseCaseExecutor } from '../shared/use-case-executor.js';

/** A drafted document of one kind, to be numbered and issued. */
export type DraftedDocument = { kind: 'invoice'; draft: InvoiceDocumentDraft } | { kind: 'credit_note'; draft: CreditNoteDraft };

/** A document of a run's answer: issued now, or found issued by an earlier (or a concurrent) run of the period. */
export interface InvoiceRunDocument {
  invoiceId: string;
  number: string;
  kind: InvoiceKind;
  employerId: string;
  periodId: string;
  totals: InvoiceIssued['data']['totals'];
  /** false: it was issued before, and is answered as it is; never a second document. */
  issued: boolean;
  /** Global position of its InvoiceIssued/CreditNoteIssued when issued now: waitFor to read it. */
  position?: string;
}

/**
 * Rounds of taking a number while other runs take theirs: each round the executor reads the
 * ledger and appends at its revision (three tries), and one of the runs racing for a number wins
 * each time, so 20 runs at once need at most 20 rounds.
 */
const LEDGER_ROUNDS = 40;
const MAX_BACKOFF_MS = 25;

/**
 * Numbers and issues documents. A number is taken in the year's ledger at its current revision, so
 * two runs never take one number and none is skipped; the document is then appended to its own new
 * stream. Should the process die between the two, the number stays with the hirer, kind and
 * period in the ledger, and the next run of that period finds it there (already_invoiced) and
 * issues the same draft under it: the series keeps no gap.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(private readonly executor: UseCaseExecutor) {}

  async issue(year: number, document: DraftedDocument, context: RequestContext): Promise<InvoiceRunDocument> {
    const { employerId, periodId } = document.draft;
    const assignment = await this.numberFor({ type: 'AssignInvoiceNumber', year, kind: document.kind, employerId, periodId }, context);
    return this.append(assignment, document, context);
  }

  /** The number the ledger gives the document: a new one, or the one an earlier run took for it. */
  private async numberFor(command: AssignInvoiceNumber, context: RequestContext): Promise<InvoiceNumberAssignment> {
    const ledgerId = invoiceLedgerStreamId(command.year);
    for (let round = 1; ; round++) {
      const read = lastRead(invoiceLedgerDecider.initialState, command);
      try {
        await this.executor.step(invoiceLedgerDecider, ledgerId, read.decideOn, context);
        return invoiceLedgerDecider.decide(command, read.state, new Date())[0].data;
      } catch (error) {
        const taken = isRefusal(error, 'already_invoiced') ? assignedInvoiceNumber(read.state, command) : undefined;
        if (taken) return taken;
        if (!(error instanceof WrongExpectedVersionError) || round >= LEDGER_ROUNDS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * MAX_BACKOFF_MS));
      }
    }
  }

  /** The document under its number, in a stream that must not exist yet; one that does holds this very document. */
  private async append(
    assignment: InvoiceNumberAssignment,
    { kind, draft }: DraftedDocument,
    context: RequestContext,
  ): Promise<InvoiceRunDocument> {
    const { invoiceId, year, sequence } = assignment;
    const numbered = { invoiceId, year, sequence, by: context.caller.label };
    const command: InvoiceCommand =
      kind === 'invoice' ? { type: 'IssueInvoice', ...numbered, draft } : { type: 'IssueCreditNote', ...numbered, draft };
    const read = lastRead(invoiceDecider.initialState, command);
    try {
      const accepted = await this.executor.step(invoiceDecider, invoiceStreamId(year, sequence), read.decideOn, context);
      const { employerId, periodId, totals } = draft;
      const number = invoiceNumberOf(year, sequence);
      return { invoiceId, number, kind, employerId, periodId, totals, issued: true, position: accepted.position };
    } catch (error) {
      if (!isRefusal(error, 'invoice_exists') || read.state.status === 'none') throw error;
      return foundDocument(read.state);
    }
  }
}

/** A command for the executor that keeps the state it was decided on in its last try: what a refusal or the append was about. */
function lastRead<State, Command>(initial: State, command: Command): { state: State; decideOn: (state: State) => Command } {
  const read = {
    state: initial,
    decideOn: (state: State) => {
      read.state = state;
      return command;
    },
  };
  return read;
}

const isRefusal = (error: unknown, code: string): boolean => error instanceof DomainError && error.code === code;

/** A document as its stream holds it, for a run's answer. */
function foundDocument(state: Exclude<InvoiceState, { status: 'none' }>): InvoiceRunDocument {
  const { invoiceId, number, employerId, periodId, totals } = state.document;
  return { invoiceId, number, kind: state.kind, employerId, periodId, totals, issued: false };
}
