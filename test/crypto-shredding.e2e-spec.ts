import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { PersonalDataKeys, verifyEventChain, type EventStore, type PostgresConnection } from '@banenpool/event-store';
import { rebuildAndCompare } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { EVENT_STORE, POSTGRES_CONNECTION } from '@banenpool/platform';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { caller, startTestApi } from './support/api-client.js';

/** The tables (schema.name) whose rows, read as text, contain `text`. */
async function tablesContaining(connection: PostgresConnection, text: string): Promise<string[]> {
  const { rows: tables } = await connection.pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await connection.pool.query<{ hit: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${name} t WHERE t::text ILIKE $1) AS hit`,
      [`%${text}%`],
    );
    if (rows[0].hit) found.push(name);
  }
  return found;
}

describe.each(['embedded', 'postgres'] as const)('crypto-shredding through the HTTP API on %s storage', (mode) => {
  let app: INestApplication;
  let database: ScratchDatabase | undefined;
  let connection: PostgresConnection;

  beforeAll(async () => {
    database = mode === 'postgres' ? await createScratchDatabase() : undefined;
    app = await startTestApi({ DATABASE_URL: database?.url });
    connection = app.get(POSTGRES_CONNECTION);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('keeps a registered worker’s name, birth date and target-group data out of the events table', async () => {
    const operator = caller(app, 'demo-operator');
    const workerId = `w-${randomUUID()}`;
    const name = `Wilhelmina Tankink ${randomUUID().slice(0, 8)}`;
    const birthDate = '1983-09-17';
    await operator
      .post('/workers')
      .send({ workerId, name, birthDate, postcode: '7511 AB', skills: ['cleaning'], availability: { hoursPerWeek: 24 } })
      .expect(201);
    await operator
      .post(`/workers/${workerId}/target-group-status`)
      .send({ inRegister: true, wageValueBp: 6100, validFrom: '2026-11-02' })
      .expect(201);

    // The service's own reads get them back (decrypted on the way out of the store).
    const [registered, status] = await app.get<EventStore>(EVENT_STORE).readStream(`worker-${workerId}`);
    expect(registered.data).toMatchObject({ name, birthDate });
    expect(status.data).toMatchObject({ inRegister: true, wageValueBp: 6100 });

    const withName = await tablesContaining(connection, name);
    const withBirthDate = await tablesContaining(connection, birthDate);
    expect(withName).not.toContain('public.es_events');
    expect(withBirthDate).not.toContain('public.es_events');
    expect(await tablesContaining(connection, '7511 AB')).not.toContain('public.es_events');
    // The search does find what is stored in the clear: the pseudonymous id, in the events table.
    expect(await tablesContaining(connection, workerId)).toContain('public.es_events');
    const { rows } = await connection.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM es_events WHERE stream_id = $1 AND data ? '$personal'`,
      [`worker-${workerId}`],
    );
    expect(rows[0].n).toBe(2);

    // Shredding the key (what the erasure does) leaves the chain intact and the feed replayable.
    await app.get(PersonalDataKeys).shred(workerId);
    const [erased] = await app.get<EventStore>(EVENT_STORE).readStream(`worker-${workerId}`);
    expect(erased.data).toMatchObject({ name: '[erased]', birthDate: '1900-01-01' });
    expect(erased.metadata.personalDataErased).toBe(true);
    expect((await verifyEventChain(connection.pool)).breaks).toEqual([]);
    const rebuild = await rebuildAndCompare({ store: app.get(EVENT_STORE), dataSource: app.get(DataSource), projections: allProjections });
    // It replays up to the live read models' positions (which still hold the name until the erasure purges them).
    expect(rebuild.events).toBeGreaterThan(0);
    expect(rebuild.projections.map((p) => p.name).sort()).toEqual(allProjections.map((p) => p.name).sort());
  });
});
