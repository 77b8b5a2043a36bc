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
import { decryptFields, encryptFields, ENVELOPE_FIELD, isEnvelope, type PersonalDataEnvelope } from './envelope.js';
import type { SubjectKey } from './postgres-personal-data-keys.js';

/** What an erased field reads as (libs/domain's ErasedValue). */
export type ErasedFieldValue = { readonly value: unknown } | { readonly omit: true };

/** The personal fields of one event type (libs/domain's PERSONAL_DATA; the store knows no domain). */
export interface PersonalFieldsOfType {
  readonly subjectField: string;
  readonly fields: Readonly<Record<string, ErasedFieldValue>>;
}

export type PersonalFieldRegistry = Readonly<Record<string, PersonalFieldsOfType>>;

/** The keys the decorator needs: PostgresPersonalDataKeys. */
export interface DataKeyRing {
  keysForWriting(subjectIds: readonly string[]): Promise<Map<string, { key: Buffer; version: number }>>;
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
    return this.inner.appendToStream(streamId, await this.encryptEvents(events), options);
  }

  /** The events as they are to be stored: personal fields inside envelopes. Exposed for the migration. */
  async encryptEvents<E extends { type: string; data: unknown }>(events: readonly E[]): Promise<E[]> {
    const subjects = events.flatMap((event) => {
      const subject = this.subjectToEncrypt(event);
      return subject === undefined ? [] : [subject];
    });
    if (subjects.length === 0) return [...events];
    const keys = await this.keys.keysForWriting(subjects);
    return events.map((event) => {
      const subject = this.subjectToEncrypt(event);
      if (subject === undefined) return event;
      const spec = this.registry[event.type];
      const data = { ...(event.data as Data) };
      const personal: Data = {};
      for (const field of Object.keys(spec.fields)) {
        if (data[field] === undefined) continue;
        personal[field] = data[field];
        delete data[field];
      }
      const { key, version } = keys.get(subject)!;
      return { ...event, data: { ...data, [ENVELOPE_FIELD]: encryptFields(key, event.type, subject, personal, version) } };
    });
  }

  /** The subject whose key encrypts this event's personal fields, or undefined when it has none to encrypt. */
  private subjectToEncrypt(event: { type: string; data: unknown }): string | undefined {
    const spec = Object.hasOwn(this.registry, event.type) ? this.registry[event.type] : undefined;
    if (!spec || !isObject(event.data) || isEnvelope(event.data[ENVELOPE_FIELD])) return undefined;
    const data = event.data;
    if (!Object.keys(spec.fields).some((field) => data[field] !== undefined)) return undefined;
    const subject = data[spec.subjectField];
    if (typeof subject !== 'string' || subject === '') {
      // Never store personal fields in the clear because the subject is missing.
      throw new Error(`A ${event.type} event with personal data needs its subject id in data.${spec.subjectField}`);
    }
    return subject;
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
      return { ...event, data: { ...rest, ...decryptFields(subjectKey.key, event.type, envelope) } };
    });
  }

  private erase(eventType: string, data: Data, fields: readonly string[]): Data {
    const registered = Object.hasOwn(this.registry, eventType) ? this.registry[eventType].fields : {};
    const erased: Data = { ...data };
    for (const field of fields) {
      const placeholder = registered[field];
      if (placeholder === undefined || 'omit' in placeholder) delete erased[field];
      else erased[field] = structuredClone(placeholder.value);
    }
    return erased;
  }
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
