import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { parsePoolEvent, PERSONAL_DATA, poolEvents } from '@banenpool/domain';
import { createScratchDatabase } from '@banenpool/testing';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import type { NewEvent } from '../event-store.port.js';
import { connectPostgres } from '../postgres/connection.js';
import { sealFeedDigest, verifyFeedDigests } from '../postgres/feed-digest.js';
import { migrateEventStore } from '../postgres/migrations.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { verifyEventChain } from '../postgres/verify-chain.js';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { EncryptingEventStore } from './encrypting-event-store.js';
import { migratePersonalData, verifyChainEpochs } from './personal-data-migration.js';
import { personalDataSamples, SAMPLE_LINE } from './personal-data-samples.fixtures.js';
import { PostgresPersonalDataKeys } from './postgres-personal-data-keys.js';

interface Opened {
  pool: pg.Pool;
  close(): Promise<void>;
}

const BACKENDS: [string, () => Promise<Opened>][] = [
  [
    'PGlite',
    async () => {
      const connection = await startEmbeddedPostgres('memory://');
      await migrateEventStore(connection.pool);
      return { pool: connection.pool, close: () => connection.close() };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await createScratchDatabase();
      const connection = connectPostgres({ url: database.url, poolSize: 10 });
      await migrateEventStore(connection.pool);
      return {
        pool: connection.pool,
        close: async () => {
          await connection.close();
          await database.drop();
        },
      };
    },
  ],
];

function encrypting(pool: pg.Pool, masterKey = randomBytes(32)) {
  const keys = new PostgresPersonalDataKeys(pool, masterKey);
  const plain = new PostgresEventStore(pool);
  return { keys, plain, store: new EncryptingEventStore(plain, keys, PERSONAL_DATA) };
}

/** A worker's first events, valid by the domain's schemas. */
function workerEvents(workerId: string, name: string, birthDate: string): NewEvent[] {
  return [
    {
      type: 'WorkerRegistered',
      schemaVersion: 2,
      data: {
        workerId,
        name,
        birthDate,
        homeArea: 'Hengelo',
        skills: ['cleaning'],
        availability: { kind: 'hours_per_week', hoursPerWeek: 24, unavailable: [] },
        location: { postcode: '7551 AB', coordinates: { lat: 52.26, lon: 6.79 } },
      },
    },
    {
      type: 'TargetGroupStatusRecorded',
      schemaVersion: 2,
      data: { workerId, inRegister: true, wageValueBp: 6500, validFrom: '2026-01-01' },
    },
    { type: 'SkillAdded', data: { workerId, skill: 'gardening' } },
    {
      type: 'PoolContractEnded',
      data: { workerId, contractId: 'c1', lastDay: '2026-06-30', reason: `${name} moved away` },
    },
  ];
}

async function rowsContaining(pool: pg.Pool, text: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events e WHERE e::text ILIKE $1', [`%${text}%`]);
  return rows[0].n;
}

