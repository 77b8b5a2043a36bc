import type {
  AppendOptions,
  AppendResult,
  EventStore,
  HeadOptions,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  ReplayEvent,
  ReplayReadOptions,
} from '../event-store.port.js';
import type { GlobalPosition } from '../global-position.js';
import {
  decryptFields,
  encryptFields,
  ENVELOPE_FIELD,
  isEnvelope,
  PersonalDataDecryptionError,
  type PersonalDataEnvelope,
} from './envelope.js';
import { SubjectErasedError, type SubjectKey } from './postgres-personal-data-keys.js';

/** What an erased field reads as (libs/domain's ErasedValue). */
export type ErasedFieldValue = { readonly value: unknown } | { readonly omit: true };

/** The personal fields of one event type (libs/domain's PERSONAL_DATA; the store knows no domain). */
export interface PersonalFieldsOfType {
  readonly subjectField: string;
  /** `stream`: subjectField is in the data of the stream's first event, not in this event's. */
  readonly subjectFrom?: 'stream';
  /**
   * `write_placeholders`: once the subject's key was shredded, the fields are stored as their erased
   * placeholders (remarks others make about the person's sheet or placement, which must not outlive
   * the erasure); otherwise such an append is refused (SubjectErasedError).
   */
  readonly afterErasure?: 'write_placeholders';
  /** Top-level fields, and item fields of arrays as `array[].field` (only left out when erased). */
  readonly fields: Readonly<{ [field: string]: ErasedFieldValue; [path: `${string}[].${string}`]: { readonly omit: true } }>;
}

export type PersonalFieldRegistry = Readonly<Record<string, PersonalFieldsOfType>>;

/** The keys the decorator needs: PostgresPersonalDataKeys. */
export interface DataKeyRing {
  /** The keys to encrypt with, created where missing, or `shredded`. */
  keysForWriting(subjectIds: readonly string[]): Promise<Map<string, SubjectKey>>;
  keysForReading(subjectIds: readonly string[]): Promise<Map<string, SubjectKey>>;
}

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Wraps any event store: on append, each event's personal fields (by the registry) go into one
 * AES-256-GCM envelope under its subject's data key, so the store (and its hash chain) holds only
 * ciphertext; on every read they come back, or, once the subject's key is shredded, the registry's
 * erased placeholders do (and RecordedEvent.metadata.personalDataErased is set). Events written
 * before encryption (plain fields, no envelope) read as they are, until the migration rewrites them.
 */
