import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { EncryptingEventStore, type DataKeyRing, type PersonalFieldRegistry } from './encrypting-event-store.js';
import { ENVELOPE_FIELD, newDataKey } from './envelope.js';
import type { SubjectKey } from './postgres-personal-data-keys.js';

const registry: PersonalFieldRegistry = {
  WorkerRegistered: {
    subjectField: 'workerId',
    fields: { name: { value: '[erased]' }, birthDate: { value: '1900-01-01' }, location: { omit: true } },
  },
};

/** Keys in a map, shredded by deleting: the decorator's logic without a database. */
class MemoryKeys implements DataKeyRing {
  readonly keys = new Map<string, Buffer>();
  readonly shredded = new Set<string>();
  async keysForWriting(ids: readonly string[]) {
    return new Map(
      ids.map((id) => {
        if (this.shredded.has(id)) throw new Error('erased');
        if (!this.keys.has(id)) this.keys.set(id, newDataKey());
        return [id, { key: this.keys.get(id)!, version: 1 }] as const;
      }),
    );
  }
  async keysForReading(ids: readonly string[]) {
    return new Map<string, SubjectKey>(
      ids.map((id) => [id, this.shredded.has(id) ? { shredded: true } : { key: this.keys.get(id)!, version: 1 }]),
    );
  }
}

/** An inner store that keeps what it is given, to look at what would be stored. */
function recordingStore(): EventStore & { stored: RecordedEvent[] } {
  const stored: RecordedEvent[] = [];
  const read = async () => stored.map((e) => structuredClone(e));
  return {
    stored,
    appendToStream: async (streamId: string, events: readonly NewEvent[]) => {
      for (const e of events)
        stored.push({
          eventId: String(stored.length),
          streamId,
          revision: stored.length,
          position: { commit: 1n, prepare: BigInt(stored.length) },
          type: e.type,
          schemaVersion: 1,
          data: structuredClone(e.data),
          metadata: {},
          recordedAt: new Date(),
        });
      return { nextExpectedVersion: stored.length - 1, position: { commit: 1n, prepare: BigInt(stored.length) } };
    },
    readStream: read,
    readStreamForReplay: read,
    readStreamsForReplay: async (ids: readonly string[]) => new Map(ids.map((id) => [id, stored.filter((e) => e.streamId === id)])),
    readAll: read,
    headPosition: async () => undefined,
    close: async () => undefined,
  };
}

const registered = {
  type: 'WorkerRegistered',
  data: { workerId: 'w1', name: 'Anna de Vries', birthDate: '1990-04-01', skills: ['cleaning'] },
};

describe('EncryptingEventStore', () => {
  it('stores personal fields only inside the envelope and reads them back', async () => {
    const inner = recordingStore();
    const store = new EncryptingEventStore(inner, new MemoryKeys(), registry);
    await store.appendToStream('worker-w1', [registered, { type: 'SkillAdded', data: { workerId: 'w1', skill: 'x' } }], {
      expectedVersion: 'any',
    });
    const raw = JSON.stringify(inner.stored.map((e) => e.data));
    expect(raw).not.toContain('Anna');
    expect(raw).not.toContain('1990-04-01');
    expect(inner.stored[0].data).toMatchObject({
      workerId: 'w1',
      skills: ['cleaning'],
      [ENVELOPE_FIELD]: { fields: ['name', 'birthDate'], subject: 'w1' },
    });
    expect(inner.stored[1].data).toEqual({ workerId: 'w1', skill: 'x' });
    for (const events of [
      await store.readStream('worker-w1'),
      await store.readAll({ limit: 10 }),
      await store.readStreamForReplay('worker-w1'),
      (await store.readStreamsForReplay(['worker-w1'])).get('worker-w1')!,
    ]) {
      expect(events[0].data).toEqual(registered.data);
    }
  });

  it('reads a shredded subject as the placeholders, marked as erased', async () => {
    const keys = new MemoryKeys();
    const store = new EncryptingEventStore(recordingStore(), keys, registry);
    await store.appendToStream('worker-w1', [registered], { expectedVersion: 'any' });
    keys.shredded.add('w1');
    const [event] = await store.readStream('worker-w1');
    expect(event.data).toEqual({ workerId: 'w1', name: '[erased]', birthDate: '1900-01-01', skills: ['cleaning'] });
    expect(event.metadata.personalDataErased).toBe(true);
    const [replayed] = await store.readStreamForReplay('worker-w1');
    expect(replayed.data).toEqual(event.data);
  });

  it('refuses to store personal fields without their subject id rather than store them in the clear', async () => {
    const store = new EncryptingEventStore(recordingStore(), new MemoryKeys(), registry);
    await expect(
      store.appendToStream('worker-x', [{ type: 'WorkerRegistered', data: { name: 'Anna' } }], { expectedVersion: 'any' }),
    ).rejects.toThrow(/subject id/);
  });
});
