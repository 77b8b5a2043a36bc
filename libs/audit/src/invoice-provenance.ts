import {
  caoStreamId,
  INVOICE_ROUNDING_RULE,
  invoiceDecider,
  lineAmountCents,
  notFound,
  payRunStreamId,
  rateAgreementsStreamId,
  ruleTableStreamId,
  timesheetStreamId,
  type DifferenceReason,
  type InvoiceLine,
  type InvoiceLineSource,
  type InvoiceState,
  type LinePrice,
  type PayLine,
  type RateAgreed,
} from '@banenpool/domain';
import type { EventStore, RecordedEvent } from '@banenpool/event-store';
import { invoiceStreamOf } from './invoice-subject.js';
import {
  agreementOf,
  approvedLineOf,
  caoVersionOf,
  paidLineOf,
  recordOf,
  ruleRowOf,
  type AgreementRecord,
  type ApprovedLine,
  type CaoVersionRecord,
  type Flag,
  type PaidLine,
  type RecordRef,
  type RuleRowRecord,
} from './provenance-records.js';
import { foldStream } from './replay.js';

export type { AgreementRecord, ApprovedLine, CaoVersionRecord, PaidLine, RecordRef, RuleRowRecord } from './provenance-records.js';

/** One paid timesheet line behind an invoice line, followed back to what was recorded. */
export interface SourceProvenance {
  /** As the invoice line holds it. */
  readonly source: InvoiceLineSource;
  /** The line as the hirer approved it, in the approval the pay run paid; null when the records hold none. */
  readonly timesheetLine: ApprovedLine | null;
  /** The pay line of the pay run's final attempt (its wage row: CAO version, scale, step, youth %, minimum-wage row; its rule rows). */
  readonly payLine: PaidLine | null;
}

/** Where an invoice or credit-note line comes from, and its amount computed again from those records. */
export interface LineProvenance {
  readonly document: {
    readonly invoiceId: string;
    readonly number: string;
    readonly kind: 'invoice' | 'credit_note';
    readonly employerId: string;
    readonly periodId: string;
    readonly payRunId: string;
    readonly issuedOn: string;
    readonly issued: RecordRef;
  };
  readonly lineIndex: number;
  readonly line: Omit<InvoiceLine, 'sources'>;
  /** A credit note's line: the invoice line it credits as first invoiced, and why it was wrong. */
  readonly credits?: { readonly invoiceId: string; readonly lineIndex: number; readonly reasons: readonly DifferenceReason[] };
  /** The agreement that priced the line, as agreed (with its cost-price check) and, if so, ended. */
  readonly rateAgreement: AgreementRecord | null;
  readonly sources: readonly SourceProvenance[];
  /** The CAO versions the sources' wages were read from, each with the scale and step's figure in it. */
  readonly caoVersions: readonly CaoVersionRecord[];
  /** The rule rows the sources' pay used (minimum wage, holiday allowance, sick pay and leave), each once. */
  readonly ruleRows: readonly RuleRowRecord[];
  /** The document's VAT: its rate and the row of the VAT table it came from. */
  readonly vat: { readonly bp: number; readonly row: RuleRowRecord | null };
  /**
   * The line's amount computed again with `lineAmountCents` from the pay lines' minutes and gross wage and
   * the agreement's rate and surcharge for the hour type; null when a record it needs is missing.
   */
  readonly recomputed: {
    readonly amountCents: number | null;
    readonly storedAmountCents: number;
    readonly equal: boolean;
    readonly price: LinePrice | null;
    readonly rounding: typeof INVOICE_ROUNDING_RULE;
  };
  /** Every way the records disagree with the line; empty when it replays exactly. */
  readonly discrepancies: readonly string[];
}

/** The streams a provenance reads, each read once, by stream id. */
export type StreamsRead = ReadonlyMap<string, readonly RecordedEvent[]>;

type IssuedDocument = Exclude<InvoiceState, { status: 'none' }>;

/**
 * Where an invoice line comes from. Reads the document's stream, then at once the hirer's rate
 * agreements and every pay run and timesheet its sources name, then at once the CAO and rule-table
 * streams their pay lines name: each stream once, however many sources share it.
 */
