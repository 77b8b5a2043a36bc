// Invoicing in the demo: the winter rates agreed with each hirer (and one refused, below the cost
// price), the invoices of each finalized pay run for every hirer it pays, one payment, and, after the
// retroactive CAO correction, the credit note and the lines billed anew; at the end a table of them.
//
// Idempotent like the rest of the demo: every POST carries a stable Idempotency-Key; an agreement
// that exists answers 409 rate_agreement_exists, a paid invoice 409 invoice_paid ("already there"),
// and a period invoiced before gives no second invoice.

import { already, euros, formatCents, formatFactor, mark } from './format.mjs';
import { belowCostRate, employers, PAYING_HIRER, rateAgreements } from './scenario.mjs';

const hirerName = (employerId) => employers.find((e) => e.employerId === employerId)?.name ?? employerId;

const rateText = ({ rate, gAccountShareBp }) => {
  const price = rate.kind === 'factor' ? `${formatFactor(rate.factorBp)} × the gross wage` : `${euros(rate.hourlyCents)} an hour (fixed)`;
  return gAccountShareBp ? `${price}, ${gAccountShareBp / 100} % of each invoice to the G-account` : price;
};

const kindText = (kind) => (kind === 'credit_note' ? 'credit note' : 'invoice');

/** Each hirer's rate from the first winter day; then a fixed rate below the cost price, refused. */
export async function agreeRates(send) {
  console.log('\nRate agreements (POST /employers/:id/rate-agreements; a rate below the cost price of an hour is refused)');
  for (const { employerId, terms } of rateAgreements) {
    const answer = await send('rate agreements', `/employers/${employerId}/rate-agreements`, terms, {
      idempotencyKey: `demo-rate-${terms.agreementId}-agree`,
      already: ['rate_agreement_exists'],
    });
    console.log(`  ${mark(answer)} ${employerId}: ${rateText(terms)}, from ${terms.from} (${terms.agreementId})${already(answer)}`);
  }
  const { employerId, terms } = belowCostRate;
  const what = `${employerId} proposes ${rateText(terms)} for ${terms.scope.placementId}`;
  const answer = await send('rate agreements', `/employers/${employerId}/rate-agreements`, terms, {
    idempotencyKey: `demo-rate-${terms.agreementId}-agree`,
    expect: ['rate_below_cost'],
  });
  if (answer.outcome === 'refused') {
    console.log(`  ! ${what}: refused (${answer.problem.status} ${answer.problem.code}): ${answer.problem.detail}`);
  } else {
    console.log(`  ! ${what}: expected to be refused (rate_below_cost), but it was agreed  <-- NOT EXPECTED`);
  }
}

/** `POST /invoice-runs` for a finalized period: every hirer whose hours (or differences) its run pays. */
export async function invoicePeriod(api, send, period) {
  const answer = await send('invoice runs', '/invoice-runs', { periodId: period }, { idempotencyKey: `demo-invoice-run-${period}` });
  const { documents, refused } = answer.result;
  const issued = documents.map((d) => `${kindText(d.kind)} ${d.number} to ${d.employerId} ${euros(d.totals.totalCents)}`);
  console.log(`    ${mark(answer)} invoiced ${period}: ${issued.join('; ') || 'nothing to invoice'}${already(answer)}`);
  for (const hirer of refused) console.log(`    ! ${hirer.employerId} not invoiced (${hirer.code}): ${hirer.reason}`);
  await api.waitFor();
}

/** The paying hirer pays its invoice of `period` in full on the day of issue, the G-account share to its G-account. */
export async function payInvoice(api, send, period) {
  const { items } = await api.get(`/invoices?employerId=${PAYING_HIRER}&periodId=${period}&kind=invoice`);
  const [invoice] = items;
  const { totalCents, gAccountCents } = invoice.totals;
  const answer = await send(
    'invoice payments',
    `/invoices/${invoice.invoiceId}/payments`,
    { amountCents: totalCents, toGAccountCents: gAccountCents, paidOn: invoice.issuedOn, reference: `${PAYING_HIRER} ${invoice.number}` },
    { idempotencyKey: `demo-invoice-${invoice.invoiceId}-payment`, already: ['invoice_paid'] },
  );
  console.log(
    `    ${mark(answer)} ${PAYING_HIRER} paid ${invoice.number} on ${invoice.issuedOn}: ${euros(totalCents)}, of it ${euros(gAccountCents)} to the G-account${already(answer)}`,
  );
  await api.waitFor();
}

