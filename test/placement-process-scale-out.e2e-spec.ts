import { PERSONAL_DATA } from '@banenpool/domain';
import {
  connectPostgres,
  EncryptingEventStore,
  formatPosition,
  PostgresEventStore,
  PostgresPersonalDataKeys,
  START,
  type PostgresConnection,
  type RecordedEvent,
} from '@banenpool/event-store';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { freePort, requireBuild, startNode, TEST_MASTER_KEY, waitForHealthy, type Started } from './support/built-app.js';

const PLACEMENTS = 50;
const ROOMY = 30; // placements 0..29 fill 'roomy' (30 places); 30..39 compete for 'tight' (5 places); 40..49 fill no request
const TIGHT_PLACES = 5;
const withdrawnByOperator = (i: number) => i % 5 === 2 && (i < ROOMY || i >= ROOMY + 10);
const requestOf = (i: number) => (i < ROOMY ? 'roomy' : i < ROOMY + 10 ? 'tight' : undefined);
const placementId = (i: number) => `p${String(i).padStart(2, '0')}`;
const workerId = (i: number) => `w${String(i % 25).padStart(2, '0')}`;
// A worker's two placements run one after the other, 8 h a week each: the hours limits never refuse.
const periodOf = (i: number) => (i % 50 < 25 ? { from: '2026-11-02', to: '2026-12-27' } : { from: '2027-01-04', to: '2027-03-28' });

/**
 * The placement process acts once per event, however many projector
 * processes run. The built API (no embedded projector) and three built projectors on one fresh
 * PostgreSQL database; 50 confirmations, five of them beyond a request's places and eight withdrawn
 * right after; then every command the process appended is counted in the store.
 */
