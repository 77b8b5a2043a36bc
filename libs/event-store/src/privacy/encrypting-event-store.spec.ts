import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { EncryptingEventStore, type DataKeyRing, type PersonalFieldRegistry } from './encrypting-event-store.js';
import { ENVELOPE_FIELD, newDataKey } from './envelope.js';
import { SubjectErasedError, type SubjectKey } from './postgres-personal-data-keys.js';

const registry: PersonalFieldRegistry = {
  WorkerRegistered: {
    subjectField: 'workerId',
    fields: { name: { value: '[erased]' }, birthDate: { value: '1900-01-01' }, location: { omit: true } },
  },
  HoursRegistered: { subjectField: 'workerId', fields: { 'lines[].remark': { omit: true } } },
  TimesheetRejected: {
    subjectField: 'workerId',
    subjectFrom: 'stream',
    afterErasure: 'write_placeholders',
    fields: { reason: { value: '[erased]' } },
  },
  TimesheetCorrected: {
    subjectField: 'workerId',
    subjectFrom: 'stream',
    fields: { reason: { value: '[erased]' }, 'lines[].remark': { omit: true } },
  },
};

/** Keys in a map, shredded by deleting: the decorator's logic without a database. */
class MemoryKeys implements DataKeyRing {
  readonly keys = new Map<string, Buffer>();
  readonly shredded = new Set<string>();
  async keysForWriting(ids: readonly string[]) {
    for (const id of ids) if (!this.shredded.has(id) && !this.keys.has(id)) this.keys.set(id, newDataKey());
    return this.keysForReading(ids);
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
    readStream: async (streamId: string, options?: { maxCount?: number }) =>
      (await read()).filter((e) => e.streamId === streamId).slice(0, options?.maxCount),
    readStreamForReplay: read,
    readStreamsForReplay: async (ids: readonly string[]) => new Map(ids.map((id) => [id, stored.filter((e) => e.streamId === id)])),
    readAll: read,
    headPosition: async () => undefined,
    close: async () => undefined,
  };
}