export class EncryptingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly keys: DataKeyRing,
    private readonly registry: PersonalFieldRegistry,
  ) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, await this.encryptEvents(streamId, events), options);
  }

  /** The events of a stream as they are to be stored: personal fields inside envelopes. Exposed for the migration. */
  async encryptEvents<E extends { type: string; data: unknown }>(streamId: string, events: readonly E[]): Promise<E[]> {
    const split = events.map((event) => this.splitPersonal(event));
    if (split.every((parts) => parts === undefined)) return [...events];
    const subjects = await this.subjectsOf(streamId, events, split);
    const keys = await this.keys.keysForWriting(subjects.filter((subject) => subject !== undefined));
    return events.map((event, i) => {
      const parts = split[i];
      const subject = subjects[i];
      if (!parts || subject === undefined) return event;
      const subjectKey = keys.get(subject)!;
      if ('shredded' in subjectKey) return this.writtenErased(event, parts, subject);
      const { key, version } = subjectKey;
      return { ...event, data: { ...parts.data, [ENVELOPE_FIELD]: encryptFields(key, event.type, subject, parts.personal, version) } };
    });
  }

  /** An event about a subject whose key was shredded: its personal fields as placeholders, where the registry allows it. */
  private writtenErased<E extends { type: string; data: unknown }>(event: E, parts: { data: Data; personal: Data }, subject: string): E {
    if (this.specOf(event.type)?.afterErasure !== 'write_placeholders') throw new SubjectErasedError(subject);
    return { ...event, data: this.erase(event.type, parts.data, Object.keys(parts.personal)) };
  }

  /** The event's data without its personal fields, and those fields; undefined when it holds none to encrypt. */
  private splitPersonal(event: { type: string; data: unknown }): { data: Data; personal: Data } | undefined {
    const spec = this.specOf(event.type);
    if (!spec || !isObject(event.data) || isEnvelope(event.data[ENVELOPE_FIELD])) return undefined;
    const data = { ...event.data };
    const personal: Data = {};
    for (const field of Object.keys(spec.fields)) {
      const value = takeField(data, field);
      if (value !== undefined) personal[field] = value;
    }
    return Object.keys(personal).length === 0 ? undefined : { data, personal };
  }

  /**
   * The subject whose key encrypts each event's personal fields (undefined: it has none). Never
   * stores them in the clear because the subject is missing: refuses the append instead. A stream's
   * first event is read once, and only when an event takes its subject from it (a new stream's is
   * the first one appended).
   */
  private async subjectsOf(
    streamId: string,
    events: readonly { type: string; data: unknown }[],
    split: readonly (object | undefined)[],
  ): Promise<(string | undefined)[]> {
    let streamFirst: Promise<unknown> | undefined;
    const firstData = () => (streamFirst ??= this.inner.readStream(streamId, { maxCount: 1 }).then(([first]) => (first ?? events[0]).data));
    return Promise.all(
      events.map(async (event, i) => {
        if (!split[i]) return undefined;
        const spec = this.specOf(event.type)!;
        const named = spec.subjectFrom === 'stream' ? await firstData() : event.data;
        const subject = isObject(named) ? named[spec.subjectField] : undefined;
        if (typeof subject === 'string' && subject !== '') return subject;
        const where = spec.subjectFrom === 'stream' ? `the data of stream ${streamId}'s first event` : 'its data';
        throw new Error(`A ${event.type} event with personal data needs its subject id (${spec.subjectField}) in ${where}`);
      }),
    );
  }

  private specOf(eventType: string): PersonalFieldsOfType | undefined {
    return Object.hasOwn(this.registry, eventType) ? this.registry[eventType] : undefined;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.decryptRecorded(await this.inner.readStream(streamId, options));
  }

  async readStreamForReplay(streamId: string, options?: ReplayReadOptions): Promise<ReplayEvent[]> {
    return this.decryptEvents(await this.inner.readStreamForReplay(streamId, options), () => undefined);
  }

  async readStreamsForReplay(streamIds: readonly string[]): Promise<Map<string, ReplayEvent[]>> {
    const streams = await this.inner.readStreamsForReplay(streamIds);
    const all = [...streams.values()].flat();
    const decrypted = await this.decryptEvents(all, () => undefined);
    const result = new Map<string, ReplayEvent[]>([...streams.keys()].map((id) => [id, []]));
    for (const event of decrypted) result.get(event.streamId)!.push(event);
    return result;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.decryptRecorded(await this.inner.readAll(options));
  }

  headPosition(options?: HeadOptions): Promise<GlobalPosition | undefined> {
    return this.inner.headPosition(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private decryptRecorded(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return this.decryptEvents(events, (event) => ({ ...event, metadata: { ...event.metadata, personalDataErased: true } }));
  }

  /**
   * Every event with an envelope gets its fields back (keys looked up once for all subjects of the
   * batch); a shredded subject's get the placeholders and `markErased`'s mark.
   */
  async decryptEvents<E extends { type: string; data: unknown }>(events: E[], markErased: (event: E) => E | undefined): Promise<E[]> {
    const subjects = events.flatMap((event) => {
      const envelope = envelopeOf(event);
      return envelope ? [envelope.subject] : [];
    });
    if (subjects.length === 0) return events;
    const keys = await this.keys.keysForReading(subjects);
    return events.map((event) => {
      const envelope = envelopeOf(event);
      if (!envelope) return event;
      const { [ENVELOPE_FIELD]: _envelope, ...rest } = event.data as Data;
      const subjectKey = keys.get(envelope.subject)!;
      if ('shredded' in subjectKey) {
        const erased = { ...event, data: this.erase(event.type, rest, envelope.fields) };
        return markErased(erased) ?? erased;
      }
      const data: Data = { ...rest };
      for (const [field, value] of Object.entries(decryptFields(subjectKey.key, event.type, envelope))) putField(data, field, value);
      return { ...event, data };
    });
  }

  private erase(eventType: string, data: Data, fields: readonly string[]): Data {
    // An item field (`lines[].remark`) is only ever left out, and the stored items hold none already.
    const registered: Readonly<Record<string, ErasedFieldValue>> = this.specOf(eventType)?.fields ?? {};
    const erased: Data = { ...data };
    for (const field of fields) {
      const placeholder = registered[field];
      if (placeholder === undefined || 'omit' in placeholder) delete erased[field];
      else erased[field] = structuredClone(placeholder.value);
    }
    return erased;
  }
}

/** The array and item field of an `array[].field` path; undefined for a top-level field. */
export function itemFieldOf(field: string): { array: string; item: string } | undefined {
  const match = /^([^[\].]+)\[\]\.([^[\].]+)$/.exec(field);
  return match ? { array: match[1], item: match[2] } : undefined;
}

/**
 * Takes a field out of `data` (the caller's copy) and answers its value: a top-level field's, or for
 * `array[].field` each item's (null where an item has none; undefined when no item has one).
 */
function takeField(data: Data, field: string): unknown {
  const path = itemFieldOf(field);
  if (!path) {
    const value = data[field];
    delete data[field];
    return value;
  }
  const items = data[path.array];
  if (!Array.isArray(items) || !items.some((item) => isObject(item) && item[path.item] !== undefined)) return undefined;
  data[path.array] = items.map((item: unknown) => {
    if (!isObject(item)) return item;
    const { [path.item]: _taken, ...rest } = item;
    return rest;
  });
  return items.map((item: unknown) => (isObject(item) ? (item[path.item] ?? null) : null));
}

/** Puts a decrypted field back into `data` (a copy): takeField undone. */
function putField(data: Data, field: string, value: unknown): void {
  const path = itemFieldOf(field);
  if (!path) {
    data[field] = value;
    return;
  }
  const items = data[path.array];
  if (!Array.isArray(items) || !Array.isArray(value) || items.length !== value.length) {
    throw new PersonalDataDecryptionError(`The encrypted ${field} does not fit the items of ${path.array} stored beside it`);
  }
  data[path.array] = items.map((item: unknown, i) => (value[i] === null || !isObject(item) ? item : { ...item, [path.item]: value[i] }));
}

function envelopeOf(event: { data: unknown }): PersonalDataEnvelope | undefined {
  if (!isObject(event.data)) return undefined;
  const envelope = event.data[ENVELOPE_FIELD];
  return isEnvelope(envelope) ? envelope : undefined;
}

/** The store as the infrastructure binds EVENT_STORE: reading what the earlier, plaintext chains hashed needs its keys. */
export function decryptingStoreOf(store: EventStore): EncryptingEventStore {
  if (store instanceof EncryptingEventStore) return store;
  throw new Error('This event store does not decrypt: EVENT_STORE is bound to an EncryptingEventStore (ADR 0020)');
}
