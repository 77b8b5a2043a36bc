import { STACK_KINDS } from '@banenpool/testing';
import { invoiceDocument, invoiceLinesOf, monthPay, placements, timesheetLine } from '../shared/pool-scenario.fixtures.js';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { InvoiceRow } from './invoices.entity.js';
import { invoicesProjection } from './invoices.projection.js';
import { findInvoice, invoicesOfEmployer, listInvoices } from './invoices.query.js';

const W45_SHIFT = (day: string) => ({ ...timesheetLine(day, '08:00', '16:30'), breakMinutes: 30 });
const novemberLines = invoiceLinesOf(
  '2026-11',
  monthPay('2026-11', placements.cemWinter, [{ week: '2026-W45', lines: ['2026-11-02', '2026-11-03', '2026-11-04'].map(W45_SHIFT) }]),
);
const decemberLines = invoiceLinesOf(
  '2026-12',
  monthPay('2026-12', placements.annaWinter, [{ week: '2026-W50', lines: [timesheetLine('2026-12-07', '09:00', '17:00')] }]),
);
const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);
const page = { limit: 10, offset: 0 };

describe.each(STACK_KINDS)('invoices on %s', (kind) => {
  let harness: ReadModelHarness;
  const db = () => harness.dataSource;
  const numbersOf = async (filter: Parameters<typeof listInvoices>[1]) => (await listInvoices(db(), filter)).items.map((i) => i.number);

  beforeAll(async () => {
    harness = await openHarness(kind, invoicesProjection);
  });
  afterAll(() => harness?.close());

  it('holds no document before the first invoice', async () => {
    expect(await listInvoices(db(), page)).toEqual({ items: [], total: 0, ...page });
    expect(await findInvoice(db(), '2026-00001')).toBeUndefined();
  });

  it('folds an invoice that was sent and paid in part: its lines, totals, what is paid and open', async () => {
    await harness.part2();
    const net = sum(novemberLines.map((line) => line.amountCents));
    const vat = Math.floor((net * 2100 + 5000) / 10000);
    const total = net + vat;
    expect(await findInvoice(db(), '2026-00001')).toEqual({
      invoiceId: '2026-00001',
      number: '2026-00001',
      year: 2026,
      sequence: 1,
      kind: 'invoice',
      employerId: 'visschedijk',
      periodId: '2026-11',
      payRunId: '2026-11',
      issuedOn: '2026-12-01',
      dueOn: '2026-12-31',
      sentOn: '2026-12-02',
      status: 'part_paid',
      totals: { netCents: net, vatCents: vat, totalCents: total, gAccountCents: Math.floor((total * 2500 + 5000) / 10000) },
      paid: { cents: 10000, toGAccountCents: 2500 },
      openCents: total - 10000,
      vat: { bp: 2100, rule: { table: 'vat', effectiveFrom: '2020-01-01', revision: 1 } },
      gAccountShareBp: 2500,
      lines: novemberLines,
      payments: [{ amountCents: 10000, toGAccountCents: 2500, paidOn: '2026-12-20', by: 'operator:demo' }],
      issuedBy: 'operator:demo',
      // Issued, sent, paid: revisions 0 to 2.
      version: 2,
    });
    expect(novemberLines).toEqual([
      expect.objectContaining({ placementId: 'cem-winter', workerId: 'cem', hourType: 'normal', minutes: 3 * 8 * 60 }),
    ]);
  });

  it('folds a credit note with what it corrects, and a payment in full, also across batches', async () => {
    const reasons = [{ kind: 'timesheet_corrected' as const, timesheetId: 'cem-winter-2026-W45', version: 2 }];
    await harness.append(
      invoiceDocument({
        year: 2026,
        sequence: 2,
        employerId: 'visschedijk',
        periodId: '2026-12',
        issuedOn: '2027-01-04',
        lines: novemberLines,
        credits: { corrects: [{ invoiceId: '2026-00001', lineIndices: [0] }], reasons },
      }),
    );
    const credit = await findInvoice(db(), '2026-00002');
    expect(credit).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      corrects: [{ invoiceId: '2026-00001', lineIndices: [0] }],
      reasons,
    });
    expect(credit?.totals.netCents).toBe(-sum(novemberLines.map((line) => line.amountCents)));
    expect(credit?.openCents).toBe(credit?.totals.totalCents);

    const first = (await findInvoice(db(), '2026-00001'))!;
    await harness.append([
      {
        streamId: 'invoice-2026-1',
        events: [
          {
            type: 'InvoicePaid',
            data: { invoiceId: '2026-00001', amountCents: first.openCents, toGAccountCents: 0, paidOn: '2027-01-05', by: 'operator:demo' },
          },
        ],
      },
    ]);
    expect(await findInvoice(db(), '2026-00001')).toMatchObject({
      status: 'paid',
      openCents: 0,
      paid: { cents: first.totals.totalCents, toGAccountCents: 2500 },
      payments: [expect.objectContaining({ paidOn: '2026-12-20' }), expect.objectContaining({ paidOn: '2027-01-05' })],
      version: 3,
    });
  });

  it('lists by hirer, period, year, kind and status in the order of the series, paginated', async () => {
    await harness.append([
      ...invoiceDocument({
        year: 2026,
        sequence: 3,
        employerId: 'visschedijk',
        periodId: '2026-12',
        issuedOn: '2027-01-04',
        lines: decemberLines,
      }),
      ...invoiceDocument({
        year: 2027,
        sequence: 1,
        employerId: 'waarbeek',
        periodId: '2026-12',
        issuedOn: '2027-01-04',
        lines: decemberLines,
      }),
    ]);
    expect(await numbersOf(page)).toEqual(['2026-00001', '2026-00002', '2026-00003', '2027-00001']);
    expect(await numbersOf({ ...page, employerId: 'visschedijk', periodId: '2026-12' })).toEqual(['2026-00002', '2026-00003']);
    expect(await numbersOf({ ...page, year: 2027 })).toEqual(['2027-00001']);
    expect(await numbersOf({ ...page, kind: 'credit_note' })).toEqual(['2026-00002']);
    expect(await numbersOf({ ...page, status: 'issued', kind: 'invoice' })).toEqual(['2026-00003', '2027-00001']);
    expect(await numbersOf({ ...page, status: 'paid' })).toEqual(['2026-00001']);
    expect(await numbersOf({ ...page, employerId: 'bolletje' })).toEqual([]);

    const second = await listInvoices(db(), { limit: 2, offset: 1 });
    expect({ ...second, items: second.items.map((i) => i.invoiceId) }).toEqual({
      items: ['2026-00002', '2026-00003'],
      total: 4,
      limit: 2,
      offset: 1,
    });
    // A summary leaves the lines to the document.
    expect(second.items[0]).not.toHaveProperty('lines');

    const ofVisschedijk = await invoicesOfEmployer(db(), 'visschedijk');
    expect(ofVisschedijk.map((i) => [i.invoiceId, i.lines.length])).toEqual([
      ['2026-00001', novemberLines.length],
      ['2026-00002', novemberLines.length],
      ['2026-00003', decemberLines.length],
    ]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, invoicesProjection, async () => [
      await db().manager.find(InvoiceRow, { order: { invoiceId: 'ASC' } }),
      await listInvoices(db(), page),
    ]);
  });
});
