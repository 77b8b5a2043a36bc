import { DomainError } from '@banenpool/domain';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@banenpool/event-store';
import { stateAsAppliedOn, stateAsKnownAt } from './as-of.js';
import { streamOf } from './audit-subject.js';
import { auditHistory } from './history.js';
import { invoiceLineProvenance, lineProvenanceOf } from './invoice-provenance.js';
import { provenanceSentences } from './invoice-provenance-text.js';
import {
  AGREEMENT,
  CREDIT_NOTE,
  creditNoteStream,
  INVOICE,
  invoiceStream,
  invoiceWorld,
  NEXT_PAY_RUN,
  PAY_RUN,
  REBILL,
  rebillStream,
  TIMESHEET,
} from './invoice.fixtures.js';

/** A store holding the world's streams, counting the reads of each. */
function storeOf(streams: Map<string, RecordedEvent[]>) {
  const reads: string[] = [];
  const read = (streamId: string, { fromRevision = 0, toRevision = Infinity }: ReadStreamOptions = {}) => {
    reads.push(streamId);
    return Promise.resolve((streams.get(streamId) ?? []).filter((e) => e.revision >= fromRevision && e.revision <= toRevision));
  };
  return { store: { readStream: read, readStreamForReplay: read } as unknown as EventStore, reads };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, code: error.code };
    throw error;
  }
  throw new Error('not refused');
};

describe('the provenance of an invoice line', () => {
  const world = invoiceWorld();
  const provenance = (line: number, invoice = world.get('invoice-2026-1')!, streams = world) =>
    lineProvenanceOf(invoice, INVOICE, line, streams);

  it('leads to the timesheet line as approved in the approval the pay run paid, not a later one', () => {
    const [source] = provenance(1).sources;
    expect(source.source).toMatchObject({ payRunId: PAY_RUN, timesheetId: TIMESHEET, timesheetVersion: 1, lineIndex: 1 });
    expect(source.timesheetLine).toEqual({
      approval: expect.objectContaining({ streamId: `timesheet-${TIMESHEET}`, revision: 2, type: 'TimesheetApproved' }),
      approvedVersion: 1,
      approvedBy: 'employer:planning@visschedijk',
      line: { day: '2026-01-14', start: '08:00', end: '12:00', breakMinutes: 0, hourType: 'sick' },
    });
  });

  it('leads to the pay line of the final attempt, with its wage row, and to the CAO version and rule rows it names', () => {
    const { sources, caoVersions, ruleRows } = provenance(0);
    expect(sources[0].payLine).toMatchObject({
      attempt: 2,
      recorded: { streamId: `pay-run-${PAY_RUN}`, revision: 3, type: 'PayLinesCalculated' },
      finalized: { revision: 4, actor: 'operator:bram' },
      paidAs: { kind: 'line' },
      grossWageCents: 6400,
      line: { wage: { hourlyCents: 1600, cao: { code: 'schoonmaak', effectiveFrom: '2026-01-01', revision: 0, scale: 'A', step: 1 } } },
    });
    // Revision 0 is the publication, not the correction recorded after the invoice.
    expect(caoVersions).toEqual([
      expect.objectContaining({
        code: 'schoonmaak',
        revision: 0,
        scaleHourlyCents: 1600,
        recorded: expect.objectContaining({ revision: 1 }),
      }),
    ]);
    expect(ruleRows.map((r) => `${r.table} ${r.effectiveFrom} ${r.revision} ${r.recorded.streamId}@${r.recorded.revision}`)).toEqual([
      'minimum-wage 2026-01-01 0 rules-minimum-wage@2',
      'holiday-allowance 2020-01-01 0 rules-holiday-allowance@0',
      'sick-pay-and-leave 2020-01-01 0 rules-sick-pay-and-leave@0',
    ]);
    expect(ruleRows[0]).toMatchObject({ values: { adultHourlyCents: 1471 }, source: { title: expect.any(String) } });
  });

  it('names the rate agreement with its cost-price check and the VAT row, and computes the amount again to the cent', () => {
    const { rateAgreement, vat, recomputed, discrepancies } = provenance(1);
    expect(rateAgreement).toMatchObject({
      agreed: { streamId: 'rates-visschedijk', revision: 0, type: 'RateAgreed' },
      terms: { agreementId: AGREEMENT, rate: { kind: 'factor', factorBp: 18_500 }, check: { costFactorBp: 14_200 } },
    });
    expect(vat).toMatchObject({ bp: 2100, row: { table: 'vat', values: { standardBp: 2100 }, recorded: { streamId: 'rules-vat' } } });
    expect(recomputed).toMatchObject({ amountCents: 10_885, storedAmountCents: 10_885, equal: true, price: { surchargeBp: 0 } });
    expect(discrepancies).toEqual([]);
  });

  it('shows a stored amount its records do not give, and a record that is missing, as discrepancies', () => {
    const wrong = provenance(1, invoiceStream(10_900));
    expect(wrong.recomputed).toMatchObject({ amountCents: 10_885, storedAmountCents: 10_900, equal: false });
    expect(wrong.discrepancies).toEqual([expect.stringContaining('10885 cents, not the 10900 stored')]);

    const withoutSheet = new Map(world);
    withoutSheet.delete(`timesheet-${TIMESHEET}`);
    withoutSheet.delete('rates-visschedijk');
    const missing = provenance(0, undefined, withoutSheet);
    expect(missing).toMatchObject({ rateAgreement: null, recomputed: { amountCents: null, equal: false } });
    expect(missing.sources[0].timesheetLine).toBeNull();
    expect(missing.discrepancies).toEqual([
      `The hirer's rate agreements hold no agreement ${AGREEMENT}.`,
      `Timesheet ${TIMESHEET} has no approval 1 on record.`,
    ]);
  });

  it('of a credit note: the invoice line it credits and why, from the same records', () => {
    const credit = lineProvenanceOf(creditNoteStream(), CREDIT_NOTE, 0, world);
    expect(credit).toMatchObject({
      document: { kind: 'credit_note', number: CREDIT_NOTE },
      credits: { invoiceId: INVOICE, lineIndex: 1, reasons: [{ kind: 'timesheet_corrected', version: 2 }] },
      recomputed: { amountCents: 10_885, equal: true },
      discrepancies: [],
    });
    expect(credit.sources[0].timesheetLine?.approvedVersion).toBe(1);
  });

  it('of a day billed anew: the due line of the later run that paid the difference, and the approval it paid', () => {
    const rebilled = lineProvenanceOf(rebillStream(), REBILL, 0, world);
    const [source] = rebilled.sources;
    expect(source.timesheetLine).toMatchObject({ approvedVersion: 2, line: { day: '2026-01-14', end: '13:00', hourType: 'normal' } });
    expect(source.payLine).toMatchObject({
      recorded: { streamId: `pay-run-${NEXT_PAY_RUN}`, type: 'PayLinesCalculated' },
      paidAs: { kind: 'difference', periodId: PAY_RUN, reasons: [{ kind: 'timesheet_corrected', version: 2 }] },
      line: { timesheetVersion: 2, minutes: 300 },
      grossWageCents: 8000,
    });
    expect(rebilled).toMatchObject({ recomputed: { amountCents: 14_800, equal: true }, discrepancies: [] });
  });

  it('refuses a line the document does not have, and a document never issued (404)', () => {
    expect(refusal(() => provenance(2))).toEqual({ kind: 'not_found', code: 'invoice_line_not_found' });
    expect(refusal(() => lineProvenanceOf([], INVOICE, 0, world))).toEqual({ kind: 'not_found', code: 'audit_subject_not_found' });
  });

  it('reads each stream once from the store, however many sources share it', async () => {
    const { store, reads } = storeOf(world);
    expect(await invoiceLineProvenance(store, '2026-1', 1)).toEqual(provenance(1));
    expect(reads.sort()).toEqual(
      [
        'invoice-2026-1',
        'rates-visschedijk',
        `pay-run-${PAY_RUN}`,
        `timesheet-${TIMESHEET}`,
        'cao-schoonmaak',
        'rules-vat',
        'rules-minimum-wage',
        'rules-holiday-allowance',
        'rules-sick-pay-and-leave',
      ].sort(),
    );
  });

  it('reads as sentences for the terminal', () => {
    const sentences = provenanceSentences(provenance(1));
    expect(sentences[0]).toBe('Line 1 of invoice 2026-00001 to visschedijk: placement anna-vis, sick, 4:00 h, € 108,85.');
    expect(sentences).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Rate agreement vis-factor: 185 % of the gross wage'),
        expect.stringContaining('2026-01-14: timesheet anna-vis-2026-W03 approval 1 line 1 (08:00–12:00, break 0 min, sick'),
        'Computed again from these records: € 108,85, as stored.',
      ]),
    );
  });
});

