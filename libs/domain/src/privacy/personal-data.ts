// Which fields of which events are personal data about a worker (crypto-shredding, ADR 0020).
// The event store encrypts exactly these fields with the worker's own data key; when that key is
// shredded, readers get the placeholders below instead, chosen so that every schema still parses
// them and every projection, decider and rebuild keeps working on an erased worker.

/** What an erased field reads as: a schema-valid stand-in, or the field left out (only for optional fields). */
export type ErasedValue = { readonly value: unknown } | { readonly omit: true };

export interface PersonalDataOfEvent {
  /** The data field holding the pseudonymous id of the person the fields are about (whose key encrypts them). */
  readonly subjectField: string;
  /** Each personal field and what it reads as once erased. */
  readonly fields: Readonly<Record<string, ErasedValue>>;
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
const omitted: ErasedValue = { omit: true };

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
};

/** The personal fields of an event type, or undefined when it holds none. */
export function personalDataOf(eventType: string): PersonalDataOfEvent | undefined {
  return Object.hasOwn(PERSONAL_DATA, eventType) ? PERSONAL_DATA[eventType] : undefined;
}

/** An event's data with its personal fields (those listed in `fields`) replaced by their erased placeholders. */
export function withErasedFields(
  eventType: string,
  data: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, unknown> {
  const registered = personalDataOf(eventType)?.fields ?? {};
  const erased: Record<string, unknown> = { ...data };
  for (const field of fields) {
    const placeholder = registered[field];
    if (placeholder === undefined || 'omit' in placeholder) delete erased[field];
    else erased[field] = structuredClone(placeholder.value);
  }
  return erased;
}
