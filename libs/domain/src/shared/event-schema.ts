import { z } from 'zod';
import type { DomainEvent } from './decider.js';
import { isValidLocalDate, type LocalDate } from './local-date.js';

// The building blocks of the events' schemas (ADR 0012): the same bounds the deciders guard.

/** Ids, names, codes, skills: what a person typed or an id the pool made. */
export const text = z.string().min(1).max(500);
/** A sentence: a reason, an explanation, a refusal's message. */
export const prose = z.string().min(1);
export const localDate = z.string().refine((value): value is LocalDate => isValidLocalDate(value), 'not a calendar date (YYYY-MM-DD)');
export const period = z.object({ from: localDate, to: localDate }).refine((p) => p.to >= p.from, 'ends before it starts');
/** Hours a week: at most every hour of it. */
export const weekHours = z.number().min(0).max(168);
export const count = z.int().min(0).max(2_000_000_000);
export const cents = z.int();
export const basisPoints = z.int().min(0);
/** A clock time 'HH:MM'; '24:00' is the end of a day. */
export const CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const clockTime = z.string().regex(CLOCK_TIME);

/** Figures by age in years. JSON keeps the ages as strings; the type says numbers, as the rules index them. */
export const byAge = <T extends z.ZodType>(value: T) =>
  z.record(z.string().regex(/^\d{1,3}$/), value) as unknown as z.ZodType<Readonly<Record<number, z.output<T>>>>;

/** One event type as written today: its schema version and its data's schema. */
export interface EventDefinition<Data extends z.ZodType = z.ZodType> {
  readonly version: number;
  readonly data: Data;
  /**
   * Per older schema version, that version's schema transforming its data into today's input:
   * `{ 1: v1Data.transform((v1) => ({ ...v1, added: 'default' })) }`. Its result is parsed by `data`.
   */
  readonly upcasters?: Readonly<Record<number, z.ZodType<z.input<Data>>>>;
}

/** A stream's event types, each with its definition: the one place an event is described. */
export type EventRegistry = Readonly<Record<string, EventDefinition>>;

/** The domain event of one type of a registry, as its schema parses it. */
export type EventOf<R extends EventRegistry, Type extends keyof R & string> = DomainEvent<Type, z.output<R[Type]['data']>>;

/** Every event of a registry, as a union discriminated by `type`. */
export type EventsOf<R extends EventRegistry> = { [Type in keyof R & string]: EventOf<R, Type> }[keyof R & string];

export type SchemaVersions<R extends EventRegistry> = { readonly [Type in keyof R]: number };

/** The schema version each type of a registry is written with. */
export function schemaVersionsOf<R extends EventRegistry>(registry: R): SchemaVersions<R> {
  return Object.fromEntries(Object.entries(registry).map(([type, definition]) => [type, definition.version])) as SchemaVersions<R>;
}

/** Why a stored event could not be read as a domain event. */
export type SkipReason = 'unknown_type' | 'unknown_version' | 'invalid_data';

export type ParsedEvent<E> =
  { readonly ok: true; readonly event: E } | { readonly ok: false; readonly reason: SkipReason; readonly detail: string };

/**
 * Reads stored data as the current version of its type: the type's schema for today's version,
 * its upcaster and then that schema for an older one. Never throws: the caller decides what a skip means.
 */
export function parseEventWith<R extends EventRegistry>(
  registry: R,
  type: string,
  version: number,
  data: unknown,
): ParsedEvent<EventsOf<R>> {
  const definition = Object.hasOwn(registry, type) ? registry[type] : undefined;
  if (definition === undefined) return { ok: false, reason: 'unknown_type', detail: `no stream defines ${type}` };
  const reader = version === definition.version ? definition.data : definition.upcasters?.[version]?.pipe(definition.data);
  if (reader === undefined) {
    return {
      ok: false,
      reason: 'unknown_version',
      detail: `${type} is read at version ${definition.version}, with no upcaster from ${version}`,
    };
  }
  const parsed = reader.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'invalid_data', detail: describeIssues(parsed.error) };
  return { ok: true, event: { type, data: parsed.data } as EventsOf<R> };
}

/** "period: ends before it starts; skills: Invalid input: expected array, received undefined". */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`).join('; ');
}
