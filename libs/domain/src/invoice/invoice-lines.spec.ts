import { cleaningContent, cleaningVersion, line, paidAs, payInput, sheet } from '../payroll/pay-run.fixtures.js';
import { payWorker } from '../payroll/worker-pay.js';
import { DomainError } from '../shared/domain-error.js';
import { addDays } from '../shared/local-date.js';
import type { TimesheetLine } from '../timesheet/timesheet.events.js';
import {
  agreement,
  CAO_CORRECTED,
  difference,
  invoiceInput,
  issuedCreditNote,
  issuedInvoice,
  P02,
  P03,
  P04,
  payLine,
} from './invoice.fixtures.js';
import { INVOICE_ROUNDING_RULE } from './invoice.events.js';
import { draftInvoice, type InvoiceInput } from './invoice-lines.js';

const refusalOf = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a refusal');
};

/** Eight hours on each day from Monday to Friday. */
const workWeek = (monday: string): TimesheetLine[] => [0, 1, 2, 3, 4].map((i) => line(addDays(monday, i), '09:00', '17:00'));
const W06 = sheet('2026-W06', workWeek('2026-02-02'));
const W07 = sheet('2026-W07', workWeek('2026-02-09'));
const W10 = sheet('2026-W10', [line('2026-03-02', '09:00', '17:00')]);

/** The cleaning CAO at €16.00, from 9 February 2026 a new version at €16.50, then corrected to €17.00 (and later to €17.50). */
const published = [
  cleaningVersion(cleaningContent(), { until: '2026-02-08' }),
  cleaningVersion(cleaningContent({ wageScales: { A: [1650] } }), { from: '2026-02-09' }),
];
const corrected = (hourlyCents: number, revision: number) => [
  published[0],
  cleaningVersion(cleaningContent({ wageScales: { A: [hourlyCents] } }), { from: '2026-02-09', revision }),
];

// The pay runs of 2026-P02 (two weeks), 2026-P03 (a day, and the CAO correction for 9–13 February) and 2026-P04 (a second correction).
const p02 = payWorker(payInput({ period: P02, caoVersions: published, sheets: [W06, W07] }));
const p03 = payWorker(payInput({ period: P03, caoVersions: corrected(1700, 1), sheets: [W06, W07, W10], paid: [paidAs(P02, p02)] }));
const p04 = payWorker(
  payInput({ period: P04, caoVersions: corrected(1750, 2), sheets: [W06, W07, W10], paid: [paidAs(P02, p02), paidAs(P03, p03)] }),
);

const dayGross = (lines: readonly { sources: readonly { day: string; grossWageCents: number }[] }[]) =>
  lines.map((l) => l.sources.map((s) => [s.day, s.grossWageCents]));

