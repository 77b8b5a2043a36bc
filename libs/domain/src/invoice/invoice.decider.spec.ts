import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import { difference, invoiceInput, issuedCreditNote, issuedInvoice, P03, payLine } from './invoice.fixtures.js';
import type { InvoiceCommand } from './invoice.commands.js';
import { invoiceDecider, type InvoiceDocumentEvent } from './invoice.decider.js';
import { draftInvoice } from './invoice-lines.js';

// Visschedijk's invoice 2026-00001 for 2026-P02: 8 h at 1.85 × €128.00 = €236.80 net, €49.73 VAT, €286.53 in total.
const paid = [payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800 })];
const { invoice: draft } = draftInvoice(invoiceInput({ lines: paid }));
const issued = issuedInvoice(draft, 1);
const { creditNote } = draftInvoice(
  invoiceInput({ payRunId: P03.id, period: P03, differences: [difference('2026-P02', paid, [])], earlier: [issued] }),
);
const credited = issuedCreditNote(creditNote, 2);

const issue: InvoiceCommand = { type: 'IssueInvoice', invoiceId: 'inv-1', year: 2026, sequence: 1, draft: draft!, by: 'operator:ops' };
const sent: InvoiceDocumentEvent = { type: 'InvoiceSent', data: { invoiceId: 'inv-1', sentOn: '2026-03-02', by: 'operator:ops' } };
const pay = (amountCents: number, toGAccountCents = 0): InvoiceCommand => ({
  type: 'RecordInvoicePayment',
  amountCents,
  toGAccountCents,
  paidOn: '2026-03-20',
  by: 'operator:ops',
});
const paidEvent = (amountCents: number, toGAccountCents = 0): InvoiceDocumentEvent => ({
  type: 'InvoicePaid',
  data: { invoiceId: 'inv-1', amountCents, toGAccountCents, paidOn: '2026-03-20', by: 'operator:ops' },
});

