import {
  minutesOfLine,
  type CaoVersionCorrected,
  type CaoVersionPublished,
  type DayWage,
  type DifferenceReason,
  type InvoiceLine,
  type InvoiceLineSource,
  type PayLine,
  type PayLinesCalculated,
  type PayRunFinalized,
  type RateAgreed,
  type RateAgreementEnded,
  type RuleEvent,
  type RuleRef,
  type RuleSource,
  type TimesheetApproved,
  type TimesheetLine,
} from '@banenpool/domain';
import type { RecordedEvent } from '@banenpool/event-store';
import { domainEventOf } from './replay.js';

/** Notes a way the records disagree with the invoice line. */
export type Flag = (text: string) => void;

/** Where a fact was recorded: the event to look up (and whose hash to check) in the store. */
export interface RecordRef {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly actor?: string;
}

export const recordOf = (event: RecordedEvent): RecordRef => ({
  streamId: event.streamId,
  revision: event.revision,
  eventId: event.eventId,
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  ...(event.metadata.actor !== undefined && { actor: event.metadata.actor }),
});

// The sources of a line share their events (a week's approval, a worker's pay lines): each is read through its schema once.
const parsed = new WeakMap<RecordedEvent, unknown>();
function eventOf<Event>(event: RecordedEvent): Event {
  if (!parsed.has(event)) parsed.set(event, domainEventOf(event));
  return parsed.get(event) as Event;
}

const field = <T>(event: RecordedEvent, name: string) => (event.data as Record<string, T | undefined>)[name];

/** A timesheet line as the hirer approved it, and the approval. */
export interface ApprovedLine {
  readonly approval: RecordRef;
  readonly approvedVersion: number;
  readonly approvedBy: string;
  readonly onBehalfOf?: string;
  readonly line: TimesheetLine;
}

/** The timesheet line as approved in the approval the pay run paid (`timesheetVersion`), checked against the source. */
export function approvedLineOf(
  sheet: readonly RecordedEvent[],
  source: InvoiceLineSource,
  hourType: InvoiceLine['hourType'],
  flag: Flag,
): ApprovedLine | undefined {
  const { timesheetId, timesheetVersion, lineIndex, day } = source;
  const event = sheet.find((e) => e.type === 'TimesheetApproved' && field(e, 'approvedVersion') === timesheetVersion);
  if (!event) return void flag(`Timesheet ${timesheetId} has no approval ${timesheetVersion} on record.`);
  const { lines, by, onBehalfOf } = eventOf<TimesheetApproved>(event).data;
  const line = lines[lineIndex];
  if (!line) return void flag(`Approval ${timesheetVersion} of timesheet ${timesheetId} has no line ${lineIndex}.`);
  const where = `Line ${lineIndex} of approval ${timesheetVersion} of timesheet ${timesheetId}`;
  if (line.day !== day) flag(`${where} is of ${line.day}, not of ${day}.`);
  if (line.hourType !== hourType) flag(`${where} is of ${line.hourType} hours, not ${hourType}.`);
  if (minutesOfLine(line) !== source.minutes) flag(`${where} holds ${minutesOfLine(line)} minutes, not ${source.minutes}.`);
  return { approval: recordOf(event), approvedVersion: timesheetVersion, approvedBy: by, ...(onBehalfOf && { onBehalfOf }), line };
}

/** A pay line of a finalized run's final attempt, and what paid it. */
export interface PaidLine {
  /** The worker's `PayLinesCalculated` that holds it. */
  readonly recorded: RecordRef;
  readonly finalized: RecordRef;
  readonly attempt: number;
  /** `line`: a day of the run's own period; `difference`: a day of an earlier period paid again in this run, and why. */
  readonly paidAs:
    { readonly kind: 'line' } | { readonly kind: 'difference'; readonly periodId: string; readonly reasons: readonly DifferenceReason[] };
  readonly line: PayLine;
  /** Wage + CAO surcharge: what a factor rate is applied to. */
  readonly grossWageCents: number;
}

/** The pay line of the source's timesheet line and day in its pay run's final attempt, checked against the source. */
export function paidLineOf(run: readonly RecordedEvent[], line: InvoiceLine, source: InvoiceLineSource, flag: Flag): PaidLine | undefined {
  const { payRunId, timesheetId, timesheetVersion, lineIndex, day } = source;
  const finalized = run.find((e) => e.type === 'PayRunFinalized');
  if (!finalized) return void flag(`Pay run ${payRunId} is not finalized on record.`);
  const { attempt } = eventOf<PayRunFinalized>(finalized).data;
  const calculated = run.find(
    (e) => e.type === 'PayLinesCalculated' && field(e, 'attempt') === attempt && field(e, 'workerId') === line.workerId,
  );
  const { lines = [], differences = [] } = calculated ? eventOf<PayLinesCalculated>(calculated).data : {};
  const same = (l: PayLine) =>
    l.timesheetId === timesheetId && l.timesheetVersion === timesheetVersion && l.lineIndex === lineIndex && l.day === day;
  const own = lines.find(same);
  const difference = own ? undefined : differences.find((d) => d.dueLines.some(same));
  const paid = own ?? difference?.dueLines.find(same);
  if (!calculated || !paid) {
    return void flag(
      `Pay run ${payRunId} (attempt ${attempt}) paid worker ${line.workerId} no line ${lineIndex} of approval ${timesheetVersion} of timesheet ${timesheetId} on ${day}.`,
    );
  }
  const grossWageCents = paid.amounts.wageCents + paid.amounts.surchargeCents;
  const where = `The pay line of ${timesheetId} line ${lineIndex} on ${day}`;
  if (paid.minutes !== source.minutes) flag(`${where} pays ${paid.minutes} minutes; the invoice bills ${source.minutes}.`);
  if (grossWageCents !== source.grossWageCents)
    flag(`${where} pays a gross wage of ${grossWageCents} cents; the invoice holds ${source.grossWageCents}.`);
  if (paid.hourType !== line.hourType) flag(`${where} is of ${paid.hourType} hours; the invoice line of ${line.hourType}.`);
  if (paid.placementId !== line.placementId) flag(`${where} is of placement ${paid.placementId}; the invoice line of ${line.placementId}.`);
  const paidAs = difference
    ? { kind: 'difference' as const, periodId: difference.periodId, reasons: difference.reasons }
    : { kind: 'line' as const };
  return { recorded: recordOf(calculated), finalized: recordOf(finalized), attempt, paidAs, line: paid, grossWageCents };
}

