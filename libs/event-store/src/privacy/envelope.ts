// AES-256-GCM for personal fields (ADR 0020): one envelope per event holds the event's personal
// fields, encrypted with the subject's data key; data keys are wrapped by the master key the same way.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** The field of an event's stored data that holds its encrypted personal fields. */
export const ENVELOPE_FIELD = '$personal';

/** What the events table stores in place of an event's personal fields. */
export interface PersonalDataEnvelope {
  /** Envelope format version: 1 is AES-256-GCM over the JSON of the fields, AAD `v1|type|subject|fields`. */
  v: 1;
  /** The subject whose data key encrypts it (also in the event's data, in the clear: a pseudonymous id). */
  subject: string;
  /** The version of the subject's data key (1: subjects have one key until it is shredded). */
  key: number;
  /** The names of the fields it holds, in the order they were encrypted. */
  fields: string[];
  iv: string;
  tag: string;
  ct: string;
}

export class PersonalDataDecryptionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PersonalDataDecryptionError';
  }
}

/** Binds the ciphertext to its event type, subject and field list: moved to another event or subject, it does not decrypt. */
function envelopeAad(eventType: string, subject: string, fields: readonly string[]): Buffer {
  return Buffer.from(JSON.stringify(['v1', eventType, subject, fields]), 'utf8');
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; tag: Buffer; ct: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

function open(key: Buffer, parts: { iv: Buffer; tag: Buffer; ct: Buffer }, aad: Buffer, what: string): Buffer {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, parts.iv, { authTagLength: TAG_BYTES }).setAAD(aad).setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ct), decipher.final()]);
  } catch (error) {
    throw new PersonalDataDecryptionError(`${what} does not decrypt: wrong key, or the stored ciphertext was changed`, { cause: error });
  }
}

/** Encrypts `values` (field name → value, only fields present) with the subject's data key. */
export function encryptFields(
  key: Buffer,
  eventType: string,
  subject: string,
  values: Readonly<Record<string, unknown>>,
  keyVersion = 1,
): PersonalDataEnvelope {
  const fields = Object.keys(values);
  const { iv, tag, ct } = seal(key, Buffer.from(JSON.stringify(values), 'utf8'), envelopeAad(eventType, subject, fields));
  return { v: 1, subject, key: keyVersion, fields, iv: iv.toString('base64'), tag: tag.toString('base64'), ct: ct.toString('base64') };
}

/** The fields an envelope holds; throws PersonalDataDecryptionError for a wrong key or a changed envelope. */
export function decryptFields(key: Buffer, eventType: string, envelope: PersonalDataEnvelope): Record<string, unknown> {
  if (envelope.v !== 1) throw new PersonalDataDecryptionError(`Unknown personal-data envelope version ${String(envelope.v)}`);
  const parts = {
    iv: Buffer.from(envelope.iv, 'base64'),
    tag: Buffer.from(envelope.tag, 'base64'),
    ct: Buffer.from(envelope.ct, 'base64'),
  };
  const plaintext = open(
    key,
    parts,
    envelopeAad(eventType, envelope.subject, envelope.fields),
    `The personal data of a ${eventType} event`,
  );
  return JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
}

export function isEnvelope(value: unknown): value is PersonalDataEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<PersonalDataEnvelope>;
  return typeof e.subject === 'string' && Array.isArray(e.fields) && typeof e.ct === 'string' && typeof e.iv === 'string';
}

/** A new random 256-bit data key. */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A data key wrapped by the master key: iv ‖ tag ‖ ciphertext, bound to its subject. */
export function wrapKey(masterKey: Buffer, subject: string, dataKey: Buffer): Buffer {
  const { iv, tag, ct } = seal(masterKey, dataKey, Buffer.from(`banenpool-data-key|${subject}`, 'utf8'));
  return Buffer.concat([iv, tag, ct]);
}

export function unwrapKey(masterKey: Buffer, subject: string, wrapped: Buffer): Buffer {
  const parts = {
    iv: wrapped.subarray(0, IV_BYTES),
    tag: wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
    ct: wrapped.subarray(IV_BYTES + TAG_BYTES),
  };
  return open(
    masterKey,
    parts,
    Buffer.from(`banenpool-data-key|${subject}`, 'utf8'),
    `The data key of subject ${subject} (is MASTER_KEY the one it was wrapped with?)`,
  );
}

/** A short fingerprint of the master key, stored with each wrapped key, so a wrong MASTER_KEY is named as such. */
export function masterKeyId(masterKey: Buffer): string {
  return createHash('sha256').update('banenpool-master-key-id').update(masterKey).digest('hex').slice(0, 16);
}
