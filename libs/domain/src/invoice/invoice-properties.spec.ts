import fc from 'fast-check';
import type { PayLine } from '../payroll/pay-run.events.js';
import type { RateAgreementView } from '../rate-agreement/rate-in-force.js';
import type { RuleBook } from '../rules/rule-book.js';
import { addDays } from '../shared/local-date.js';
import { HOUR_TYPES, type HourType } from '../timesheet/timesheet.events.js';
import { agreement, difference, invoiceInput, issuedCreditNote, issuedInvoice, P02, P03, P04, payLine } from './invoice.fixtures.js';
import type { InvoiceLine } from './invoice.events.js';
import { draftInvoice, type IssuedDocument } from './invoice-lines.js';

// Properties of the invoice's arithmetic, checked against an independent exact computation in BigInt.

const DAYS = Array.from({ length: 28 }, (_, i) => addDays(P02.from, i));

const arbitraryAgreement: fc.Arbitrary<RateAgreementView> = fc
  .record({
    rate: fc.oneof(
      fc.integer({ min: 10_000, max: 30_000 }).map((factorBp) => ({ kind: 'factor' as const, factorBp })),
      fc.integer({ min: 1500, max: 6000 }).map((hourlyCents) => ({ kind: 'fixed' as const, hourlyCents })),
    ),
    surchargesBp: fc.record(
      {
        overtime: fc.integer({ min: 0, max: 10_000 }),
        irregular: fc.integer({ min: 0, max: 10_000 }),
        public_holiday: fc.integer({ min: 0, max: 10_000 }),
      },
      { requiredKeys: [] },
    ),
    gAccountShareBp: fc.integer({ min: 0, max: 5000 }),
  })
  .map((terms) => agreement(terms));

const arbitraryHours = fc.record({
  minutes: fc.integer({ min: 1, max: 720 }),
  grossCents: fc.integer({ min: 0, max: 60_000 }),
  hourType: fc.constantFrom(...HOUR_TYPES),
});

const arbitraryPayLines = (placementIds: string[]): fc.Arbitrary<PayLine[]> =>
  fc
    .array(fc.record({ day: fc.constantFrom(...DAYS), placementId: fc.constantFrom(...placementIds), hours: arbitraryHours }), {
      minLength: 1,
      maxLength: 30,
    })
    .map((specs) => specs.map(({ day, placementId, hours }, lineIndex) => payLine({ day, placementId, lineIndex, ...hours })));

const vatRules = (standardBp: number): RuleBook => ({
  ...invoiceInput().rules,
  vat: [{ table: 'vat', effectiveFrom: '2020-01-01', revision: 0, values: { standardBp }, source: { title: 'For the properties' } }],
});

/** Half up (away from zero) of num ÷ den, den > 0. */
const halfUp = (num: bigint, den: bigint): bigint => (num < 0n ? -halfUp(-num, den) : (2n * num + den) / (2n * den));

/** An hour's exact price under the agreement as a numerator over DENOMINATOR[kind]. */
const DENOMINATOR = { factor: 100_000_000n, fixed: 600_000n } as const;
function exactPrice({ rate, surchargesBp }: RateAgreementView, hourType: HourType, minutes: number, grossCents: number): bigint {
  const withSurcharge = BigInt(10_000 + (surchargesBp[hourType] ?? 0));
  return rate.kind === 'factor'
    ? BigInt(grossCents) * BigInt(rate.factorBp) * withSurcharge
    : BigInt(minutes) * BigInt(rate.hourlyCents) * withSurcharge;
}
const exactOfLines = (terms: RateAgreementView, lines: readonly InvoiceLine[]): bigint =>
  lines.reduce((sum, l) => sum + l.sources.reduce((s, src) => s + exactPrice(terms, l.hourType, src.minutes, src.grossWageCents), 0n), 0n);
const exactOfPayLines = (terms: RateAgreementView, lines: readonly PayLine[]): bigint =>
  lines.reduce((sum, l) => sum + exactPrice(terms, l.hourType, l.minutes, l.amounts.wageCents + l.amounts.surchargeCents), 0n);

const total = <T>(items: readonly T[], of: (item: T) => number): number => items.reduce((sum, item) => sum + of(item), 0);