export async function invoiceLineProvenance(store: EventStore, invoiceId: string, lineIndex: number): Promise<LineProvenance> {
  const invoiceEvents = await store.readStream(invoiceStreamOf(invoiceId));
  const { document, line } = documentLine(invoiceEvents, invoiceId, lineIndex);
  const streams = await readStreams(store, new Map(), [
    rateAgreementsStreamId(document.employerId),
    ...line.sources.map((source) => payRunStreamId(source.payRunId)),
    ...line.sources.map((source) => timesheetStreamId(source.timesheetId)),
  ]);
  const paid = paidLines(line, streams);
  const rules = [document.document.vat.rule, ...paid.flatMap((p) => [p.line.wage.minimumWage.rule, ...p.line.rules])];
  await readStreams(store, streams, [
    ...paid.map((p) => caoStreamId(p.line.wage.cao.code)),
    ...rules.map((rule) => ruleTableStreamId(rule.table)),
  ]);
  return lineProvenanceOf(invoiceEvents, invoiceId, lineIndex, streams);
}

async function readStreams(store: EventStore, into: Map<string, readonly RecordedEvent[]>, streamIds: readonly string[]) {
  const toRead = [...new Set(streamIds)].filter((id) => !into.has(id));
  const read = await Promise.all(toRead.map((id) => store.readStream(id)));
  toRead.forEach((id, i) => into.set(id, read[i]));
  return into;
}

/** The provenance of one line from its document's events and the streams read for it (an empty stream: nothing recorded). */
export function lineProvenanceOf(
  invoiceEvents: readonly RecordedEvent[],
  invoiceId: string,
  lineIndex: number,
  streams: StreamsRead,
): LineProvenance {
  const { document, line, issued } = documentLine(invoiceEvents, invoiceId, lineIndex);
  const discrepancies: string[] = [];
  const flag: Flag = (text) => discrepancies.push(text);
  const stream = (streamId: string) => streams.get(streamId) ?? [];
  const { sources: _sources, ...lineFields } = line;
  const agreement = agreementOf(stream(rateAgreementsStreamId(document.employerId)), line, flag);
  const sources = line.sources.map((source) => sourceProvenance(source, line, stream, flag));
  const paid = sources.flatMap((s) => (s.payLine ? [s.payLine] : []));
  checkSums(line, flag);
  return {
    document: documentFacts(document, issued),
    lineIndex,
    line: lineFields,
    ...(document.kind === 'credit_note' && { credits: creditedBy(document, lineIndex) }),
    rateAgreement: agreement,
    sources,
    caoVersions: distinctBy(paid, (p) => JSON.stringify(caoKey(p.line)))
      .map((p) => caoVersionOf(stream(caoStreamId(p.line.wage.cao.code)), p.line.wage.cao, flag))
      .filter((v): v is CaoVersionRecord => v !== undefined),
    ruleRows: distinctBy(
      paid.flatMap((p) => [p.line.wage.minimumWage.rule, ...p.line.rules]),
      (ref) => JSON.stringify(ref),
    ).flatMap((ref) => ruleRowOf(stream(ruleTableStreamId(ref.table)), ref, flag) ?? []),
    vat: vatOf(document, stream, flag),
    recomputed: recomputation(line, agreement?.terms, sources, flag),
    discrepancies,
  };
}

function documentLine(invoiceEvents: readonly RecordedEvent[], invoiceId: string, lineIndex: number) {
  const document = foldStream(invoiceDecider, invoiceEvents);
  if (document.status === 'none') notFound('audit_subject_not_found', `Nothing was ever recorded about invoice ${invoiceId}.`);
  const { lines, number } = document.document;
  const line = lines[lineIndex];
  if (!Number.isInteger(lineIndex) || line === undefined) {
    notFound('invoice_line_not_found', `Document ${number} has ${lines.length} lines, numbered from 0: there is no line ${lineIndex}.`);
  }
  const issued = invoiceEvents.find((event) => event.type === 'InvoiceIssued' || event.type === 'CreditNoteIssued')!;
  return { document, line, issued };
}