describe('invoice lines', () => {
  describe('prices', () => {
    it('given a factor rate, when the wage rises on a day of the period, then the invoice follows it on that day', () => {
      const { invoice, creditNote } = draftInvoice(invoiceInput({ lines: p02.lines }));
      expect(creditNote).toBeUndefined();
      // €16.00 × 8 h on 2–6 February, €16.50 × 8 h from 9 February; × 1.85.
      expect(dayGross(invoice!.lines)).toEqual([
        [
          ['2026-02-02', 12_800],
          ['2026-02-03', 12_800],
          ['2026-02-04', 12_800],
          ['2026-02-05', 12_800],
          ['2026-02-06', 12_800],
          ['2026-02-09', 13_200],
          ['2026-02-10', 13_200],
          ['2026-02-11', 13_200],
          ['2026-02-12', 13_200],
          ['2026-02-13', 13_200],
        ],
      ]);
      expect(invoice!.lines[0]).toMatchObject({
        placementId: 'p1',
        workerId: 'w1',
        hourType: 'normal',
        rateAgreementId: 'ra1',
        rate: { kind: 'factor', factorBp: 18_500 },
        surchargeBp: 0,
        minutes: 4800,
        grossWageCents: 130_000,
        amountCents: 240_500,
      });
      expect(invoice!.lines[0].sources[0]).toEqual({
        payRunId: '2026-P02',
        timesheetId: 'p1-2026-W06',
        timesheetVersion: 1,
        lineIndex: 0,
        day: '2026-02-02',
        minutes: 480,
        grossWageCents: 12_800,
      });
      expect(invoice).toMatchObject({
        employerId: 'visschedijk',
        periodId: '2026-P02',
        payRunId: '2026-P02',
        issuedOn: '2026-03-01',
        dueOn: '2026-03-31',
        vat: { bp: 2100, rule: { table: 'vat', effectiveFrom: '2020-01-01', revision: 0 } },
        gAccountShareBp: 0,
        totals: { netCents: 240_500, vatCents: 50_505, totalCents: 291_005, gAccountCents: 0 },
        rounding: INVOICE_ROUNDING_RULE,
      });
    });

    it('given a fixed hourly rate, then the wage rise does not change it: hours × rate', () => {
      const fixed = agreement({ rate: { kind: 'fixed', hourlyCents: 3000 } });
      const { invoice } = draftInvoice(invoiceInput({ lines: p02.lines, rateAgreements: [fixed] }));
      expect(invoice!.lines.map((l) => [l.minutes, l.amountCents])).toEqual([[4800, 240_000]]);
    });

    it('given a surcharge for an hour type, then those hours are a line of their own, priced with it', () => {
      const rated = agreement({ rate: { kind: 'fixed', hourlyCents: 3000 }, surchargesBp: { overtime: 2500 } });
      const lines = [
        payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800 }),
        payLine({ day: '2026-02-02', minutes: 180, grossCents: 6000, surchargeCents: 1200, hourType: 'overtime', lineIndex: 1 }),
      ];
      const { invoice } = draftInvoice(invoiceInput({ lines, rateAgreements: [rated] }));
      // 8 h × €30.00; 3 h × €30.00 × 1.25.
      expect(invoice!.lines.map((l) => [l.hourType, l.surchargeBp, l.amountCents])).toEqual([
        ['normal', 0, 24_000],
        ['overtime', 2500, 11_250],
      ]);
    });

    it('given a factor rate and a surcharge, then both apply to the wage + CAO surcharge of the line', () => {
      const rated = agreement({ surchargesBp: { overtime: 1000 } });
      const lines = [payLine({ day: '2026-02-02', minutes: 180, grossCents: 6000, surchargeCents: 1200, hourType: 'overtime' })];
      const { invoice } = draftInvoice(invoiceInput({ lines, rateAgreements: [rated] }));
      // €60.00 × 1.85 × 1.10 = €122.10
      expect(invoice!.lines.map((l) => [l.grossWageCents, l.amountCents])).toEqual([[6000, 12_210]]);
    });

    it('invoices sick, leave and public-holiday hours at the rate like any other (a factor on the wage paid for them)', () => {
      const lines = [
        payLine({ day: '2026-02-02', minutes: 480, grossCents: 8960, hourType: 'sick' }),
        payLine({ day: '2026-02-03', minutes: 480, grossCents: 12_800, hourType: 'leave' }),
        payLine({ day: '2026-02-04', minutes: 480, grossCents: 25_600, surchargeCents: 12_800, hourType: 'public_holiday' }),
      ];
      const { invoice } = draftInvoice(invoiceInput({ lines }));
      expect(invoice!.lines.map((l) => [l.hourType, l.amountCents])).toEqual([
        ['sick', 16_576],
        ['leave', 23_680],
        ['public_holiday', 47_360],
      ]);
    });

    it('gives a line per placement × hour type × rate agreement in force on each day', () => {
      const ended = agreement({ to: '2026-02-08' });
      const placementRate = agreement({
        agreementId: 'ra2',
        scope: { kind: 'placement', placementId: 'p1' },
        from: '2026-02-09',
        rate: { kind: 'factor', factorBp: 20_000 },
      });
      const lines = [
        payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800 }),
        payLine({ day: '2026-02-09', minutes: 480, grossCents: 12_800 }),
        payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800, placementId: 'p2' }),
      ];
      const { invoice } = draftInvoice(
        invoiceInput({ lines, rateAgreements: [ended, placementRate, agreement({ agreementId: 'ra3', from: '2026-02-09' })] }),
      );
      expect(invoice!.lines.map((l) => [l.placementId, l.workerId, l.rateAgreementId, l.amountCents])).toEqual([
        ['p1', 'w1', 'ra1', 23_680],
        ['p1', 'w1', 'ra2', 25_600],
        ['p2', 'w2', 'ra1', 23_680],
      ]);
    });

    it('refuses an hour no rate agreement covers (422 no_rate_agreement), naming the placement and the day', () => {
      const lines = [payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800 })];
      const error = refusalOf(() => draftInvoice(invoiceInput({ lines, rateAgreements: [agreement({ from: '2026-02-09' })] })));
      expect(error).toMatchObject({ kind: 'rule', code: 'no_rate_agreement' });
      expect(error.message).toContain('placement p1 on 2026-02-02');
    });
  });

  describe('VAT, rounding and the G-account share', () => {
    // €25.27 an hour: 2 × 3¾ h normal, 2½ h overtime at +25 %, 21 % VAT, 25 % to the G-account.
    const rated = agreement({ rate: { kind: 'fixed', hourlyCents: 2527 }, surchargesBp: { overtime: 2500 }, gAccountShareBp: 2500 });
    const lines = [
      payLine({ day: '2026-02-02', minutes: 225, grossCents: 6000 }),
      payLine({ day: '2026-02-03', minutes: 225, grossCents: 6000 }),
      payLine({ day: '2026-02-03', minutes: 150, grossCents: 4000, hourType: 'overtime', lineIndex: 1 }),
    ];

    it('rounds each line once, half up, and VAT half up on the net: pinned figures', () => {
      const { invoice } = draftInvoice(invoiceInput({ lines, rateAgreements: [rated] }));
      // 7.5 h × €25.27 = €189.525 → €189.53 (rounding each day, 2 × €94.7625 → €189.52, would lose the cent);
      // 2.5 h × €25.27 × 1.25 = €78.96875 → €78.97; net €268.50; VAT 21 % = €56.385 → €56.39;
      // total €324.89, of which 25 % = €81.2225 → €81.22 to the G-account.
      expect(invoice!.lines.map((l) => l.amountCents)).toEqual([18_953, 7897]);
      expect(invoice!.totals).toEqual({ netCents: 26_850, vatCents: 5639, totalCents: 32_489, gAccountCents: 8122 });
    });

    it('takes the G-account share from the hirer’s own agreement in force on the period’s last day, whichever agreement priced the hours', () => {
      const agreements = [
        agreement({ to: '2026-02-15', gAccountShareBp: 2500 }),
        agreement({ agreementId: 'ra2', from: '2026-02-16', gAccountShareBp: 3500 }),
        agreement({ agreementId: 'ra3', scope: { kind: 'placement', placementId: 'p1' }, gAccountShareBp: 9000 }),
      ];
      const { invoice } = draftInvoice(invoiceInput({ lines: p02.lines, rateAgreements: agreements }));
      // 35 % of €2,910.05 = €1,018.5175 → €1,018.52
      expect(invoice!.gAccountShareBp).toBe(3500);
      expect(invoice!.totals).toEqual({ netCents: 240_500, vatCents: 50_505, totalCents: 291_005, gAccountCents: 101_852 });
    });

    it('has no G-account share when the hirer has no agreement of its own on the period’s last day', () => {
      const placementOnly = agreement({ scope: { kind: 'placement', placementId: 'p1' }, gAccountShareBp: 3000 });
      const { invoice } = draftInvoice(invoiceInput({ lines: p02.lines, rateAgreements: [placementOnly] }));
      expect(invoice).toMatchObject({ gAccountShareBp: 0, totals: { gAccountCents: 0 } });
    });

    it('refuses a VAT row missing for the period’s last day', () => {
      const rules = { ...invoiceInput().rules, vat: [] };
      expect(refusalOf(() => draftInvoice(invoiceInput({ lines, rules })))).toMatchObject({ code: 'rule_table_outdated' });
    });
  });

  describe('corrections', () => {
    const p02Invoice = issuedInvoice(draftInvoice(invoiceInput({ lines: p02.lines })).invoice, 1);
    const p03Input = (earlier: InvoiceInput['earlier']) =>
      invoiceInput({ payRunId: P03.id, period: P03, lines: p03.lines, differences: p03.differences, earlier, issuedOn: '2026-03-29' });
    const p03Draft = draftInvoice(p03Input([p02Invoice]));

    it('given a retroactive CAO correction of invoiced days, then a credit note credits the lines holding them, as invoiced', () => {
      expect(p03.differences.map((d) => d.day)).toEqual(['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13']);
      expect(p03Draft.creditNote).toEqual({
        employerId: 'visschedijk',
        periodId: '2026-P03',
        payRunId: '2026-P03',
        issuedOn: '2026-03-29',
        dueOn: '2026-04-28',
        lines: p02Invoice.data.lines,
        vat: p02Invoice.data.vat,
        gAccountShareBp: 0,
        totals: { netCents: -240_500, vatCents: -50_505, totalCents: -291_005, gAccountCents: 0 },
        rounding: INVOICE_ROUNDING_RULE,
        corrects: [{ invoiceId: 'inv-1', lineIndices: [0] }],
        reasons: [CAO_CORRECTED],
      });
    });

    it('then the new invoice carries the lines anew: the unchanged days as invoiced plus the corrected days as now due', () => {
      const [periodLine, anew] = p03Draft.invoice!.lines;
      expect(dayGross([periodLine])).toEqual([[['2026-03-02', 13_600]]]);
      expect(anew.sources.map((s) => [s.day, s.payRunId, s.grossWageCents])).toEqual([
        ...['02', '03', '04', '05', '06'].map((d) => [`2026-02-${d}`, '2026-P02', 12_800]),
        ...['09', '10', '11', '12', '13'].map((d) => [`2026-02-${d}`, '2026-P03', 13_600]),
      ]);
      // old + difference: €1,300.00 + 5 × 8 h × €0.50 = €1,320.00 gross; × 1.85.
      const differenceCents = p03.differences.reduce((sum, d) => sum + d.difference.wageCents + d.difference.surchargeCents, 0);
      expect(differenceCents).toBe(2000);
      expect(anew).toMatchObject({ minutes: 4800, grossWageCents: 130_000 + differenceCents, amountCents: 244_200 });
      expect(anew.amountCents - p03Draft.creditNote!.lines[0].amountCents).toBe(3700);
    });

    it('given a fixed rate, then a wage correction changes nothing the hirer owes: no credit note, no line billed anew', () => {
      const fixed = [agreement({ rate: { kind: 'fixed', hourlyCents: 3000 } })];
      const p02Fixed = issuedInvoice(draftInvoice(invoiceInput({ lines: p02.lines, rateAgreements: fixed })).invoice, 1);
      const draft = draftInvoice({ ...p03Input([p02Fixed]), rateAgreements: fixed });
      expect(draft.creditNote).toBeUndefined();
      expect(draft.invoice!.lines.map((l) => [l.minutes, l.amountCents])).toEqual([[480, 24_000]]);
    });

    it('given the period’s own documents among the earlier ones, then a retry drafts the same documents', () => {
      const p03Documents = [issuedCreditNote(p03Draft.creditNote, 2), issuedInvoice(p03Draft.invoice, 3)];
      expect(draftInvoice(p03Input([p02Invoice, ...p03Documents]))).toEqual(p03Draft);
    });

    it('never credits a line twice: a second correction credits the line that carried the days anew, not the first', () => {
      const earlier = [p02Invoice, issuedCreditNote(p03Draft.creditNote, 2), issuedInvoice(p03Draft.invoice, 3)];
      const draft = draftInvoice(
        invoiceInput({ payRunId: P04.id, period: P04, lines: p04.lines, differences: p04.differences, earlier, issuedOn: '2026-04-26' }),
      );
      expect(draft.creditNote).toMatchObject({ corrects: [{ invoiceId: 'inv-3', lineIndices: [0, 1] }], lines: p03Draft.invoice!.lines });
      expect(dayGross(draft.invoice!.lines)).toEqual([
        [
          ...['02', '03', '04', '05', '06'].map((d) => [`2026-02-${d}`, 12_800]),
          ...['09', '10', '11', '12', '13'].map((d) => [`2026-02-${d}`, 14_000]),
          ['2026-03-02', 14_000],
        ],
      ]);
    });

    it('refuses differences for a period paid but not invoiced yet: invoicing it later would bill the days twice', () => {
      expect(refusalOf(() => draftInvoice(p03Input([])))).toMatchObject({
        code: 'earlier_period_not_invoiced',
        message: expect.stringContaining('2026-P02'),
      });
    });

    describe('given hand-made differences', () => {
      const paid = [
        payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800 }),
        payLine({ day: '2026-02-03', minutes: 480, grossCents: 12_800 }),
      ];
      const invoiced = issuedInvoice(draftInvoice(invoiceInput({ lines: paid })).invoice, 1);
      const draftWith = (...differences: ReturnType<typeof difference>[]) =>
        draftInvoice(invoiceInput({ payRunId: P03.id, period: P03, differences, earlier: [invoiced] }));

      it('leaves the invoice alone when the billable hours of the day did not change (a holiday-allowance difference)', () => {
        const holidayRule = {
          kind: 'rule_changed' as const,
          rule: { table: 'holiday-allowance' as const, effectiveFrom: '2026-01-01', revision: 1 },
        };
        expect(draftWith(difference(P02.id, [paid[0]], [paid[0]], [holidayRule]))).toEqual({});
      });

      it('bills a day approved late in full, crediting nothing', () => {
        const late = payLine({ day: '2026-02-10', minutes: 240, grossCents: 6400 });
        const draft = draftWith(difference(P02.id, [], [late], [{ kind: 'approved_late', timesheetId: late.timesheetId, version: 1 }]));
        expect(draft.creditNote).toBeUndefined();
        expect(draft.invoice!.lines.map((l) => [l.minutes, l.amountCents])).toEqual([[240, 11_840]]);
      });

      it('credits the line and carries the rest when a correction removes a day’s hours', () => {
        const corrected = { kind: 'timesheet_corrected' as const, timesheetId: paid[1].timesheetId, version: 2 };
        const draft = draftWith(difference(P02.id, [paid[1]], [], [corrected]));
        expect(draft.creditNote).toMatchObject({ corrects: [{ invoiceId: 'inv-1', lineIndices: [0] }], reasons: [corrected] });
        expect(dayGross(draft.invoice!.lines)).toEqual([[['2026-02-02', 12_800]]]);
      });

      it('refuses to credit in one credit note lines taxed at different VAT rates', () => {
        const march = payLine({ day: '2026-03-02', minutes: 480, grossCents: 12_800 });
        const rules = { ...invoiceInput().rules, vat: [{ ...invoiceInput().rules.vat[0], values: { standardBp: 900 } }] };
        const reduced = issuedInvoice(draftInvoice(invoiceInput({ payRunId: P03.id, period: P03, lines: [march], rules })).invoice, 2);
        const draft = () =>
          draftInvoice(
            invoiceInput({
              payRunId: P04.id,
              period: P04,
              differences: [difference(P02.id, [paid[0]], []), difference(P03.id, [march], [])],
              earlier: [invoiced, reduced],
            }),
          );
        expect(refusalOf(draft)).toMatchObject({ code: 'mixed_vat_rates', message: expect.stringContaining('2026-00001, 2026-00002') });
      });

      it('ignores the pool’s guaranteed-hours top-ups: never invoiced', () => {
        const topUp = { ...difference(P02.id, [paid[0]], []), source: 'top-up:2026-W06', placementId: undefined, employerId: undefined };
        expect(draftWith(topUp)).toEqual({});
      });
    });
  });

  describe('input', () => {
    it('drafts nothing for a hirer without hours or differences', () => expect(draftInvoice(invoiceInput())).toEqual({}));

    it('refuses another hirer’s line', () => {
      const lines = [{ ...payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800 }), employerId: 'bakkerij' }];
      expect(refusalOf(() => draftInvoice(invoiceInput({ lines })))).toMatchObject({ code: 'other_hirers_line' });
    });

    it('refuses a placement it was not told of', () => {
      const lines = [payLine({ day: '2026-02-02', minutes: 480, grossCents: 12_800, placementId: 'p9' })];
      expect(refusalOf(() => draftInvoice(invoiceInput({ lines })))).toMatchObject({ code: 'unknown_placement' });
    });

    it('refuses a payment term that is not a whole number of days up to a year', () => {
      expect(refusalOf(() => draftInvoice(invoiceInput({ paymentTermDays: 1.5 })))).toMatchObject({ code: 'invalid_payment_term' });
    });
  });
});