describe('invoice arithmetic (properties)', () => {
  it('each line is its exact sum rounded half up once; the lines sum to the net; VAT is half up on the net; every figure an integer', () =>
    fc.assert(
      fc.property(arbitraryPayLines(['p1', 'p2']), arbitraryAgreement, fc.integer({ min: 0, max: 3000 }), (lines, terms, vatBp) => {
        const { invoice } = draftInvoice(invoiceInput({ lines, rateAgreements: [terms], rules: vatRules(vatBp) }));
        const den = DENOMINATOR[terms.rate.kind];
        for (const line of invoice!.lines) expect(BigInt(line.amountCents)).toBe(halfUp(exactOfLines(terms, [line]), den));
        const { netCents, vatCents, totalCents, gAccountCents } = invoice!.totals;
        expect(netCents).toBe(total(invoice!.lines, (l) => l.amountCents));
        expect(BigInt(vatCents)).toBe(halfUp(BigInt(netCents) * BigInt(vatBp), 10_000n));
        expect(totalCents).toBe(netCents + vatCents);
        expect(BigInt(gAccountCents)).toBe(halfUp(BigInt(totalCents) * BigInt(terms.gAccountShareBp), 10_000n));
        const figures = [
          netCents,
          vatCents,
          totalCents,
          gAccountCents,
          ...invoice!.lines.flatMap((l) => [l.amountCents, l.minutes, l.grossWageCents]),
        ];
        expect(figures.every(Number.isSafeInteger)).toBe(true);
        expect(total(invoice!.lines, (l) => l.minutes)).toBe(total(lines, (l) => l.minutes));
      }),
    ));

  const arbitraryChanges = fc.uniqueArray(fc.record({ day: fc.constantFrom(...DAYS), due: fc.array(arbitraryHours, { maxLength: 2 }) }), {
    selector: (change) => change.day,
    maxLength: 6,
  });

  it('the credit note plus the new lines is the difference: the credited lines negated, and old + difference anew', () =>
    fc.assert(
      fc.property(arbitraryPayLines(['p1']), arbitraryChanges, arbitraryAgreement, (paid, changes, terms) => {
        const invoiced = issuedInvoice(draftInvoice(invoiceInput({ lines: paid, rateAgreements: [terms] })).invoice, 1);
        const differences = changes.flatMap(({ day, due }) => {
          const paidOfDay = paid.filter((l) => l.day === day);
          const dueLines = due.map((hours, i) => payLine({ day, lineIndex: 100 + i, version: 2, ...hours }));
          return paidOfDay.length + dueLines.length === 0 ? [] : [difference(P02.id, paidOfDay, dueLines)];
        });
        const p03 = (earlier: IssuedDocument[] = [invoiced]) =>
          invoiceInput({ payRunId: P03.id, period: P03, differences, earlier, rateAgreements: [terms] });
        const draft = draftInvoice(p03());
        const credited = draft.creditNote?.lines ?? [];
        const anew = draft.invoice?.lines ?? [];

        // The credit note holds whole lines of the invoice, each once, as invoiced; its net is theirs negated.
        const indices = draft.creditNote?.corrects.flatMap((c) => c.lineIndices) ?? [];
        expect(new Set(indices).size).toBe(indices.length);
        expect(credited).toEqual(indices.map((i) => invoiced.data.lines[i]));
        expect(draft.creditNote?.totals.netCents ?? 0).toBe(0 - total(credited, (l) => l.amountCents));

        // New − credited = the difference, in minutes, in gross wage and, exactly before rounding, in money.
        expect(total(anew, (l) => l.minutes) - total(credited, (l) => l.minutes)).toBe(
          total(differences, (d) => d.dueMinutes - d.paidMinutes),
        );
        expect(total(anew, (l) => l.grossWageCents) - total(credited, (l) => l.grossWageCents)).toBe(
          total(differences, (d) => d.difference.wageCents + d.difference.surchargeCents),
        );
        const dueExact = differences.reduce((sum, d) => sum + exactOfPayLines(terms, d.dueLines), 0n);
        const paidExact = differences.reduce(
          (sum, d) =>
            sum +
            exactOfPayLines(
              terms,
              paid.filter((l) => l.day === d.day),
            ),
          0n,
        );
        expect(exactOfLines(terms, anew) - exactOfLines(terms, credited)).toBe(dueExact - paidExact);
        // Each line rounds once, by at most half a cent.
        const den = DENOMINATOR[terms.rate.kind];
        const rounded = BigInt(total(anew, (l) => l.amountCents) - total(credited, (l) => l.amountCents)) * den;
        const drift = rounded - (dueExact - paidExact);
        expect(2n * (drift < 0n ? -drift : drift) <= BigInt(anew.length + credited.length) * den).toBe(true);

        // Once issued, a retry drafts the same, and the same days settled again credit nothing more.
        const issued = [
          ...(draft.creditNote ? [issuedCreditNote(draft.creditNote, 2)] : []),
          ...(draft.invoice ? [issuedInvoice(draft.invoice, 3)] : []),
        ];
        expect(draftInvoice(p03([invoiced, ...issued]))).toEqual(draft);
        const settledAgain = differences.filter((d) => d.dueLines.length > 0).map((d) => difference(P02.id, d.dueLines, d.dueLines));
        const p04 = invoiceInput({
          payRunId: P04.id,
          period: P04,
          differences: settledAgain,
          earlier: [invoiced, ...issued],
          rateAgreements: [terms],
        });
        expect(draftInvoice(p04)).toEqual({});
      }),
    ));
});
