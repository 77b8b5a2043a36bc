import type { DifferenceLine, DifferenceReason, PayLine, PayPeriod } from '../payroll/pay-run.events.js';
import { rateInForce, type RateAgreementView, type RatedPlacement } from '../rate-agreement/rate-in-force.js';
import { refOf, vatOn, type RuleBook } from '../rules/rule-book.js';
import { refuse } from '../shared/domain-error.js';
import { requireDate } from '../shared/guards.js';
import { addDays, type LocalDate } from '../shared/local-date.js';
import type { BasisPoints } from '../shared/money.js';
import { correctionOf, type IssuedDocument, type LiveLine } from './invoice-corrections.js';
import { INVOICE_ROUNDING_RULE, type CreditNoteIssued, type InvoiceIssued, type InvoiceLine } from './invoice.events.js';
import { invoiceLinesOf, netOf, invoiceTotalsOf, type PricedSource } from './invoice-pricing.js';

export type { IssuedDocument } from './invoice-corrections.js';

/** A placement as invoicing needs it: whose hours they are, and what decides the rate agreement that covers them. */
export interface InvoicedPlacement extends RatedPlacement {
  readonly workerId: string;
}

/** Everything one hirer's invoicing of one finalized pay run depends on; read by the application, passed in whole. */
export interface InvoiceInput {
  readonly employerId: string;
  readonly payRunId: string;
  readonly period: PayPeriod;
  /** The run's pay lines of the hirer's placements (`employerId` = the hirer). */
  readonly lines: readonly PayLine[];
  /** The run's difference lines of the hirer's placements: days of earlier periods paid again. */
  readonly differences: readonly DifferenceLine[];
  /** Every placement the lines and differences name. */
  readonly placements: readonly InvoicedPlacement[];
  /** The hirer's rate agreements, ended ones included. */
  readonly rateAgreements: readonly RateAgreementView[];
  /** Every invoice and credit note issued to the hirer before. */
  readonly earlier: readonly IssuedDocument[];
  readonly rules: RuleBook;
  readonly issuedOn: LocalDate;
  readonly paymentTermDays: number;
}

type DraftedFields =
  'employerId' | 'periodId' | 'payRunId' | 'issuedOn' | 'dueOn' | 'lines' | 'vat' | 'gAccountShareBp' | 'totals' | 'rounding';

/** An invoice as drafted: everything but its number and who issues it. */
export type InvoiceDocumentDraft = Pick<InvoiceIssued['data'], DraftedFields>;
export type CreditNoteDraft = Pick<CreditNoteIssued['data'], DraftedFields | 'corrects' | 'reasons'>;

/**
 * What invoicing a period gives a hirer: an invoice when anything is to be billed (the period's
 * hours and the earlier days billed anew), a credit note when earlier lines were made wrong; neither
 * when the hirer had no hours and nothing changed.
 */
export interface InvoiceDraft {
  readonly invoice?: InvoiceDocumentDraft;
  readonly creditNote?: CreditNoteDraft;
}

const MAX_PAYMENT_TERM_DAYS = 365;

/**
 * The hirer's documents for a finalized pay run. Lines: per placement × hour type × the rate
 * agreement in force on each day, the period's own first, then the earlier days billed anew.
 * Sick, leave and public-holiday hours are invoiced like any other hour at the agreement's rate
 * (with its surcharge for that hour type, if any): the pool pays them as the hirer's employer, and a
 * factor rate applies to the wage paid for them (a sick day's reduced pay is billed reduced).
 */
export function draftInvoice(input: InvoiceInput): InvoiceDraft {
  requireSoundInput(input);
  const priced = pricing(input);
  const correction = correctionOf(input.earlier, input.period.id, input.differences);
  const lines = [...invoiceLinesOf(input.lines.map(priced)), ...invoiceLinesOf([...correction.kept, ...correction.due.map(priced)])];
  const common = {
    employerId: input.employerId,
    periodId: input.period.id,
    payRunId: input.payRunId,
    issuedOn: input.issuedOn,
    dueOn: addDays(input.issuedOn, input.paymentTermDays),
    gAccountShareBp: hirerShareOn(input.rateAgreements, input.period.to),
    rounding: INVOICE_ROUNDING_RULE,
  };
  return {
    ...(lines.length > 0 && { invoice: invoiceOf(common, lines, input.rules, input.period.to) }),
    ...(correction.credited.length > 0 && { creditNote: creditNoteOf(common, correction.credited, correction.reasons) }),
  };
}

type Common = Omit<InvoiceDocumentDraft, 'lines' | 'vat' | 'totals'>;

