import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, refuse } from '../shared/domain-error.js';
import { requireText } from '../shared/guards.js';
import type { InvoiceLedgerCommand, AssignInvoiceNumber } from './invoice.commands.js';
import { INVOICE_KINDS, invoiceNumberOf, type InvoiceKind, type InvoiceNumberAssigned } from './invoice.events.js';

export type InvoiceNumberAssignment = InvoiceNumberAssigned['data'];

/**
 * The assignments, newest first, as a chain each event extends without copying: a year holds
 * thousands, and folding them into a copied array or map would cost the square of that.
 */
interface Assigned {
  readonly assignment: InvoiceNumberAssignment;
  readonly earlier?: Assigned;
}

export type InvoiceLedgerState =
  { readonly status: 'none' } | { readonly status: 'numbering'; readonly year: number; readonly count: number; readonly latest: Assigned };

/** Which document of a hirer for a period: one of each kind at most. */
export interface InvoicedPeriod {
  readonly kind: InvoiceKind;
  readonly employerId: string;
  readonly periodId: string;
}

const MIN_YEAR = 2000;
const MAX_YEAR = 9999;

/**
 * The year's numbers: the next is the count + 1, and the application appends it at the ledger's
 * revision, so two concurrent runs can never take one number and none is skipped (a conflict
 * decides again on the newer ledger).
 */
export const invoiceLedgerDecider: Decider<InvoiceLedgerCommand, InvoiceNumberAssigned, InvoiceLedgerState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    switch (event.type) {
      case 'InvoiceNumberAssigned': {
        const latest = { assignment: event.data, earlier: state.status === 'none' ? undefined : state.latest };
        return { status: 'numbering', year: event.data.year, count: event.data.sequence, latest };
      }
      default:
        return assertNever(event.type);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'AssignInvoiceNumber':
        return assignment(command, state);
      default:
        return assertNever(command.type);
    }
  },
};

function assignment(command: AssignInvoiceNumber, state: InvoiceLedgerState): InvoiceNumberAssigned[] {
  const { year, kind, employerId, periodId } = command;
  requireSoundCommand(command);
  if (state.status === 'numbering' && state.year !== year) {
    refuse('invoice_year_mismatch', `This is the ledger of ${state.year}; a number of ${year} comes from that year's ledger.`);
  }
  const taken = assignedInvoiceNumber(state, command);
  if (taken !== undefined) {
    conflict(
      'already_invoiced',
      `Hirer ${employerId} already has ${kind === 'invoice' ? 'an invoice' : 'a credit note'} for period ${periodId}: ` +
        `number ${invoiceNumberOf(taken.year, taken.sequence)} (${taken.invoiceId}).`,
    );
  }
  const sequence = (state.status === 'none' ? 0 : state.count) + 1;
  const invoiceId = command.invoiceId ?? invoiceNumberOf(year, sequence);
  const holder = invoiceNumbersOf(state).find((a) => a.invoiceId === invoiceId);
  if (holder !== undefined) {
    conflict('invoice_id_taken', `Invoice id ${invoiceId} already has number ${invoiceNumberOf(holder.year, holder.sequence)}.`);
  }
  return [{ type: 'InvoiceNumberAssigned', data: { year, sequence, invoiceId, kind, employerId, periodId } }];
}

function requireSoundCommand({ year, kind, employerId, periodId, invoiceId }: AssignInvoiceNumber): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    refuse('invalid_year', `An invoice year is a whole year from ${MIN_YEAR} to ${MAX_YEAR}, not ${year}.`);
  }
  if (!INVOICE_KINDS.includes(kind)) refuse('invalid_invoice_kind', `A document is an ${INVOICE_KINDS.join(' or a ')}, not "${kind}".`);
  requireText(employerId, 'The hirer');
  requireText(periodId, 'The period');
  if (invoiceId !== undefined) requireText(invoiceId, 'The invoice id');
}

/** The number the hirer's document of that kind for the period got, if any: how a retry finds its number. */
export function assignedInvoiceNumber(
  state: InvoiceLedgerState,
  { kind, employerId, periodId }: InvoicedPeriod,
): InvoiceNumberAssignment | undefined {
  for (let at = state.status === 'none' ? undefined : state.latest; at !== undefined; at = at.earlier) {
    const { assignment } = at;
    if (assignment.kind === kind && assignment.employerId === employerId && assignment.periodId === periodId) return assignment;
  }
  return undefined;
}

/** Every number of the year, in order. */
export function invoiceNumbersOf(state: InvoiceLedgerState): InvoiceNumberAssignment[] {
  const assignments: InvoiceNumberAssignment[] = [];
  for (let at = state.status === 'none' ? undefined : state.latest; at !== undefined; at = at.earlier) assignments.push(at.assignment);
  return assignments.reverse();
}
