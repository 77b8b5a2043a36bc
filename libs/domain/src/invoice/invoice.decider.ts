import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireCents, requireDate, requireText } from '../shared/guards.js';
import type { LocalDate } from '../shared/local-date.js';
import type { IssueCreditNote, IssueInvoice, InvoiceCommand, RecordInvoicePayment, SendInvoice } from './invoice.commands.js';
import { invoiceNumberOf, type CreditNoteIssued, type InvoiceIssued, type InvoicePaid, type InvoiceSent } from './invoice.events.js';
import type { CreditNoteDraft, InvoiceDocumentDraft } from './invoice-lines.js';
import { lineAmountCents, netOf, invoiceTotalsOf } from './invoice-pricing.js';

/** The events of one document's stream, `invoice-<year>-<n>` (its number lives in the year's ledger). */
export type InvoiceDocumentEvent = InvoiceIssued | CreditNoteIssued | InvoiceSent | InvoicePaid;

interface IssuedRecord {
  readonly status: 'issued';
  readonly invoiceId: string;
  readonly employerId: string;
  readonly sentOn?: LocalDate;
}

/** An invoice as it stands: what the hirer paid of it, how much of that reached the G-account, and what is open. */
export type IssuedInvoice = IssuedRecord & {
  readonly kind: 'invoice';
  readonly document: InvoiceIssued['data'];
  readonly paidCents: number;
  readonly toGAccountCents: number;
  readonly openCents: number;
};

/** A credit note: never paid by the hirer, it lowers what the hirer owes. */
export type IssuedCreditNote = IssuedRecord & { readonly kind: 'credit_note'; readonly document: CreditNoteIssued['data'] };

export type InvoiceState = { readonly status: 'none' } | IssuedInvoice | IssuedCreditNote;

const MIN_YEAR = 2000;
const MAX_YEAR = 9999;

export const invoiceDecider: Decider<InvoiceCommand, InvoiceDocumentEvent, InvoiceState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    switch (event.type) {
      case 'InvoiceIssued': {
        const { invoiceId, employerId, totals } = event.data;
        const paid = { paidCents: 0, toGAccountCents: 0, openCents: totals.totalCents };
        return { status: 'issued', kind: 'invoice', invoiceId, employerId, document: event.data, ...paid };
      }
      case 'CreditNoteIssued': {
        const { invoiceId, employerId } = event.data;
        return { status: 'issued', kind: 'credit_note', invoiceId, employerId, document: event.data };
      }
      case 'InvoiceSent':
        return state.status === 'issued' ? { ...state, sentOn: event.data.sentOn } : state;
      case 'InvoicePaid': {
        if (state.status !== 'issued' || state.kind !== 'invoice') return state;
        const { amountCents, toGAccountCents } = event.data;
        return {
          ...state,
          paidCents: state.paidCents + amountCents,
          toGAccountCents: state.toGAccountCents + toGAccountCents,
          openCents: state.openCents - amountCents,
        };
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'IssueInvoice':
        return [{ type: 'InvoiceIssued', data: issued(command, state, 1) }];
      case 'IssueCreditNote': {
        const document = issued(command, state, -1);
        requireCorrections(command.draft);
        const { corrects, reasons } = command.draft;
        const data = { ...document, corrects: corrects.map((c) => ({ ...c, lineIndices: [...c.lineIndices] })), reasons: [...reasons] };
        return [{ type: 'CreditNoteIssued', data }];
      }
      case 'SendInvoice':
        return sending(command, existing(state));
      case 'RecordInvoicePayment':
        return payment(command, existing(state));
      default:
        return assertNever(command);
    }
  },
};

/** The document's data: the draft under its number. `sign` is 1 for an invoice, −1 for a credit note (negative totals). */
function issued(command: IssueInvoice | IssueCreditNote, state: InvoiceState, sign: 1 | -1): InvoiceIssued['data'] {
  const { invoiceId, year, sequence, draft, by } = command;
  const number = invoiceNumberOf(year, sequence);
  if (state.status !== 'none') conflict('invoice_exists', `Number ${number} was issued already, as ${state.document.invoiceId}.`);
  requireText(invoiceId, 'The invoice id');
  requireText(by, 'Who issues the document');
  if (![year, sequence].every(Number.isInteger) || year < MIN_YEAR || year > MAX_YEAR || sequence < 1) {
    refuse('invalid_invoice_number', `An invoice number is a year from ${MIN_YEAR} and a sequence from 1, not ${year} and ${sequence}.`);
  }
  requireSoundDraft(draft, sign);
  return { ...draft, lines: [...draft.lines], invoiceId, number, year, sequence, by };
}