describe('invoice', () => {
  describe('IssueInvoice', () => {
    it('issues the draft under its number of the year', () => {
      expect(draft!.totals).toEqual({ netCents: 23_680, vatCents: 4973, totalCents: 28_653, gAccountCents: 0 });
      given(invoiceDecider, [])
        .when(issue)
        .then([
          {
            type: 'InvoiceIssued',
            data: { ...draft!, invoiceId: 'inv-1', number: '2026-00001', year: 2026, sequence: 1, by: 'operator:ops' },
          },
        ]);
    });

    it('refuses a second issue under the same number (409)', () =>
      given(invoiceDecider, [issued]).when(issue).thenRefused('invoice_exists', { kind: 'conflict', message: '2026-00001' }));

    it('refuses totals that are not its lines’', () =>
      given(invoiceDecider, [])
        .when({ ...issue, draft: { ...draft!, totals: { ...draft!.totals, vatCents: 4972 } } })
        .thenRefused('invalid_totals'));

    it('refuses a line whose amount is not its sources at its rate', () =>
      given(invoiceDecider, [])
        .when({ ...issue, draft: { ...draft!, lines: [{ ...draft!.lines[0], amountCents: 23_681 }] } })
        .thenRefused('invalid_totals'));

    it('refuses an invoice without lines', () =>
      given(invoiceDecider, [])
        .when({ ...issue, draft: { ...draft!, lines: [] } })
        .thenRefused('empty_invoice'));

    it('refuses a number that is not a year and a sequence from 1', () =>
      given(invoiceDecider, [])
        .when({ ...issue, sequence: 0 })
        .thenRefused('invalid_invoice_number'));
  });

  describe('IssueCreditNote', () => {
    it('issues the credit note with negative totals, the lines it credits and why', () => {
      expect(creditNote).toMatchObject({
        totals: { netCents: -23_680, vatCents: -4973, totalCents: -28_653, gAccountCents: 0 },
        corrects: [{ invoiceId: 'inv-1', lineIndices: [0] }],
      });
      given(invoiceDecider, [])
        .when({ type: 'IssueCreditNote', invoiceId: 'inv-2', year: 2026, sequence: 2, draft: creditNote!, by: 'operator:ops' })
        .then([
          {
            type: 'CreditNoteIssued',
            data: { ...creditNote!, invoiceId: 'inv-2', number: '2026-00002', year: 2026, sequence: 2, by: 'operator:ops' },
          },
        ]);
    });

    it('refuses a credit note that does not name each line it credits', () =>
      given(invoiceDecider, [])
        .when({
          type: 'IssueCreditNote',
          invoiceId: 'inv-2',
          year: 2026,
          sequence: 2,
          draft: { ...creditNote!, corrects: [] },
          by: 'operator:ops',
        })
        .thenRefused('invalid_credit_note'));
  });

  describe('SendInvoice', () => {
    const send: InvoiceCommand = { type: 'SendInvoice', sentOn: '2026-03-02', by: 'operator:ops' };

    it('records the sending', () => given(invoiceDecider, [issued]).when(send).then([sent]));

    it('sends a credit note too', () =>
      given(invoiceDecider, [credited])
        .when(send)
        .then([{ type: 'InvoiceSent', data: { invoiceId: 'inv-2', sentOn: '2026-03-02', by: 'operator:ops' } }]));

    it('refuses a document that was not issued (404)', () =>
      given(invoiceDecider, []).when(send).thenRefused('invoice_not_found', { kind: 'not_found' }));

    it('refuses a second sending (409)', () =>
      given(invoiceDecider, [issued, sent]).when(send).thenRefused('invoice_already_sent', { kind: 'conflict' }));

    it('refuses a day before the issue', () =>
      given(invoiceDecider, [issued])
        .when({ ...send, sentOn: '2026-02-28' })
        .thenRefused('sent_before_issue'));
  });

  describe('RecordInvoicePayment', () => {
    it('records a part payment, of which some reached the G-account', () =>
      given(invoiceDecider, [issued, sent])
        .when(pay(10_000, 2500))
        .then([paidEvent(10_000, 2500)]));

    it('keeps what is paid and what is open', () => {
      const state = fold(invoiceDecider, [issued, sent, paidEvent(10_000, 2500), paidEvent(5000)]);
      expect(state).toMatchObject({ kind: 'invoice', sentOn: '2026-03-02', paidCents: 15_000, toGAccountCents: 2500, openCents: 13_653 });
    });

    it('accepts the rest, to the cent', () =>
      given(invoiceDecider, [issued, paidEvent(10_000)])
        .when(pay(18_653))
        .then([paidEvent(18_653)]));

    it('refuses a payment beyond what is open', () =>
      given(invoiceDecider, [issued, paidEvent(10_000)])
        .when(pay(18_654))
        .thenRefused('payment_exceeds_open', { message: '18653 cents open' }));

    it('refuses a payment of an invoice paid in full (409)', () =>
      given(invoiceDecider, [issued, paidEvent(28_653)])
        .when(pay(1))
        .thenRefused('invoice_paid', { kind: 'conflict' }));

    it('refuses a payment of nothing', () => given(invoiceDecider, [issued]).when(pay(0)).thenRefused('invalid_amount'));

    it('refuses more to the G-account than was paid', () =>
      given(invoiceDecider, [issued]).when(pay(100, 101)).thenRefused('invalid_g_account_amount'));

    it('refuses a payment before the invoice was issued', () =>
      given(invoiceDecider, [issued])
        .when({ ...pay(100), paidOn: '2026-02-01' } as InvoiceCommand)
        .thenRefused('paid_before_issue'));

    it('refuses to record a credit note as paid by the hirer', () =>
      given(invoiceDecider, [credited]).when(pay(100)).thenRefused('credit_note_not_payable'));

    it('refuses a payment of an invoice that was not issued (404)', () =>
      given(invoiceDecider, []).when(pay(100)).thenRefused('invoice_not_found', { kind: 'not_found' }));
  });
});