/** The documents of the demo's periods in the order of the series, each credit note with what it corrects and the lines billed anew. */
export async function printInvoices(api, periods) {
  const documents = [];
  for (const period of periods) documents.push(...(await api.get(`/invoices?periodId=${period}&limit=500`)).items);
  documents.sort((a, b) => a.year - b.year || a.sequence - b.sequence);
  console.log(`\nInvoices and credit notes of ${periods.join(', ')} (GET /invoices; one document: GET /invoices/:id, ?format=csv or pdf)`);
  const rows = documents.map((d) => [
    d.number,
    kindText(d.kind),
    hirerName(d.employerId),
    d.periodId,
    euros(d.totals.netCents),
    euros(d.totals.vatCents),
    euros(d.totals.totalCents),
    euros(d.totals.gAccountCents),
    settlementOf(d),
  ]);
  const header = ['number', 'kind', 'hirer', 'period', 'net', 'VAT 21 %', 'total', 'G-account', 'paid / open'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const amounts = new Set([4, 5, 6, 7]);
  const line = (cells) =>
    `  ${cells.map((cell, i) => (amounts.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')}`.trimEnd();
  console.log(line(header));
  for (const [i, document] of documents.entries()) {
    console.log(line(rows[i]));
    if (document.kind === 'credit_note') await printCorrection(api, document);
    else if (documents.some((d) => d.kind === 'credit_note' && d.employerId === document.employerId && d.periodId === document.periodId)) {
      await printLines(api, document);
    }
  }
}

/** Paid, part paid or open; a credit note is not paid by the hirer but lowers what it owes. */
function settlementOf(document) {
  if (document.kind === 'credit_note') return `credits ${euros(-document.totals.totalCents)}`;
  if (document.openCents === 0) return `paid ${euros(document.paid.cents)}`;
  return document.paid.cents > 0 ? `part paid, ${euros(document.openCents)} open` : `open ${euros(document.openCents)}`;
}

/** What a credit note corrects, and why. */
async function printCorrection(api, creditNote) {
  const credit = await api.get(`/invoices/${creditNote.invoiceId}`);
  const corrects = credit.corrects.map((c) => `${c.invoiceId} lines ${c.lineIndices.map((i) => i + 1).join(', ')}`).join('; ');
  console.log(`      corrects ${corrects}`);
  console.log(`      because ${credit.reasons.map(reasonText).join('; ')}`);
}

/** The lines of the invoice that follows a credit note: the credited hours billed anew at their due figures. */
async function printLines(api, document) {
  const invoice = await api.get(`/invoices/${document.invoiceId}`);
  console.log('      its lines, the credited hours billed anew:');
  for (const l of invoice.lines) {
    const hours = formatCents(Math.round((l.minutes * 100) / 60));
    const price =
      l.rate.kind === 'factor'
        ? `gross wage ${euros(l.grossWageCents)} × ${formatFactor(l.rate.factorBp)}`
        : `× ${euros(l.rate.hourlyCents)}`;
    console.log(`        ${l.placementId}: ${hours} h ${l.hourType}, ${price} = ${euros(l.amountCents)}`);
  }
}

/** A pay-run difference's reason, as the credit note names it. */
function reasonText(reason) {
  const rule = ({ table, effectiveFrom, revision }) => `the ${table} row from ${effectiveFrom} changed (revision ${revision})`;
  switch (reason.kind) {
    case 'cao_changed':
      return `CAO ${reason.caoCode}: the version from ${reason.effectiveFrom} was corrected (revision ${reason.revision})`;
    case 'timesheet_corrected':
      return `timesheet ${reason.timesheetId} was corrected (version ${reason.version})`;
    case 'approved_late':
      return `timesheet ${reason.timesheetId} was approved after its run`;
    case 'minimum_wage_changed':
    case 'rule_changed':
      return rule(reason.rule);
    case 'top_up_changed':
      return `the top-up of ${reason.week} changed`;
    default:
      return JSON.stringify(reason);
  }
}
