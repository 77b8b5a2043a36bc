import { assertNever, type Rate } from '@banenpool/domain';
import type { LineProvenance, SourceProvenance } from './invoice-provenance.js';
import { euros, percent } from './money-text.js';
import { describeRule } from './rules-used.js';

const hours = (minutes: number) => `${Math.trunc(minutes / 60)}:${String(minutes % 60).padStart(2, '0')} h`;

function rateText(rate: Rate): string {
  switch (rate.kind) {
    case 'factor':
      return `${percent(rate.factorBp)} of the gross wage`;
    case 'fixed':
      return `${euros(rate.hourlyCents)} an hour`;
    default:
      return assertNever(rate);
  }
}

/** A line's provenance in sentences, for a reader at a terminal: the line, its agreement, each source, the VAT, the amount again. */
export function provenanceSentences(provenance: LineProvenance): string[] {
  const { document, line, lineIndex, rateAgreement, vat, recomputed, discrepancies } = provenance;
  const kind = document.kind === 'invoice' ? 'invoice' : 'credit note';
  const agreement = rateAgreement
    ? `Rate agreement ${line.rateAgreementId}: ${rateText(rateAgreement.terms.rate)} from ${rateAgreement.terms.from}, ` +
      `${line.hourType} hours + ${percent(line.surchargeBp)}, agreed ${rateAgreement.agreed.recordedAt} by ${rateAgreement.terms.by}.`
    : `Rate agreement ${line.rateAgreementId}: not on record.`;
  const vatRow = vat.row
    ? describeRule({ rule: 'rule_table', table: 'vat', version: vat.row.effectiveFrom, revision: vat.row.revision })
    : 'not on record';
  const amount = recomputed.amountCents === null ? 'not computable' : euros(recomputed.amountCents);
  return [
    `Line ${lineIndex} of ${kind} ${document.number} to ${document.employerId}: placement ${line.placementId}, ${line.hourType}, ` +
      `${hours(line.minutes)}, ${euros(line.amountCents)}.`,
    agreement,
    ...provenance.sources.map(sourceSentence),
    `VAT ${percent(vat.bp)} (${vatRow}).`,
    recomputed.equal
      ? `Computed again from these records: ${amount}, as stored.`
      : `Computed again from these records: ${amount}; stored ${euros(recomputed.storedAmountCents)}: DIFFERENT.`,
    ...discrepancies.map((text) => `DISCREPANCY: ${text}`),
  ];
}

function sourceSentence({ source, timesheetLine, payLine }: SourceProvenance): string {
  const sheet = `timesheet ${source.timesheetId} approval ${source.timesheetVersion} line ${source.lineIndex}`;
  const approved = timesheetLine
    ? `${timesheetLine.line.start}–${timesheetLine.line.end}, break ${timesheetLine.line.breakMinutes} min, ${timesheetLine.line.hourType}, ` +
      `approved ${timesheetLine.approval.recordedAt} by ${timesheetLine.approvedBy}`
    : 'approval not on record';
  if (!payLine) return `${source.day}: ${sheet} (${approved}); pay line not on record.`;
  const { wage } = payLine.line;
  const cao = describeRule({
    rule: 'cao',
    code: wage.cao.code,
    version: wage.cao.effectiveFrom,
    revision: wage.cao.revision,
    scale: wage.cao.scale,
    step: wage.cao.step,
  });
  const minimum = describeRule({
    rule: 'minimum_wage_table',
    version: wage.minimumWage.rule.effectiveFrom,
    revision: wage.minimumWage.rule.revision,
    age: wage.age,
  });
  return (
    `${source.day}: ${sheet} (${approved}); paid in pay run ${source.payRunId} attempt ${payLine.attempt} at ${euros(wage.hourlyCents)} an hour ` +
    `(${cao}, youth ${percent(wage.cao.youthBp)}; ${minimum}), gross wage ${euros(payLine.grossWageCents)}.`
  );
}