/** A rate agreement as agreed (with its cost-price check) and, if so, ended. */
export interface AgreementRecord {
  readonly agreed: RecordRef;
  readonly terms: RateAgreed['data'];
  readonly ended?: { readonly recorded: RecordRef; readonly terms: RateAgreementEnded['data'] };
}

/** The agreement the line names, in the hirer's rate stream, checked against the line's price and days. */
export function agreementOf(rates: readonly RecordedEvent[], line: InvoiceLine, flag: Flag): AgreementRecord | null {
  const { rateAgreementId } = line;
  const agreedEvent = rates.find((e) => e.type === 'RateAgreed' && field(e, 'agreementId') === rateAgreementId);
  if (!agreedEvent) return (flag(`The hirer's rate agreements hold no agreement ${rateAgreementId}.`), null);
  const terms = eventOf<RateAgreed>(agreedEvent).data;
  if (JSON.stringify(terms.rate) !== JSON.stringify(line.rate)) {
    flag(`Agreement ${rateAgreementId} agreed the rate ${JSON.stringify(terms.rate)}; the line holds ${JSON.stringify(line.rate)}.`);
  }
  const surchargeBp = terms.surchargesBp[line.hourType] ?? 0;
  if (surchargeBp !== line.surchargeBp)
    flag(`Agreement ${rateAgreementId} surcharges ${line.hourType} hours ${surchargeBp} basis points; the line ${line.surchargeBp}.`);
  // Ending an agreement later leaves the days already invoiced as they were: the agreed period is what counts.
  for (const { day } of line.sources) {
    if (day < terms.from || (terms.to !== undefined && day > terms.to)) flag(`Agreement ${rateAgreementId} was not agreed for ${day}.`);
  }
  const endedEvent = rates.find((e) => e.type === 'RateAgreementEnded' && field(e, 'agreementId') === rateAgreementId);
  const ended = endedEvent && { recorded: recordOf(endedEvent), terms: eventOf<RateAgreementEnded>(endedEvent).data };
  return { agreed: recordOf(agreedEvent), terms, ...(ended && { ended }) };
}

/** A CAO version's revision the wage was read from, with the figure its content gives the scale and step. */
export interface CaoVersionRecord {
  readonly code: string;
  readonly effectiveFrom: string;
  readonly revision: number;
  readonly scale: string;
  readonly step: number;
  /** The scale and step's hourly wage in that revision's content (before any youth percentage); null when it has none. */
  readonly scaleHourlyCents: number | null;
  readonly recorded: RecordRef;
}

/** Revision 0 is the version's publication; revision n its n-th correction. */
export function caoVersionOf(cao: readonly RecordedEvent[], wage: DayWage['cao'], flag: Flag): CaoVersionRecord | undefined {
  const { code, effectiveFrom, revision, scale, step } = wage;
  const event = cao.find(
    (e) =>
      field(e, 'effectiveFrom') === effectiveFrom &&
      (revision === 0 ? e.type === 'CaoVersionPublished' : e.type === 'CaoVersionCorrected' && field(e, 'revision') === revision),
  );
  if (!event) return void flag(`CAO ${code} has no version from ${effectiveFrom} at revision ${revision} on record.`);
  const { wageScales } = eventOf<CaoVersionPublished | CaoVersionCorrected>(event).data.content;
  const scaleHourlyCents = (Object.hasOwn(wageScales, scale) ? wageScales[scale][step] : undefined) ?? null;
  if (scaleHourlyCents !== wage.scaleHourlyCents) {
    flag(
      `CAO ${code} version ${effectiveFrom} revision ${revision} gives scale ${scale} step ${step} ${scaleHourlyCents} cents; the pay line ${wage.scaleHourlyCents}.`,
    );
  }
  return { code, effectiveFrom, revision, scale, step, scaleHourlyCents, recorded: recordOf(event) };
}

/** A rule row at the revision a figure was read from: its values and source as recorded. */
export interface RuleRowRecord extends RuleRef {
  readonly effectiveUntil?: string;
  readonly values: unknown;
  readonly source: RuleSource;
  readonly reason?: string;
  readonly recorded: RecordRef;
}

/** Each event of a period is a revision of it, the first one 0 (as the rules decider counts them). */
export function ruleRowOf(table: readonly RecordedEvent[], ref: RuleRef, flag: Flag): RuleRowRecord | undefined {
  const event = table.filter((e) => field(e, 'effectiveFrom') === ref.effectiveFrom)[ref.revision];
  if (!event) return void flag(`The ${ref.table} table has no row from ${ref.effectiveFrom} at revision ${ref.revision} on record.`);
  const { effectiveUntil, values, source, reason } = eventOf<RuleEvent>(event).data;
  const { table: name, effectiveFrom, revision } = ref;
  return {
    table: name,
    effectiveFrom,
    revision,
    ...(effectiveUntil && { effectiveUntil }),
    values,
    source,
    ...(reason && { reason }),
    recorded: recordOf(event),
  };
}