function invoiceOf(common: Common, lines: InvoiceLine[], rules: RuleBook, lastDay: LocalDate): InvoiceDocumentDraft {
  const row = vatOn(rules, lastDay);
  const vat = { bp: row.values.standardBp, rule: refOf(row) };
  return { ...common, lines, vat, totals: invoiceTotalsOf(netOf(lines), vat.bp, common.gAccountShareBp) };
}

/**
 * Credits the lines as they were invoiced, with the VAT rate of the invoices they are on (a
 * correction is taxed as what it corrects); its totals are the negated ones of their net (0 − net: never −0).
 */
function creditNoteOf(common: Common, credited: readonly LiveLine[], reasons: readonly DifferenceReason[]): CreditNoteDraft {
  const lines = credited.map((live) => live.line);
  const vat = vatOfCredited(credited);
  const corrects = [...new Set(credited.map((live) => live.invoice.invoiceId))].map((invoiceId) => ({
    invoiceId,
    lineIndices: credited.filter((live) => live.invoice.invoiceId === invoiceId).map((live) => live.lineIndex),
  }));
  return {
    ...common,
    lines,
    vat,
    totals: invoiceTotalsOf(0 - netOf(lines), vat.bp, common.gAccountShareBp),
    corrects,
    reasons: [...reasons],
  };
}

// A new row of the VAT table at the same rate changes nothing; a changed rate needs a credit note of its own.
function vatOfCredited(credited: readonly LiveLine[]): CreditNoteDraft['vat'] {
  const rates = new Set(credited.map(({ invoice }) => invoice.vat.bp));
  if (rates.size > 1) {
    const numbers = [...new Set(credited.map(({ invoice }) => invoice.number))].join(', ');
    refuse(
      'mixed_vat_rates',
      `The lines to credit are on invoices ${numbers}, taxed at different VAT rates; one credit note holds one rate.`,
    );
  }
  return credited[0].invoice.vat;
}

/** The G-account share of the hirer's own agreement (scope: the hirer) on the period's last day; none: 0. */
function hirerShareOn(agreements: readonly RateAgreementView[], day: LocalDate): BasisPoints {
  const own = agreements.find((a) => a.scope.kind === 'employer' && a.from <= day && (a.to === undefined || day <= a.to));
  return own?.gAccountShareBp ?? 0;
}

/** Prices a pay line by the agreement in force for its placement on its day. */
function pricing({ employerId, payRunId, placements, rateAgreements }: InvoiceInput): (line: PayLine) => PricedSource {
  const byId = new Map(placements.map((placement) => [placement.placementId, placement]));
  return (line) => {
    const placement =
      byId.get(line.placementId) ??
      refuse('unknown_placement', `Placement ${line.placementId} of the pay run is not among the hirer's placements.`);
    const agreement =
      rateInForce(rateAgreements, placement, line.day) ??
      refuse(
        'no_rate_agreement',
        `No rate agreement with ${employerId} is in force for placement ${line.placementId} on ${line.day}: agree a rate for that day before invoicing it.`,
      );
    return {
      placementId: line.placementId,
      workerId: placement.workerId,
      hourType: line.hourType,
      price: { rateAgreementId: agreement.agreementId, rate: agreement.rate, surchargeBp: agreement.surchargesBp[line.hourType] ?? 0 },
      source: {
        payRunId,
        timesheetId: line.timesheetId,
        timesheetVersion: line.timesheetVersion,
        lineIndex: line.lineIndex,
        day: line.day,
        minutes: line.minutes,
        grossWageCents: line.amounts.wageCents + line.amounts.surchargeCents,
      },
    };
  };
}

// The application reads the hirer's lines; these checks keep a draft sound whoever calls it.
function requireSoundInput({ employerId, lines, differences, issuedOn, paymentTermDays }: InvoiceInput): void {
  requireDate(issuedOn, 'The issue date');
  if (!Number.isInteger(paymentTermDays) || paymentTermDays < 0 || paymentTermDays > MAX_PAYMENT_TERM_DAYS) {
    refuse('invalid_payment_term', `The payment term must be 0 to ${MAX_PAYMENT_TERM_DAYS} days, not ${paymentTermDays}.`);
  }
  const other = [...lines, ...differences].find((line) => line.employerId !== undefined && line.employerId !== employerId);
  if (other !== undefined) {
    refuse(
      'other_hirers_line',
      `A line of ${other.day} is of hirer ${other.employerId}, not of ${employerId}: invoice each hirer its own.`,
    );
  }
}
