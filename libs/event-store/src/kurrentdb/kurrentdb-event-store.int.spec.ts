import { createServer, type Server, type Socket } from 'node:net';
import { EventStoreUnavailableError } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

const url = process.env.EVENTSTORE_CONNECTION_STRING;

if (!url) {
  console.warn(
    'KurrentDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is not set (no KurrentDB server on this machine); ' +
      'set it to e.g. kurrentdb://localhost:2113?tls=false to run it',
  );
}

describe('KurrentDbEventStore (KurrentDB server)', () => {
  if (url) {
    eventStoreContract(async () => {
      const store = new KurrentDbEventStore(url, { timeoutMs: 10_000 });
      return { store, cleanup: () => store.close() };
    });
  } else {
    it('is skipped without a server: set EVENTSTORE_CONNECTION_STRING to run the contract suite', () => {
      expect(url).toBeUndefined();
    });
  }
});

const operations: Array<[string, (store: EventStore) => Promise<unknown>]> = [
  ['appendToStream', (store) => store.appendToStream('unreachable-1', [{ type: 'Probed', data: {} }], { expectedVersion: 'any' })],
  ['readStream', (store) => store.readStream('unreachable-1')],
  ['readAll', (store) => store.readAll({ limit: 10 })],
  ['headPosition', (store) => store.headPosition()],
];

/** Well under the 100 s an unbounded append hung for, and above the 500 ms timeout plus scheduling. */
const BOUND_MS = 3_000;

async function expectUnavailableWithinBound(promise: Promise<unknown>): Promise<EventStoreUnavailableError> {
  const started = Date.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(Date.now() - started).toBeLessThan(BOUND_MS);
  expect(error).toBeInstanceOf(EventStoreUnavailableError);
  return error as EventStoreUnavailableError;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('KurrentDbEventStore against a peer that accepts TCP and never answers', () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  let store: KurrentDbEventStore;

  beforeAll(async () => {
    const port = await listen(silent);
    store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${port}?tls=false`, { timeoutMs: 500 });
  });
  afterAll(async () => {
    await store.close().catch(() => undefined);
    for (const socket of sockets) socket.destroy();
    await closeServer(silent);
  });

  it.each(operations)('%s rejects with EventStoreUnavailableError within the bound', async (name, operation) => {
    const error = await expectUnavailableWithinBound(operation(store));
    expect(error.message).toContain(name === 'headPosition' ? 'readAll' : name);
  });
});

describe('KurrentDbEventStore against a closed port', () => {
  let store: KurrentDbEventStore;

  beforeAll(async () => {
    // Listen and close again to get a port that nothing listens on.
    const probe = createServer();
    const port = await listen(probe);
    await closeServer(probe);
    store = new KurrentDbEventStore(`kurrentdb://127.0.0.1:${port}?tls=false`, { timeoutMs: 2_000 });
  });
  afterAll(() => store.close().catch(() => undefined));

  it.each(operations)('%s rejects with EventStoreUnavailableError', async (_, operation) => {
    await expectUnavailableWithinBound(operation(store));
  });

  it('a refused connection is reported with its cause, not as a timeout', async () => {
    const error = await expectUnavailableWithinBound(operations[0][1](store));
    expect(error.cause).toBeDefined();
  });
});