describe.each(BACKENDS)('crypto-shredding on %s', (_, open) => {
  describe('the event store contract through EncryptingEventStore', () => {
    eventStoreContract(async () => {
      const opened = await open();
      return { store: encrypting(opened.pool).store, cleanup: () => opened.close() };
    });
  });

  describe('personal fields', () => {
    let opened: Opened;
    beforeAll(async () => (opened = await open()));
    afterAll(() => opened.close());

    it('are stored nowhere in the events table as text, and read back whole', async () => {
      const { store } = encrypting(opened.pool);
      const id = `w-${randomUUID()}`;
      const events = workerEvents(id, 'Zwaantje Oosterveld', '1987-03-14');
      await store.appendToStream(`worker-${id}`, events, { expectedVersion: 'no_stream' });
      expect(await rowsContaining(opened.pool, 'Zwaantje')).toBe(0);
      expect(await rowsContaining(opened.pool, '1987-03-14')).toBe(0);
      expect(await rowsContaining(opened.pool, '7551 AB')).toBe(0);
      const read = await store.readStream(`worker-${id}`);
      expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data));
      expect(read.every((e) => e.metadata.personalDataErased === undefined)).toBe(true);
    });

    it('after a shred read as the placeholders, still parse, and verify stays intact', async () => {
      const { store, keys } = encrypting(opened.pool);
      const id = `w-${randomUUID()}`;
      await store.appendToStream(`worker-${id}`, workerEvents(id, 'Hendrika Brinkers', '1979-11-02'), { expectedVersion: 'no_stream' });
      const hashesBefore = (await store.readStream(`worker-${id}`)).map((e) => e.hash);
      await keys.shred(id);
      await keys.shred(id); // twice changes nothing
      expect(await keys.isShredded(id)).toBe(true);

      const read = await store.readStream(`worker-${id}`);
      expect(read.map((e) => e.hash)).toEqual(hashesBefore);
      expect(read[0].data).toMatchObject({ workerId: id, name: '[erased]', birthDate: '1900-01-01', homeArea: '[erased]' });
      expect(read[0].data).not.toHaveProperty('location');
      expect(read[1].data).toEqual({ workerId: id, inRegister: false });
      expect(read[2].data).toEqual({ workerId: id, skill: 'gardening' });
      expect(read.map((e) => e.metadata.personalDataErased)).toEqual([true, true, undefined, true]);
      // What a rebuild does: every event still parses as its current schema.
      for (const event of [...read, ...(await store.readStreamForReplay(`worker-${id}`))]) {
        expect(parsePoolEvent(event.type, event.schemaVersion, event.data)).toMatchObject({ ok: true });
      }
      expect((await verifyEventChain(opened.pool, { streamId: `worker-${id}` })).breaks).toEqual([]);
      expect(JSON.stringify(read.map((e) => e.data))).not.toContain('Hendrika');
      await expect(
        store.appendToStream(`worker-${id}`, workerEvents(id, 'Again', '1979-11-02').slice(0, 1), { expectedVersion: 'any' }),
      ).rejects.toThrow(/erased/);
    });

    it('keeps a bounded cache of keys, drops a shredded one at once, and never reads a lost key as erased', async () => {
      const keys = new PostgresPersonalDataKeys(opened.pool, randomBytes(32), { cacheSize: 2 });
      const ids = [1, 2, 3].map(() => `s-${randomUUID()}`);
      const written = await keys.keysForWriting(ids);
      expect(keys.cachedKeys).toBe(2);
      const read = await keys.keysForReading(ids);
      expect(ids.map((id) => read.get(id))).toEqual(ids.map((id) => written.get(id)));
      await keys.shred(ids[2]);
      expect(keys.cachedKeys).toBe(1);
      expect((await keys.keysForReading([ids[2]])).get(ids[2])).toEqual({ shredded: true });
      await opened.pool.query('DELETE FROM personal_data_keys WHERE subject_id = $1', [ids[0]]);
      const fresh = new PostgresPersonalDataKeys(opened.pool, randomBytes(32));
      await expect(fresh.keysForReading([ids[0]])).rejects.toThrow(/never shredded/);
    });

    it('refuses a wrong master key by name instead of reading garbage', async () => {
      const { store } = encrypting(opened.pool);
      const id = `w-${randomUUID()}`;
      await store.appendToStream(`worker-${id}`, workerEvents(id, 'Gerrit Kamphuis', '1990-01-01'), { expectedVersion: 'no_stream' });
      const other = encrypting(opened.pool, randomBytes(32)).store;
      await expect(other.readStream(`worker-${id}`)).rejects.toThrow(/master key/);
    });
  });

  describe('every event type holding personal data, after its subject was shredded', () => {
    let opened: Opened;
    beforeAll(async () => (opened = await open()));
    afterAll(() => opened.close());

    /** The event as the store reads it back once its worker's key is shredded. */
    async function erased(type: string, workerId: string) {
      const { store, keys } = encrypting(opened.pool);
      const spec = PERSONAL_DATA[type];
      const data = personalDataSamples(workerId)[type];
      expect(data).toBeDefined(); // a type added to PERSONAL_DATA needs a sample
      // An event that does not name its worker takes them from its stream's first event.
      const opening: NewEvent[] = spec.subjectFrom === 'stream' ? [{ type: 'StreamOpened', data: { [spec.subjectField]: workerId } }] : [];
      const stream = `${type}-${workerId}`;
      const schemaVersion = poolEvents[type as keyof typeof poolEvents].version;
      await store.appendToStream(stream, [...opening, { type, schemaVersion, data }], { expectedVersion: 'no_stream' });
      await keys.shred(workerId);
      const event = (await store.readStream(stream)).at(-1)!;
      return { ...event, data: event.data as Record<string, unknown> };
    }

    it.each(Object.keys(PERSONAL_DATA))('%s reads as placeholders that parse, with no personal value left', async (type) => {
      const workerId = `w-${randomUUID()}`;
      const event = await erased(type, workerId);
      expect(event.metadata.personalDataErased).toBe(true);
      expect(parsePoolEvent(type, event.schemaVersion, event.data)).toMatchObject({ ok: true });
      expect(JSON.stringify(event.data).replaceAll(workerId, '')).not.toMatch(/Anna|1990-04-01|7551 AB|6000/);
      const { subjectField, subjectFrom } = PERSONAL_DATA[type];
      if (subjectFrom === undefined) expect(event.data[subjectField]).toBe(workerId);
    });

    it("leaves an erased timesheet's lines as they were but for their remarks", async () => {
      const event = await erased('HoursRegistered', `w-${randomUUID()}`);
      expect(event.data.lines).toEqual([SAMPLE_LINE, { ...SAMPLE_LINE, day: '2026-03-03' }]);
    });
  });

  describe('migrating events written in the clear', () => {
    let opened: Opened;
    beforeAll(async () => (opened = await open()));
    afterAll(() => opened.close());

    it('encrypts them in place, keeps verify intact and the earlier chain checkable, and runs once', async () => {
      const { store, plain, keys } = encrypting(opened.pool);
      const ids = [`w-${randomUUID()}`, `w-${randomUUID()}`];
      // The old way: straight into the store, personal fields in the clear.
      for (const [i, id] of ids.entries()) {
        await plain.appendToStream(`worker-${id}`, workerEvents(id, `Klaasje Plain${i}`, `198${i}-05-0${i + 1}`), {
          expectedVersion: 'no_stream',
        });
        await plain.appendToStream(`worker-${id}`, [{ type: 'SkillAdded', data: { workerId: id, skill: 'driving' } }], {
          expectedVersion: 3,
        });
      }
      await plain.appendToStream(
        'employer-e1',
        [{ type: 'EmployerJoinedPool', data: { employerId: 'e1', name: 'Bolletje', memberFrom: '2026-01-01' } }],
        {
          expectedVersion: 'no_stream',
        },
      );
      const before = new Map<string, unknown[]>();
      for (const id of ids)
        before.set(
          id,
          (await store.readStream(`worker-${id}`)).map((e) => e.data),
        );
      await sealFeedDigest(opened.pool);
      expect(await rowsContaining(opened.pool, 'Klaasje')).toBeGreaterThan(0);

      const progress: number[] = [];
      const result = await migratePersonalData(opened.pool, store, PERSONAL_DATA, (p) => progress.push(p.streamsDone));
      expect(result).toMatchObject({ streams: 2, streamsDone: 2, eventsRewritten: 6 });
      expect(result.sealedDigest).toBe(2);
      expect(progress).toEqual([0, 1, 2]);

      expect(await rowsContaining(opened.pool, 'Klaasje')).toBe(0);
      expect(await rowsContaining(opened.pool, '1980-05-01')).toBe(0);
      for (const id of ids) expect((await store.readStream(`worker-${id}`)).map((e) => e.data)).toEqual(before.get(id));
      expect((await verifyEventChain(opened.pool)).breaks).toEqual([]);
      expect((await verifyFeedDigests(opened.pool)).breaks).toEqual([]);
      // 2 streams × 5 events from the first rewritten revision on: all re-derived from the events as they were.
      expect(await verifyChainEpochs(opened.pool, store)).toEqual({ epochs: 1, linksVerified: 10, linksErased: 0, breaks: [] });

      expect(await migratePersonalData(opened.pool, store, PERSONAL_DATA)).toMatchObject({ streams: 0, eventsRewritten: 0 });

      // Erasure after the migration: the erased links can no longer be rebuilt, the rest still chain.
      await keys.shred(ids[0]);
      expect(await verifyChainEpochs(opened.pool, store)).toEqual({ epochs: 1, linksVerified: 7, linksErased: 3, breaks: [] });
      expect((await verifyEventChain(opened.pool)).breaks).toEqual([]);

      // A recorded earlier hash that was changed is found.
      await opened.pool.query(`UPDATE es_chain_epochs SET previous_hash = sha256(previous_hash) WHERE stream_id = $1 AND revision = 4`, [
        `worker-${ids[1]}`,
      ]);
      expect((await verifyChainEpochs(opened.pool, store)).breaks).toEqual([
        expect.objectContaining({ streamId: `worker-${ids[1]}`, revision: 4 }),
      ]);
    });
  });

  describe('migrating remarks of timesheets and placements written in the clear', () => {
    let opened: Opened;
    beforeAll(async () => (opened = await open()));
    afterAll(() => opened.close());

    it("encrypts line remarks and reasons under the stream's worker, leaving sheets without any alone", async () => {
      const { store, plain, keys } = encrypting(opened.pool);
      const workerId = `w-${randomUUID()}`;
      const line = { day: '2026-03-02', start: '08:00', end: '12:00', breakMinutes: 0, hourType: 'normal' };
      const sheet = { timesheetId: 't1', placementId: 'p1', workerId, employerId: 'e1', week: '2026-W10' };
      const remarked = [line, { ...line, day: '2026-03-03', remark: 'Wietske went home ill' }];
      const streams: Record<string, NewEvent[]> = {
        'timesheet-t1': [
          { type: 'HoursRegistered', data: { ...sheet, lines: remarked, by: 'employer:e1' } },
          { type: 'TimesheetSubmitted', data: { timesheetId: 't1', by: 'employer:e1' } },
          { type: 'TimesheetRejected', data: { timesheetId: 't1', reason: 'Wietske was ill on Tuesday', by: 'employer:e1' } },
          { type: 'TimesheetCorrected', data: { timesheetId: 't1', lines: remarked, reason: 'Wietske ill', by: 'operator:o' } },
          { type: 'TimesheetApproved', data: { ...sheet, lines: remarked, approvedVersion: 1, by: 'employer:e1' } },
        ],
        'timesheet-t2': [{ type: 'HoursRegistered', data: { ...sheet, timesheetId: 't2', lines: [line], by: 'employer:e1' } }],
        'placement-p1': [
          {
            type: 'PlacementProposed',
            data: {
              placementId: 'p1',
              workerId,
              employerId: 'e1',
              siteId: 's1',
              functionName: 'f',
              legalForm: 'payroll',
              hoursPerWeek: 16,
            },
          },
          { type: 'PlacementWithdrawn', data: { placementId: 'p1', reason: 'Wietske does not want to work there' } },
        ],
      };
      for (const [streamId, events] of Object.entries(streams))
        await plain.appendToStream(streamId, events, { expectedVersion: 'no_stream' });
      expect(await rowsContaining(opened.pool, 'Wietske')).toBe(4 + 1);

      const result = await migratePersonalData(opened.pool, store, PERSONAL_DATA);

      // The sheet's HoursRegistered, rejection, correction and approval, and the withdrawal.
      expect(result).toMatchObject({ streams: 2, eventsRewritten: 5 });
      expect(await rowsContaining(opened.pool, 'Wietske')).toBe(0);
      for (const [streamId, events] of Object.entries(streams)) {
        expect((await store.readStream(streamId)).map((e) => e.data)).toEqual(events.map((e) => e.data));
      }
      expect((await verifyEventChain(opened.pool)).breaks).toEqual([]);
      expect(await verifyChainEpochs(opened.pool, store)).toEqual({ epochs: 1, linksVerified: 5 + 1, linksErased: 0, breaks: [] });
      expect(await migratePersonalData(opened.pool, store, PERSONAL_DATA)).toMatchObject({ streams: 0, eventsRewritten: 0 });

      await keys.shred(workerId);
      const sheetRead = (await store.readStream('timesheet-t1')).map((e) => e.data as Record<string, unknown>);
      const hoursOnly = [line, { ...line, day: '2026-03-03' }];
      expect(sheetRead.map((data) => data.lines ?? data.reason)).toEqual([hoursOnly, undefined, '[erased]', hoursOnly, hoursOnly]);
      expect(sheetRead[3].reason).toBe('[erased]');
      expect((await store.readStream('placement-p1'))[1].data).toEqual({ placementId: 'p1', reason: '[erased]' });
    });
  });
});
