// Which fields of which events are personal data about a worker (crypto-shredding, ADR 0020).
// The event store encrypts exactly these fields with the worker's own data key; when that key is
// shredded, readers get the placeholders below instead, chosen so that every schema still parses
// them and every projection, decider and rebuild keeps working on an erased worker.

/** What an erased field reads as: a schema-valid stand-in, or the field left out (only for optional fields). */
export type ErasedValue = { readonly value: unknown } | { readonly omit: true };

/**
 * A field of each item of a top-level array, as `array[].field` (a timesheet line's remark). It can
 * only be left out when erased: which items had one is not kept in the clear.
 */
export type ItemFieldPath = `${string}[].${string}`;

/** Each personal field (a top-level data field, or an item field of an array) and what it reads as once erased. */
export type PersonalFields = Readonly<{ [field: string]: ErasedValue; [path: ItemFieldPath]: { readonly omit: true } }>;

export interface PersonalDataOfEvent {
  /** The data field holding the pseudonymous id of the person the fields are about (whose key encrypts them). */
  readonly subjectField: string;
  /**
   * `stream`: the event does not name its person; `subjectField` is read from the data of its
   * stream's first event instead. For streams about one worker throughout, whose first event names
   * them (a timesheet's HoursRegistered, a placement's PlacementProposed).
   */
  readonly subjectFrom?: 'stream';
  /**
   * `write_placeholders`: appended after the person's erasure, the fields are stored as their erased
   * placeholders (a remark about an erased worker's sheet is dropped, the command goes through);
   * without it such an append is refused.
   */
  readonly afterErasure?: 'write_placeholders';
  readonly fields: PersonalFields;
}

/** The text that stands for an erased name, place or remark: valid for `text` and `prose`, never a real name. */
export const ERASED_TEXT = '[erased]';
/**
 * The birth date an erased worker reads as: a valid date so age-dependent rules still run, far enough
 * back that every age rule treats the worker as an adult (the statutory adult minimum wage, no youth
 * percentage). Pay already calculated is kept in the pay-run events, which are not personal fields.
 */
export const ERASED_BIRTH_DATE = '1900-01-01';
/** An erased wage value reads as full productivity: no reduced wage value, so no subsidy follows from it. */
export const ERASED_WAGE_VALUE_BP = 10_000;

const erasedText: ErasedValue = { value: ERASED_TEXT };
const omitted = { omit: true } as const;
/** The subject of an event of a timesheet's or placement's stream that does not name its worker: the stream's worker. */
const ofStreamWorker = { subjectField: 'workerId', subjectFrom: 'stream', afterErasure: 'write_placeholders' } as const;
/** A timesheet line's remark (free text, may say why hours were missed); the lines' hours stay in the clear. */
const lineRemarks = { 'lines[].remark': omitted } as const;

/**
 * Every event type holding personal data, keyed by type (event types are unique over all streams,
 * libs/domain/src/event-schemas.ts). The same fields are covered in every schema version of a type.
 */
export const PERSONAL_DATA: Readonly<Record<string, PersonalDataOfEvent>> = {
  // Who the worker is and where they live (location is optional: an erased worker has none and
  // is listed as unplaceable by allocation runs, as a worker without a location always was).
  WorkerRegistered: {
    subjectField: 'workerId',
    fields: { name: erasedText, birthDate: { value: ERASED_BIRTH_DATE }, homeArea: erasedText, location: omitted },
  },
  // Target-group membership and wage value say something about health (special-category data).
  // Erased, the status reads as "not in the register, no wage value, no dates".
  TargetGroupStatusRecorded: {
    subjectField: 'workerId',
    fields: { inRegister: { value: false }, wageValueBp: omitted, validFrom: omitted, validUntil: omitted },
  },
  // The municipality's wage-value decision: the figure and the decision's free-text reference.
  WageValueDecided: {
    subjectField: 'workerId',
    fields: { wageValueBp: { value: ERASED_WAGE_VALUE_BP }, reference: omitted },
  },
  // A claim's lines carry the wage value (and let it be worked out from the hourly figures); the
  // claim's totals, which the pool must keep, stay in the clear.
  LksClaimCalculated: { subjectField: 'workerId', fields: { lines: { value: [] } } },
  // Why a contract ended is free text about the person (illness, dismissal).
  PoolContractEnded: { subjectField: 'workerId', fields: { reason: erasedText } },
  // A timesheet's remarks and a rejection's or correction's reason (often the day's sickness), and
  // why a placement ended early or was withdrawn: the hours, dates and ids stay in the clear.
  HoursRegistered: { subjectField: 'workerId', afterErasure: 'write_placeholders', fields: lineRemarks },
  TimesheetApproved: { subjectField: 'workerId', afterErasure: 'write_placeholders', fields: lineRemarks },
  TimesheetCorrected: { ...ofStreamWorker, fields: { reason: erasedText, ...lineRemarks } },
  TimesheetRejected: { ...ofStreamWorker, fields: { reason: erasedText } },
  PlacementEndedEarly: { ...ofStreamWorker, fields: { reason: erasedText } },
  PlacementWithdrawn: { ...ofStreamWorker, fields: { reason: erasedText } },
};

/** The personal fields of an event type, or undefined when it holds none. */
export function personalDataOf(eventType: string): PersonalDataOfEvent | undefined {
  return Object.hasOwn(PERSONAL_DATA, eventType) ? PERSONAL_DATA[eventType] : undefined;
}