const line = { day: '2026-03-02', start: '08:00', end: '16:30', breakMinutes: 30 };
const sheet = {
  type: 'HoursRegistered',
  data: { timesheetId: 't1', workerId: 'w1', lines: [line, { ...line, day: '2026-03-03', remark: 'Anna went home ill' }] },
};
const rejected = { type: 'TimesheetRejected', data: { timesheetId: 't1', reason: 'Anna was ill on Tuesday' } };
const corrected = {
  type: 'TimesheetCorrected',
  data: { timesheetId: 't1', lines: [{ ...line, remark: 'Anna ill' }, line], reason: 'Anna was ill' },
};

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

  it('refuses new personal data of an erased subject, where the registry allows no placeholders', async () => {
    const keys = new MemoryKeys();
    const inner = recordingStore();
    keys.shredded.add('w1');
    const store = new EncryptingEventStore(inner, keys, registry);
    await expect(store.appendToStream('worker-w1', [registered], { expectedVersion: 'any' })).rejects.toThrow(SubjectErasedError);
    expect(inner.stored).toEqual([]);
  });

  it('refuses to store personal fields without their subject id rather than store them in the clear', async () => {
    const store = new EncryptingEventStore(recordingStore(), new MemoryKeys(), registry);
    await expect(
      store.appendToStream('worker-x', [{ type: 'WorkerRegistered', data: { name: 'Anna' } }], { expectedVersion: 'any' }),
    ).rejects.toThrow(/subject id/);
  });

  describe('remarks of a timesheet', () => {
    it("encrypts line remarks and the reasons of events that do not name the worker, under the stream's worker", async () => {
      const inner = recordingStore();
      const store = new EncryptingEventStore(inner, new MemoryKeys(), registry);
      await store.appendToStream('timesheet-t1', [sheet], { expectedVersion: 'any' });
      await store.appendToStream('timesheet-t1', [rejected], { expectedVersion: 'any' });
      await store.appendToStream('timesheet-t1', [corrected], { expectedVersion: 'any' });
      expect(JSON.stringify(inner.stored.map((e) => e.data))).not.toContain('Anna');
      expect(inner.stored.map((e) => e.data)).toEqual([
        expect.objectContaining({
          lines: [line, { ...line, day: '2026-03-03' }],
          [ENVELOPE_FIELD]: expect.objectContaining({ subject: 'w1' }),
        }),
        expect.objectContaining({ timesheetId: 't1', [ENVELOPE_FIELD]: expect.objectContaining({ subject: 'w1', fields: ['reason'] }) }),
        expect.objectContaining({
          lines: [line, line],
          [ENVELOPE_FIELD]: expect.objectContaining({ fields: ['reason', 'lines[].remark'] }),
        }),
      ]);
      expect((await store.readStream('timesheet-t1')).map((e) => e.data)).toEqual([sheet.data, rejected.data, corrected.data]);
    });

    it('takes the subject from the first event of a new stream appended in the same batch', async () => {
      const inner = recordingStore();
      await new EncryptingEventStore(inner, new MemoryKeys(), registry).appendToStream('timesheet-t1', [sheet, rejected], {
        expectedVersion: 'no_stream',
      });
      expect(inner.stored[1].data).toMatchObject({ [ENVELOPE_FIELD]: { subject: 'w1' } });
    });

    it('stores lines without a remark as they are', async () => {
      const inner = recordingStore();
      const plain = { type: 'HoursRegistered', data: { timesheetId: 't2', workerId: 'w1', lines: [line] } };
      await new EncryptingEventStore(inner, new MemoryKeys(), registry).appendToStream('timesheet-t2', [plain], { expectedVersion: 'any' });
      expect(inner.stored[0].data).toEqual(plain.data);
    });

    it("refuses a reason whose stream's first event names no worker rather than store it in the clear", async () => {
      const inner = recordingStore();
      const store = new EncryptingEventStore(inner, new MemoryKeys(), registry);
      await expect(store.appendToStream('timesheet-t1', [rejected], { expectedVersion: 'any' })).rejects.toThrow(/subject id \(workerId\)/);
      await store.appendToStream('timesheet-t3', [{ type: 'TimesheetSubmitted', data: { timesheetId: 't3' } }], { expectedVersion: 'any' });
      await expect(store.appendToStream('timesheet-t3', [rejected], { expectedVersion: 0 })).rejects.toThrow(/first event/);
      expect(inner.stored).toHaveLength(1);
    });

    it('stores a reason about an erased worker as its placeholder, so the rejection still goes through', async () => {
      const keys = new MemoryKeys();
      const inner = recordingStore();
      const store = new EncryptingEventStore(inner, keys, registry);
      await store.appendToStream('timesheet-t1', [sheet], { expectedVersion: 'any' });
      keys.shredded.add('w1');
      await store.appendToStream('timesheet-t1', [rejected], { expectedVersion: 0 });
      expect(inner.stored[1].data).toEqual({ timesheetId: 't1', reason: '[erased]' });
    });

    it("reads an erased worker's sheet with the placeholders: the reasons erased, the remarks left out, the hours as they were", async () => {
      const keys = new MemoryKeys();
      const store = new EncryptingEventStore(recordingStore(), keys, registry);
      await store.appendToStream('timesheet-t1', [sheet, rejected, corrected], { expectedVersion: 'any' });
      keys.shredded.add('w1');
      const events = await store.readStream('timesheet-t1');
      expect(events.map((e) => e.data)).toEqual([
        { ...sheet.data, lines: [line, { ...line, day: '2026-03-03' }] },
        { ...rejected.data, reason: '[erased]' },
        { ...corrected.data, lines: [line, line], reason: '[erased]' },
      ]);
      expect(events.every((e) => e.metadata.personalDataErased)).toBe(true);
    });
  });
});