describe('an invoice, audited', () => {
  const subject = { kind: 'invoice', id: INVOICE } as const;

  it('lives in the stream of its number, written either way', () => {
    expect(streamOf(subject)).toBe('invoice-2026-1');
    expect(streamOf({ kind: 'invoice', id: '2026-1' })).toBe('invoice-2026-1');
    expect(refusal(() => streamOf({ kind: 'invoice', id: 'P02-visschedijk' }))).toEqual({
      kind: 'not_found',
      code: 'audit_subject_not_found',
    });
  });

  it('has a history from the number its ledger assigned to its payment, with who and when, and the VAT row it used', async () => {
    const { store, reads } = storeOf(invoiceWorld());
    const history = await auditHistory(store, subject);
    expect(history.entries.map((e) => `${e.streamId}@${e.revision} ${e.type} by ${e.actor}`)).toEqual([
      'invoice-numbers-2026@0 InvoiceNumberAssigned by operator:anna',
      'invoice-2026-1@0 InvoiceIssued by operator:anna',
      'invoice-2026-1@1 InvoiceSent by operator:anna',
      'invoice-2026-1@2 InvoicePaid by operator:anna',
    ]);
    expect(history.entries[1].rules).toEqual([{ rule: 'rule_table', table: 'vat', version: '2020-01-01', revision: 0 }]);
    expect(reads).toEqual(['invoice-2026-1', 'invoice-numbers-2026']);
  });

  it('as known at a moment, and as it stood on a date by the dates it carries', async () => {
    const { store } = storeOf(invoiceWorld());
    const known = await stateAsKnownAt(store, subject, new Date('2026-02-10T00:00:00Z'));
    expect(known).toMatchObject({ eventsReplayed: 2, state: { status: 'issued', kind: 'invoice', sentOn: '2026-02-04', paidCents: 0 } });
    const now = new Date('2026-12-31T00:00:00Z');
    expect((await stateAsAppliedOn(store, subject, '2026-02-01', now)).applies).toEqual({ issued: false });
    expect((await stateAsAppliedOn(store, subject, '2026-02-19', now)).applies).toMatchObject({
      issued: true,
      overdue: false,
      paidCents: 0,
    });
    expect((await stateAsAppliedOn(store, subject, '2026-03-06', now)).applies).toMatchObject({
      overdue: true,
      paidCents: 10_000,
      openCents: 17_497,
    });
  });
});