function documentFacts({ kind, document }: IssuedDocument, issued: RecordedEvent): LineProvenance['document'] {
  const { invoiceId, number, employerId, periodId, payRunId, issuedOn } = document;
  return { invoiceId, number, kind, employerId, periodId, payRunId, issuedOn, issued: recordOf(issued) };
}

/** A credit note's lines are the lines it names in `corrects`, in that order. */
function creditedBy(document: Extract<IssuedDocument, { kind: 'credit_note' }>, lineIndex: number): LineProvenance['credits'] {
  const { corrects, reasons } = document.document;
  const credited = corrects.flatMap(({ invoiceId, lineIndices }) => lineIndices.map((index) => ({ invoiceId, lineIndex: index })));
  return { ...credited[lineIndex], reasons };
}

function sourceProvenance(
  source: InvoiceLineSource,
  line: InvoiceLine,
  stream: (streamId: string) => readonly RecordedEvent[],
  flag: Flag,
): SourceProvenance {
  const timesheetLine = approvedLineOf(stream(timesheetStreamId(source.timesheetId)), source, line.hourType, flag);
  const payLine = paidLineOf(stream(payRunStreamId(source.payRunId)), line, source, flag);
  return { source, timesheetLine: timesheetLine ?? null, payLine: payLine ?? null };
}

/** The pay lines found, to know which CAO and rule streams to read; what disagrees is noted when the provenance is assembled. */
function paidLines(line: InvoiceLine, streams: StreamsRead): PaidLine[] {
  const ignore: Flag = () => undefined;
  return line.sources.flatMap((source) => paidLineOf(streams.get(payRunStreamId(source.payRunId)) ?? [], line, source, ignore) ?? []);
}

// What the decider checked when it was issued, checked again on the line as stored.
function checkSums(line: InvoiceLine, flag: Flag): void {
  const minutes = line.sources.reduce((sum, source) => sum + source.minutes, 0);
  const gross = line.sources.reduce((sum, source) => sum + source.grossWageCents, 0);
  if (minutes !== line.minutes) flag(`The line holds ${line.minutes} minutes; its sources ${minutes}.`);
  if (gross !== line.grossWageCents) flag(`The line holds a gross wage of ${line.grossWageCents} cents; its sources ${gross}.`);
}

const caoKey = ({ wage: { cao } }: PayLine) => [cao.code, cao.effectiveFrom, cao.revision, cao.scale, cao.step];

function vatOf({ document }: IssuedDocument, stream: (streamId: string) => readonly RecordedEvent[], flag: Flag): LineProvenance['vat'] {
  const { bp, rule } = document.vat;
  const row = ruleRowOf(stream(ruleTableStreamId(rule.table)), rule, flag);
  const rowBp = (row?.values as { standardBp?: number } | undefined)?.standardBp;
  if (row && rowBp !== bp) flag(`The document's VAT is ${bp} basis points; the row it names says ${rowBp}.`);
  return { bp, row: row ?? null };
}

/** The amount again, from the records only: the pay lines' minutes and gross wage, the agreement's rate and surcharge. */
function recomputation(
  line: InvoiceLine,
  agreed: RateAgreed['data'] | undefined,
  sources: readonly SourceProvenance[],
  flag: Flag,
): LineProvenance['recomputed'] {
  const price = agreed && { rateAgreementId: agreed.agreementId, rate: agreed.rate, surchargeBp: agreed.surchargesBp[line.hourType] ?? 0 };
  const paid = sources.map(
    ({ source, payLine }) => payLine && { ...source, minutes: payLine.line.minutes, grossWageCents: payLine.grossWageCents },
  );
  const complete = paid.every((source): source is InvoiceLineSource => source !== null);
  const amountCents = price && complete ? lineAmountCents(price, paid) : null;
  const equal = amountCents === line.amountCents;
  if (amountCents !== null && !equal)
    flag(`Computed again, the line's amount is ${amountCents} cents, not the ${line.amountCents} stored.`);
  return { amountCents, storedAmountCents: line.amountCents, equal, price: price ?? null, rounding: INVOICE_ROUNDING_RULE };
}

function distinctBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