describe('three projector processes and 50 confirmations (built service on PostgreSQL)', () => {
  let database: ScratchDatabase;
  let connection: PostgresConnection;
  let store: PostgresEventStore;
  let apiPort: number;
  const running: Started[] = [];
  let feed: RecordedEvent[];

  const call = async (method: 'GET' | 'POST', path: string, body?: object) => {
    const response = await fetch(`http://127.0.0.1:${apiPort}${path}`, {
      method,
      headers: { Authorization: 'Bearer demo-operator', 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };
  const command = async (path: string, body: object) => {
    const answer = await call('POST', path, body);
    expect({ path, status: answer.status, body: answer.body }).toMatchObject({ status: 201 });
    return answer;
  };

  beforeAll(async () => {
    requireBuild();
    database = await createScratchDatabase();
    apiPort = await freePort();
    const env = { DATABASE_URL: database.url, EMBEDDED_PROJECTOR: 'false', LOG_LEVEL: 'warn' };
    const api = startNode('apps/api/src/main.js', { ...env, PORT: String(apiPort) });
    running.push(api);
    await waitForHealthy(apiPort, api);
    for (let n = 0; n < 3; n++) {
      const port = await freePort();
      const projector = startNode('apps/projector/src/main.js', { ...env, PORT: String(port) });
      running.push(projector);
      await waitForHealthy(port, projector);
    }
    connection = connectPostgres({ url: database.url, poolSize: 2 });
    store = new PostgresEventStore(connection.pool);

    await setUpPool(command);
    for (let start = 0; start < PLACEMENTS; start += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => place(command, start + k)));
    }
    await waitUntilEveryProjectorIsIdle();
    // Stopping them lets a process that was still reacting to an old batch finish: whatever it appends is counted too.
    const projectors = running.slice(1);
    for (const projector of projectors) projector.child.kill('SIGTERM');
    await Promise.all(projectors.map((p) => p.exited));
    // Decrypted as the service reads it: a withdrawal's reason is in its worker's data key's envelope (ADR 0020).
    const keys = new PostgresPersonalDataKeys(connection.pool, Buffer.from(TEST_MASTER_KEY, 'base64'));
    feed = await new EncryptingEventStore(store, keys, PERSONAL_DATA).readAll({ after: START, limit: 100_000 });
  }, 180_000);

  afterAll(async () => {
    for (const started of running) started.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    await connection?.close();
    await database?.drop();
  });

  /** Until the process has passed every event, including those it appended itself. */
  async function waitUntilEveryProjectorIsIdle(): Promise<void> {
    for (;;) {
      const head = (await store.headPosition({ committed: true }))!;
      const answer = await call('GET', `/streams?limit=1&waitFor=${formatPosition(head)}`);
      if (answer.headers.get('x-consistency') !== 'reached') continue;
      const after = (await store.headPosition({ committed: true }))!;
      if (formatPosition(after) === formatPosition(head)) return;
    }
  }

  const byProcess = () => feed.filter((e) => e.metadata.actor === 'system:placement-process');
  const eventsOf = (i: number, type: string) =>
    feed.filter((e) => e.type === type && (e.data as { placementId?: string }).placementId === placementId(i));
  const indexOf = (event: RecordedEvent) => feed.indexOf(event);

  it('appends each command of a reaction once: no two events of one type for one cause in one stream', () => {
    const counts = new Map<string, number>();
    for (const e of byProcess()) {
      const key = `${e.streamId} ${e.type} caused by ${e.metadata.causationId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts].filter(([, count]) => count > 1)).toEqual([]);
  });

  it('reserves one place and commits the hours once for every placement that stays confirmed', () => {
    const tightKept = Array.from({ length: 10 }, (_, k) => ROOMY + k).filter((i) => eventsOf(i, 'PlacementWithdrawn').length === 0);
    expect(tightKept).toHaveLength(TIGHT_PLACES);
    for (let i = 0; i < PLACEMENTS; i++) {
      if (withdrawnByOperator(i) || (requestOf(i) === 'tight' && !tightKept.includes(i))) continue;
      const counts = ['CapacitySlotReserved', 'HoursCommitted', 'CapacitySlotReleased', 'HoursReleased'].map((t) => eventsOf(i, t).length);
      expect({ placement: placementId(i), counts }).toEqual({ placement: placementId(i), counts: [requestOf(i) ? 1 : 0, 1, 0, 0] });
    }
  });

  it('undoes a confirmation beyond the places once, holding nothing for it', () => {
    const undone = Array.from({ length: 10 }, (_, k) => ROOMY + k).filter((i) => eventsOf(i, 'PlacementWithdrawn').length > 0);
    expect(undone).toHaveLength(10 - TIGHT_PLACES);
    for (const i of undone) {
      const [withdrawal, ...more] = eventsOf(i, 'PlacementWithdrawn');
      expect({ reason: (withdrawal.data as { reason: string }).reason, more }).toEqual({
        reason: expect.stringMatching(/^Confirmation undone: /),
        more: [],
      });
      const held = ['CapacitySlotReserved', 'HoursCommitted'].map((t) => eventsOf(i, t).length);
      expect({ placement: placementId(i), held }).toEqual({ placement: placementId(i), held: [0, 0] });
    }
  });

  /**
   * Three streams and no multi-stream transaction: a handling of the confirmation that checked the
   * placement just before the withdrawal landed may still take after it. What must hold is that it
   * then sees the withdrawal and gives that back itself, and that nothing is taken twice or kept.
   */
  it('takes once for a withdrawn placement, and a take after the withdrawal is given back by the handling that took it', () => {
    const wrong: object[] = [];
    for (let i = 0; i < PLACEMENTS; i++) {
      if (!withdrawnByOperator(i)) continue;
      const [withdrawal] = eventsOf(i, 'PlacementWithdrawn');
      for (const [take, release] of [
        ['CapacitySlotReserved', 'CapacitySlotReleased'],
        ['HoursCommitted', 'HoursReleased'],
      ]) {
        const taken = eventsOf(i, take);
        const released = eventsOf(i, release);
        const lateNotGivenBack = taken.filter(
          (e) =>
            indexOf(e) > indexOf(withdrawal) &&
            !released.some((r) => indexOf(r) > indexOf(e) && r.metadata.causationId === e.metadata.causationId),
        ).length;
        if (lateNotGivenBack > 0 || taken.length > 1 || released.length !== taken.length)
          wrong.push({ placement: placementId(i), take, lateNotGivenBack, taken: taken.length, released: released.length });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leaves the requests holding exactly the confirmed placements', async () => {
    const roomy = await call('GET', '/capacity-requests/roomy');
    const expected = Array.from({ length: ROOMY }, (_, i) => i)
      .filter((i) => !withdrawnByOperator(i))
      .map(placementId);
    expect([...(roomy.body.placementIds as string[])].sort()).toEqual(expected);
    expect(((await call('GET', '/capacity-requests/tight')).body.placementIds as string[]).length).toBe(TIGHT_PLACES);
  });
});

type Command = (path: string, body: object) => Promise<unknown>;

async function setUpPool(command: Command): Promise<void> {
  const surcharges = { timeBands: [], publicHolidayBp: 10000 };
  const content = {
    wageScales: { '1': [1530, 1575] },
    surcharges,
    holidayPayBp: 800,
    fullTimeHoursPerWeek: 38,
    seasonalClause: false,
    illustrative: true,
  };
  await command('/caos', { code: 'schoonmaak', name: 'CAO Schoonmaak (illustrative)' });
  await command('/caos/schoonmaak/versions', { effectiveFrom: '2026-01-01', content });
  await command('/employers', { employerId: 'visschedijk', name: 'Visschedijk Facilitair', memberFrom: '2026-01-01' });
  await command('/employers/visschedijk/cao-applications', { caoCode: 'schoonmaak', from: '2026-01-01' });
  await command('/employers/visschedijk/sites', { siteId: 'hengelo', name: 'Hengelo', area: 'hengelo' });
  await command('/employers/visschedijk/function-classifications', { functionName: 'schoonmaker', scale: '1', from: '2026-01-01' });
  for (const [requestId, headcount] of [
    ['roomy', ROOMY],
    ['tight', TIGHT_PLACES],
  ] as const) {
    await command('/capacity-requests', {
      requestId,
      employerId: 'visschedijk',
      siteId: 'hengelo',
      functionName: 'schoonmaker',
      requiredSkill: 'cleaning',
      period: { from: '2026-11-02', to: '2027-03-28' },
      hoursPerWeek: 8,
      headcount,
    });
  }
  for (let w = 0; w < 25; w++) {
    const id = workerId(w);
    await command('/workers', {
      workerId: id,
      name: `Worker ${id}`,
      birthDate: '1990-01-01',
      homeArea: 'hengelo',
      skills: ['cleaning'],
      availability: { hoursPerWeek: 40 },
    });
    await command(`/workers/${id}/contracts`, {
      contractId: 'c1',
      kind: 'indefinite',
      from: '2026-03-01',
      guaranteedHoursPerWeek: 8,
      maxHoursPerWeek: 32,
    });
  }
}

/** Proposes and confirms placement i; withdraws it at once when the scenario says so. */
async function place(command: Command, i: number): Promise<void> {
  const capacityRequestId = requestOf(i);
  await command('/placements', {
    placementId: placementId(i),
    workerId: workerId(i),
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: 'schoonmaker',
    legalForm: 'payroll',
    hoursPerWeek: 8,
    period: periodOf(i),
    ...(capacityRequestId ? { capacityRequestId } : {}),
  });
  await command(`/placements/${placementId(i)}/confirmation`, { step: 0 });
  if (withdrawnByOperator(i))
    await command(`/placements/${placementId(i)}/withdrawal`, { reason: 'The employer no longer needs the extra hands' });
}
