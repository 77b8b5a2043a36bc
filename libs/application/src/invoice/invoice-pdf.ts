import { euros, percent } from '@banenpool/audit';
import PDFDocument from 'pdfkit';
import { reasonText } from '../payroll/worker-statement.js';
import { KIND_TITLE, printedLine, type InvoiceDocument, type PrintedLine } from './invoice-document.js';

type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
const WIDTH = PAGE_WIDTH - 2 * MARGIN;
const ROW_HEIGHT = 14;

/** The line table's columns, left to right, in points; the numbers are right-aligned. */
const COLUMNS: readonly { key: keyof PrintedLine; title: string; width: number; align: 'left' | 'right' }[] = [
  { key: 'placementId', title: 'Placement', width: 110, align: 'left' },
  { key: 'workerId', title: 'Worker', width: 80, align: 'left' },
  { key: 'hourType', title: 'Hour type', width: 75, align: 'left' },
  { key: 'hours', title: 'Hours', width: 45, align: 'right' },
  { key: 'rate', title: 'Rate', width: 95, align: 'right' },
  { key: 'amount', title: 'Amount', width: 90, align: 'right' },
];

/**
 * The document as a PDF a hirer opens: the pool and the hirer, number and dates, one row per line
 * (placement, worker, hour type, hours, rate, amount), net, VAT, total, the G-account share and the
 * payment term; a credit note also says what it corrects and why. Drawn with pdfkit's standard
 * Helvetica (WinAnsi: € and accented letters print), so no font file is needed.
 */
export async function invoicePdf(document: InvoiceDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${KIND_TITLE[document.kind]} ${document.number}`, Author: document.pool.name, Subject: document.hirer.name },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  heading(pdf, document);
  lineTable(pdf, document);
  totals(pdf, document);
  terms(pdf, document);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

function heading(pdf: Pdf, document: InvoiceDocument): void {
  pdf.font('Helvetica-Bold').fontSize(16).text(document.pool.name);
  pdf.font('Helvetica').fontSize(9).text(document.pool.role);
  pdf.moveDown(1.5);
  pdf.font('Helvetica-Bold').fontSize(14).text(`${KIND_TITLE[document.kind]} ${document.number}`);
  pdf.font('Helvetica').fontSize(10).moveDown(0.5);
  pdf.text(`To: ${document.hirer.name} (${document.hirer.employerId})`);
  pdf.text(`Issued on ${document.issuedOn}; due on ${document.dueOn} (payment term ${document.paymentTermDays} days)`);
  pdf.text(`Period ${document.periodId}, pay run ${document.payRunId}`);
  if (document.corrects) {
    const corrected = document.corrects.map((c) => `${c.invoiceId} (lines ${c.lineIndices.map((i) => i + 1).join(', ')})`);
    pdf.text(`Corrects invoice ${corrected.join('; ')}, because ${(document.reasons ?? []).map(reasonText).join('; ')}.`, { width: WIDTH });
  }
  pdf.moveDown();
}

function lineTable(pdf: Pdf, document: InvoiceDocument): void {
  pdf.font('Helvetica-Bold').fontSize(9);
  row(pdf, Object.fromEntries(COLUMNS.map((c) => [c.key, c.title])) as unknown as PrintedLine);
  pdf.font('Helvetica');
  for (const line of document.lines) row(pdf, printedLine(line));
  pdf.moveDown();
}

/** One row of the table at the current height, on a new page when the page is full. */
function row(pdf: Pdf, cells: PrintedLine): void {
  if (pdf.y + ROW_HEIGHT > pdf.page.height - MARGIN) pdf.addPage();
  const y = pdf.y;
  let x = MARGIN;
  for (const column of COLUMNS) {
    pdf.text(cells[column.key], x, y, { width: column.width - 4, align: column.align, lineBreak: false, ellipsis: true });
    x += column.width;
  }
  pdf.x = MARGIN;
  pdf.y = y + ROW_HEIGHT;
}

function totals(pdf: Pdf, document: InvoiceDocument): void {
  const { totals: t, vat, gAccountShareBp, paid, openCents } = document;
  const sums: [string, string][] = [
    ['Net', euros(t.netCents)],
    [`VAT ${percent(vat.bp)}`, euros(t.vatCents)],
    ['Total', euros(t.totalCents)],
    [`Of which to the G-account (${percent(gAccountShareBp)})`, euros(t.gAccountCents)],
    ...(document.kind === 'invoice'
      ? ([
          ['Paid', euros(paid.cents)],
          ['Open', euros(openCents)],
        ] as [string, string][])
      : []),
  ];
  pdf.fontSize(10);
  for (const [label, amount] of sums) {
    if (pdf.y + ROW_HEIGHT > pdf.page.height - MARGIN) pdf.addPage();
    const y = pdf.y;
    pdf.font(label === 'Total' ? 'Helvetica-Bold' : 'Helvetica');
    pdf.text(label, MARGIN + 200, y, { width: 200, lineBreak: false });
    pdf.text(amount, MARGIN + 400, y, { width: WIDTH - 400, align: 'right', lineBreak: false });
    pdf.x = MARGIN;
    pdf.y = y + ROW_HEIGHT;
  }
  pdf.font('Helvetica').moveDown();
}

function terms(pdf: Pdf, document: InvoiceDocument): void {
  const { totals: t } = document;
  pdf.fontSize(9);
  if (document.kind === 'invoice') {
    pdf.text(
      `Please pay ${euros(t.totalCents - t.gAccountCents)} to the pool's account and ${euros(t.gAccountCents)} to its G-account ` +
        `by ${document.dueOn}, stating ${document.number}.`,
      MARGIN,
      pdf.y,
      { width: WIDTH },
    );
  } else {
    pdf.text(`This credit note lowers what you owe by ${euros(-t.totalCents)}.`, MARGIN, pdf.y, { width: WIDTH });
  }
  pdf.moveDown(0.5).text(`Rounding: ${document.rounding}.`, { width: WIDTH });
}
