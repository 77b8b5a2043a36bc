import { decryptFields, encryptFields, newDataKey, PersonalDataDecryptionError, unwrapKey, wrapKey } from './envelope.js';

describe('personal-data envelope (AES-256-GCM)', () => {
  const key = newDataKey();
  const fields = { name: 'Anna de Vries', birthDate: '1990-04-01' };

  it('gives back what it encrypted, and holds none of it in the clear', () => {
    const envelope = encryptFields(key, 'WorkerRegistered', 'w1', fields);
    expect(envelope.fields).toEqual(['name', 'birthDate']);
    expect(JSON.stringify(envelope)).not.toContain('Anna');
    expect(JSON.stringify(envelope)).not.toContain('1990-04-01');
    expect(decryptFields(key, 'WorkerRegistered', envelope)).toEqual(fields);
  });

  it('fails loudly with another key', () => {
    const envelope = encryptFields(key, 'WorkerRegistered', 'w1', fields);
    expect(() => decryptFields(newDataKey(), 'WorkerRegistered', envelope)).toThrow(PersonalDataDecryptionError);
  });

  it('fails loudly when the ciphertext, the tag, the subject or the event type was changed', () => {
    const envelope = encryptFields(key, 'WorkerRegistered', 'w1', fields);
    const flipped = Buffer.from(envelope.ct, 'base64');
    flipped[0] ^= 1;
    expect(() => decryptFields(key, 'WorkerRegistered', { ...envelope, ct: flipped.toString('base64') })).toThrow(
      PersonalDataDecryptionError,
    );
    expect(() => decryptFields(key, 'WorkerRegistered', { ...envelope, tag: Buffer.alloc(16).toString('base64') })).toThrow(
      PersonalDataDecryptionError,
    );
    expect(() => decryptFields(key, 'WorkerRegistered', { ...envelope, subject: 'w2' })).toThrow(PersonalDataDecryptionError);
    expect(() => decryptFields(key, 'TargetGroupStatusRecorded', envelope)).toThrow(PersonalDataDecryptionError);
    expect(() => decryptFields(key, 'WorkerRegistered', { ...envelope, fields: ['name'] })).toThrow(PersonalDataDecryptionError);
  });

  it('wraps a data key under the master key, bound to its subject', () => {
    const master = newDataKey();
    const wrapped = wrapKey(master, 'w1', key);
    expect(unwrapKey(master, 'w1', wrapped).equals(key)).toBe(true);
    expect(() => unwrapKey(master, 'w2', wrapped)).toThrow(PersonalDataDecryptionError);
    expect(() => unwrapKey(newDataKey(), 'w1', wrapped)).toThrow(PersonalDataDecryptionError);
  });
});
