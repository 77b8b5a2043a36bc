import { INVOICE_ROUNDING_RULE, invoiceNumberOf, type InvoiceLine } from '@banenpool/domain';
import type { InvoiceRecord } from '@banenpool/read-models';
import { invoiceCsvText } from './invoice-csv.js';
import { invoiceDocumentOf, rateText } from './invoice-document.js';
import { invoicePdf } from './invoice-pdf.js';
import { pdfText } from './pdf-text.testing.js';

const source = (day: string, grossWageCents: number) => ({
  payRunId: '2027-P01',
  timesheetId: `pl-joris-${day}`,
  timesheetVersion: 1,
  lineIndex: 0,
  day,
  minutes: 240,
  grossWageCents,
});
const lines: InvoiceLine[] = [
  {
    placementId: 'pl-joris',
    workerId: 'joris',
    hourType: 'normal',
    rateAgreementId: 'ra-vd',
    rate: { kind: 'factor', factorBp: 18_500 },
    surchargeBp: 0,
    minutes: 480,
    grossWageCents: 12_800,
    amountCents: 23_680,
    sources: [source('2027-01-05', 6_400), source('2027-01-06', 6_400)],
  },
  {
    placementId: 'pl-anna',
    workerId: 'anna',
    hourType: 'overtime',
    rateAgreementId: 'ra-vd-anna',
    rate: { kind: 'fixed', hourlyCents: 3_150 },
    surchargeBp: 2_500,
    minutes: 90,
    grossWageCents: 2_400,
    amountCents: 5_906,
    sources: [{ ...source('2027-01-07', 2_400), minutes: 90 }],
  },
];
const net = 23_680 + 5_906;
const vat = 6_213; // 21 % of 29 586, rounded half up
const record: InvoiceRecord = {
  invoiceId: '2027-00007',
  number: invoiceNumberOf(2027, 7),
  year: 2027,
  sequence: 7,
  kind: 'invoice',
  employerId: 'visschedijk',
  periodId: '2027-P01',
  payRunId: '2027-P01',
  issuedOn: '2027-02-01',
  dueOn: '2027-03-03',
  status: 'part_paid',
  totals: { netCents: net, vatCents: vat, totalCents: net + vat, gAccountCents: 8_950 },
  paid: { cents: 10_000, toGAccountCents: 8_950 },
  openCents: net + vat - 10_000,
  vat: { bp: 2_100, rule: { table: 'vat', effectiveFrom: '2020-01-01', revision: 1 } },
  gAccountShareBp: 2_500,
  lines,
  payments: [{ amountCents: 10_000, toGAccountCents: 8_950, paidOn: '2027-02-10', by: 'operator:anna' }],
  issuedBy: 'operator:anna',
  version: 1,
};
const document = invoiceDocumentOf(record, 'Visschedijk Facilitair');

describe('an invoice as a document', () => {
  it('says who sends it, to whom, the payment term and how it is rounded', () => {
    expect(document).toMatchObject({
      pool: { name: 'Banenpool' },
      hirer: { employerId: 'visschedijk', name: 'Visschedijk Facilitair' },
      paymentTermDays: 30,
      rounding: INVOICE_ROUNDING_RULE,
      number: '2027-00007',
    });
  });

  it('writes rates as a person reads them', () => {
    expect(rateText({ kind: 'factor', factorBp: 18_500 }, 0)).toBe('1.85 × gross wage');
    expect(rateText({ kind: 'fixed', hourlyCents: 3_150 }, 2_500)).toBe('€ 31,50 an hour + 25 %');
  });

  it('is a CSV of one row per line whose amounts add up to the net; a credit note’s are negative', () => {
    const [header, ...rows] = invoiceCsvText(document).trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['number', 'placement_id', 'worker_id', 'hour_type', 'hours', 'amount_cents']),
    );
    expect(rows).toEqual([
      '2027-00007,2027-00007,invoice,visschedijk,2027-P01,2027-02-01,2027-03-03,0,pl-joris,joris,normal,480,8.00,ra-vd,factor,18500,,0,12800,23680,236.80',
      '2027-00007,2027-00007,invoice,visschedijk,2027-P01,2027-02-01,2027-03-03,1,pl-anna,anna,overtime,90,1.50,ra-vd-anna,fixed,,3150,2500,2400,5906,59.06',
    ]);
    const column = header.split(',').indexOf('amount_cents');
    expect(rows.reduce((sum, row) => sum + Number(row.split(',')[column]), 0)).toBe(net);

    const credit = invoiceCsvText({ ...document, kind: 'credit_note' })
      .trimEnd()
      .split('\r\n');
    expect(credit[1]).toContain(',credit_note,');
    expect(credit[1].endsWith(',-23680,-236.80')).toBe(true);
  });

  it('is a PDF whose text reads back the pool, the hirer, the number, the lines, the totals and the term', async () => {
    const pdf = await invoicePdf(document);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const expected of [
      'Banenpool',
      'Invoice 2027-00007',
      'Visschedijk Facilitair (visschedijk)',
      'Issued on 2027-02-01; due on 2027-03-03 (payment term 30 days)',
      'pl-joris',
      'normal hours',
      '8.00',
      '1.85 × gross wage',
      '€ 236,80',
      '€ 31,50 an hour + 25 %',
      'VAT 21 %',
      '€ 62,13',
      '€ 357,99',
      'Of which to the G-account (25 %)',
      '€ 89,50',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints a credit note with what it corrects and why, and runs long documents onto more pages', async () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ ...lines[0], placementId: `pl-${i}` }));
    const credit = invoiceDocumentOf(
      {
        ...record,
        kind: 'credit_note',
        lines: many,
        corrects: [{ invoiceId: '2026-3', lineIndices: [0, 1] }],
        reasons: [{ kind: 'cao_changed', caoCode: 'schoonmaak', effectiveFrom: '2026-12-14', revision: 1 }],
      },
      'Visschedijk Facilitair',
    );
    const text = await pdfText(await invoicePdf(credit));
    expect(text).toContain('Credit note 2027-00007');
    expect(text).toContain(
      'Corrects invoice 2026-3 (lines 1, 2), because CAO schoonmaak: the version from 2026-12-14 changed (revision 1).',
    );
    expect(text).toContain('pl-79');
    expect(text.split('\n').length).toBeGreaterThan(1);
  });
});