function requireSoundDraft(draft: InvoiceDocumentDraft | CreditNoteDraft, sign: 1 | -1): void {
  requireText(draft.employerId, 'The hirer');
  requireText(draft.periodId, 'The period');
  requireText(draft.payRunId, 'The pay run');
  requireDate(draft.issuedOn, 'The issue date');
  requireDate(draft.dueOn, 'The due date');
  if (draft.dueOn < draft.issuedOn) refuse('invalid_due_date', `The due date ${draft.dueOn} lies before the issue date ${draft.issuedOn}.`);
  if (draft.lines.length === 0) refuse('empty_invoice', 'A document without lines bills nothing; there is nothing to issue.');
  const wrongLine = draft.lines.findIndex((line) => line.amountCents !== lineAmountCents(line, line.sources));
  if (wrongLine >= 0) refuse('invalid_totals', `Line ${wrongLine}'s amount is not its sources at its rate, rounded as the invoice states.`);
  const net = netOf(draft.lines);
  const totals = invoiceTotalsOf(sign === 1 ? net : 0 - net, draft.vat.bp, draft.gAccountShareBp);
  if (JSON.stringify(totals) !== JSON.stringify(draft.totals)) {
    refuse('invalid_totals', `The totals ${JSON.stringify(draft.totals)} are not the lines' (${JSON.stringify(totals)}).`);
  }
}

// A credit note says which lines it credits and why: as many lines as it names, and at least one reason.
function requireCorrections({ corrects, reasons, lines }: CreditNoteDraft): void {
  const named = corrects.reduce((total, c) => total + c.lineIndices.length, 0);
  if (corrects.length === 0 || reasons.length === 0 || named !== lines.length) {
    refuse(
      'invalid_credit_note',
      `A credit note names each line it credits (${lines.length} lines, ${named} named) and why it credits them.`,
    );
  }
}

function existing(state: InvoiceState): IssuedInvoice | IssuedCreditNote {
  if (state.status === 'none') notFound('invoice_not_found', 'No document was issued under this number.');
  return state;
}

function sending({ sentOn, by }: SendInvoice, state: IssuedInvoice | IssuedCreditNote): InvoiceSent[] {
  requireText(by, 'Who sends the document');
  requireDate(sentOn, 'The day it was sent');
  if (state.sentOn !== undefined) conflict('invoice_already_sent', `Document ${state.document.number} was sent on ${state.sentOn}.`);
  if (sentOn < state.document.issuedOn) {
    refuse('sent_before_issue', `Document ${state.document.number} was issued on ${state.document.issuedOn}, after ${sentOn}.`);
  }
  return [{ type: 'InvoiceSent', data: { invoiceId: state.invoiceId, sentOn, by } }];
}

function payment(command: RecordInvoicePayment, state: IssuedInvoice | IssuedCreditNote): InvoicePaid[] {
  const { amountCents, toGAccountCents = 0, paidOn, reference, by } = command;
  const { number, issuedOn } = state.document;
  if (state.kind === 'credit_note') {
    refuse('credit_note_not_payable', `${number} is a credit note: it lowers what the hirer owes and is not paid by the hirer.`);
  }
  requireText(by, 'Who records the payment');
  requireCents(amountCents, 'The amount paid');
  if (!Number.isInteger(toGAccountCents) || toGAccountCents < 0 || toGAccountCents > amountCents) {
    refuse('invalid_g_account_amount', `The part paid to the G-account must be 0 to ${amountCents} cents, not ${toGAccountCents}.`);
  }
  requireDate(paidOn, 'The payment date');
  if (paidOn < issuedOn) refuse('paid_before_issue', `Invoice ${number} was issued on ${issuedOn}, after ${paidOn}.`);
  if (reference !== undefined) requireText(reference, 'The payment reference');
  if (state.openCents <= 0) conflict('invoice_paid', `Invoice ${number} is paid in full; nothing is open.`);
  if (amountCents > state.openCents) {
    refuse('payment_exceeds_open', `Invoice ${number} has ${state.openCents} cents open; a payment of ${amountCents} cents exceeds it.`);
  }
  const data = { invoiceId: state.invoiceId, amountCents, toGAccountCents, paidOn, ...(reference !== undefined && { reference }), by };
  return [{ type: 'InvoicePaid', data }];
}
