import fc from 'fast-check';
import { fold } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { given, SPEC_NOW } from '../shared/given-when-then.js';
import type { AssignInvoiceNumber } from './invoice.commands.js';
import { INVOICE_KINDS, type InvoiceNumberAssigned } from './invoice.events.js';
import { assignedInvoiceNumber, invoiceLedgerDecider, invoiceNumbersOf, type InvoiceLedgerState } from './invoice-ledger.decider.js';

const assign = (employerId: string, periodId = '2026-P02', kind: AssignInvoiceNumber['kind'] = 'invoice'): AssignInvoiceNumber => ({
  type: 'AssignInvoiceNumber',
  year: 2026,
  kind,
  employerId,
  periodId,
});
const assigned = (
  sequence: number,
  employerId: string,
  periodId = '2026-P02',
  kind: AssignInvoiceNumber['kind'] = 'invoice',
): InvoiceNumberAssigned => ({
  type: 'InvoiceNumberAssigned',
  data: { year: 2026, sequence, invoiceId: `2026-${String(sequence).padStart(5, '0')}`, kind, employerId, periodId },
});

describe('invoice number ledger', () => {
  it('gives the year’s first document number 1, its id the number', () =>
    given(invoiceLedgerDecider, [])
      .when(assign('visschedijk'))
      .then([assigned(1, 'visschedijk')]));

  it('gives the next document the count + 1', () =>
    given(invoiceLedgerDecider, [assigned(1, 'visschedijk'), assigned(2, 'bakkerij')])
      .when(assign('jansen'))
      .then([assigned(3, 'jansen')]));

  it('takes the invoice id the application names', () =>
    given(invoiceLedgerDecider, [])
      .when({ ...assign('visschedijk'), invoiceId: 'inv-a' })
      .then([{ type: 'InvoiceNumberAssigned', data: { ...assigned(1, 'visschedijk').data, invoiceId: 'inv-a' } }]));

  it('refuses a second invoice of the same hirer for the same period (409 already_invoiced), naming the number it has', () =>
    given(invoiceLedgerDecider, [assigned(1, 'visschedijk'), assigned(2, 'bakkerij')])
      .when(assign('visschedijk'))
      .thenRefused('already_invoiced', { kind: 'conflict', message: '2026-00001' }));

  it('numbers a credit note of the same hirer and period: another kind of document', () =>
    given(invoiceLedgerDecider, [assigned(1, 'visschedijk')])
      .when(assign('visschedijk', '2026-P02', 'credit_note'))
      .then([assigned(2, 'visschedijk', '2026-P02', 'credit_note')]));

  it('refuses a number of another year', () =>
    given(invoiceLedgerDecider, [assigned(1, 'visschedijk')])
      .when({ ...assign('bakkerij'), year: 2027 })
      .thenRefused('invoice_year_mismatch'));

  it('refuses an invoice id that has a number already (409)', () =>
    given(invoiceLedgerDecider, [assigned(1, 'visschedijk')])
      .when({ ...assign('bakkerij'), invoiceId: '2026-00001' })
      .thenRefused('invoice_id_taken', { kind: 'conflict' }));

  it('lets a retry find the number its document got', () => {
    const state = fold(invoiceLedgerDecider, [assigned(1, 'visschedijk'), assigned(2, 'bakkerij'), assigned(3, 'visschedijk', '2026-P03')]);
    expect(assignedInvoiceNumber(state, { kind: 'invoice', employerId: 'bakkerij', periodId: '2026-P02' })).toMatchObject({ sequence: 2 });
    expect(assignedInvoiceNumber(state, { kind: 'credit_note', employerId: 'bakkerij', periodId: '2026-P02' })).toBeUndefined();
  });

  it('numbers gaplessly and uniquely, and never twice for one hirer, period and kind, whatever is asked in whatever order', () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            employerId: fc.constantFrom('visschedijk', 'bakkerij', 'jansen'),
            periodId: fc.constantFrom('2026-P01', '2026-P02'),
            kind: fc.constantFrom(...INVOICE_KINDS),
          }),
          { maxLength: 30 },
        ),
        (requests) => {
          // Appended one by one at the ledger's revision, as the application does.
          let state: InvoiceLedgerState = invoiceLedgerDecider.initialState;
          for (const { employerId, periodId, kind } of requests) {
            try {
              state = invoiceLedgerDecider
                .decide(assign(employerId, periodId, kind), state, SPEC_NOW)
                .reduce(invoiceLedgerDecider.evolve, state);
            } catch (error) {
              expect(error).toMatchObject({ code: 'already_invoiced' });
              expect(error).toBeInstanceOf(DomainError);
            }
          }
          const numbers = invoiceNumbersOf(state);
          expect(numbers.map((a) => a.sequence)).toEqual(numbers.map((_, i) => i + 1));
          expect(new Set(numbers.map((a) => a.invoiceId)).size).toBe(numbers.length);
          const documents = new Set(requests.map((r) => `${r.employerId} ${r.periodId} ${r.kind}`));
          expect(numbers.map((a) => `${a.employerId} ${a.periodId} ${a.kind}`).sort()).toEqual([...documents].sort());
        },
      ),
    ));
});
