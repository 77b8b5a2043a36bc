import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { InvalidAppendError, WrongExpectedVersionError } from '../errors.js';
import type { EventStore, ExpectedVersion, NewEvent } from '../event-store.port.js';
import { comparePositions, START } from '../global-position.js';
import { UNSTORABLE_TEXT } from '../validation.js';

export interface ContractSubject {
  store: EventStore;
  cleanup(): Promise<void>;
}

const event = (type: string, data: unknown = {}): NewEvent => ({ type, data });
const events = (count: number, type = 'Counted'): NewEvent[] => Array.from({ length: count }, (_, i) => event(type, { i }));

/** Each test writes to its own streams, so the suite also runs against a shared server. */
const newStream = (label: string) => `contract-${label}-${randomUUID()}`;

async function expectConflict(promise: Promise<unknown>, actual: number | undefined): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect((error as WrongExpectedVersionError).actual).toBe(actual);
}

/**
 * The behaviour every event store adapter must show. Run by each adapter's integration test
 * against a real store (PostgreSQL, PGlite, KurrentDB when a server is given).
 */
export function eventStoreContract(open: () => Promise<ContractSubject>): void {
  let subject: ContractSubject;
  let store: EventStore;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => {
    await subject?.cleanup();
  });

  describe('expected version on create', () => {
    it('no_stream creates a stream and returns the revision of its last event', async () => {
      const stream = newStream('create');
      const result = await store.appendToStream(stream, events(3), { expectedVersion: 'no_stream' });
      expect(result.nextExpectedVersion).toBe(2);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it.each<[string, ExpectedVersion]>([
      ['stream_exists', 'stream_exists'],
      ['an exact revision', 0],
    ])('%s on a missing stream is a conflict and writes nothing', async (_, expectedVersion) => {
      const stream = newStream('missing');
      await expectConflict(store.appendToStream(stream, events(1), { expectedVersion }), undefined);
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('any creates a missing stream', async () => {
      const stream = newStream('any');
      const result = await store.appendToStream(stream, events(2), { expectedVersion: 'any' });
      expect(result.nextExpectedVersion).toBe(1);
    });
  });

  describe('expected version on update', () => {
    let stream: string;
    beforeEach(async () => {
      stream = newStream('update');
      await store.appendToStream(stream, events(2), { expectedVersion: 'no_stream' });
    });

    it('no_stream on an existing stream is a conflict that names the actual revision', async () => {
      await expectConflict(store.appendToStream(stream, events(1), { expectedVersion: 'no_stream' }), 1);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('the exact current revision appends after it', async () => {
      const result = await store.appendToStream(stream, events(2), { expectedVersion: 1 });
      expect(result.nextExpectedVersion).toBe(3);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it.each([0, 2, 7])('a stale or future revision (%i) is a conflict and writes nothing', async (expectedVersion) => {
      await expectConflict(store.appendToStream(stream, events(1), { expectedVersion }), 1);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it.each<ExpectedVersion>(['any', 'stream_exists'])('%s appends to an existing stream', async (expectedVersion) => {
      const result = await store.appendToStream(stream, events(1), { expectedVersion });
      expect(result.nextExpectedVersion).toBe(2);
    });
  });

  describe('refused input', () => {
    it.each<[string, string, NewEvent[]]>([
      ['an empty append', 'contract-empty', []],
      ['a stream id with spaces', 'not a stream', events(1)],
      ['a system stream id', '$all', events(1)],
      ['an event type with spaces', 'contract-type', [event('Not A Type')]],
      ['a NUL character in the data', 'contract-nul', [event('Noted', { text: 'nul\u0000byte' })]],
      ['a lone surrogate in the data', 'contract-surrogate', [event('Noted', { text: 'half \ud800 a character' })]],
    ])('%s is refused before anything is written', async (_, stream, batch) => {
      await expect(store.appendToStream(stream, batch, { expectedVersion: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
    });
  });

  it('20 concurrent writers on one stream: exactly one wins each revision', async () => {
    const stream = newStream('race');
    await store.appendToStream(stream, events(1, 'Opened'), { expectedVersion: 'no_stream' });
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, writer) =>
          store.appendToStream(stream, [event('Claimed', { round, writer })], { expectedVersion: round }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedVersionError);
    }
    const written = await store.readStream(stream);
    expect(written.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(written.slice(1).map((e) => (e.data as { round: number }).round)).toEqual([0, 1, 2, 3, 4]);
  });

  describe('reading a stream', () => {
    let stream: string;
    beforeAll(async () => {
      stream = newStream('range');
      await store.appendToStream(stream, events(10), { expectedVersion: 'no_stream' });
    });

    it('reads forwards from and to a revision, both inclusive', async () => {
      const range = await store.readStream(stream, { fromRevision: 3, toRevision: 6 });
      expect(range.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
      expect(range.map((e) => (e.data as { i: number }).i)).toEqual([3, 4, 5, 6]);
    });

    it('limits the count', async () => {
      const range = await store.readStream(stream, { fromRevision: 8, maxCount: 5 });
      expect(range.map((e) => e.revision)).toEqual([8, 9]);
    });

    it('an unknown stream reads as empty', async () => {
      expect(await store.readStream(newStream('unknown'))).toEqual([]);
      expect(await store.readStreamForReplay(newStream('unknown'))).toEqual([]);
    });

    it('the replay read gives the same events, with what a replay needs of each', async () => {
      const options = { fromRevision: 2, toRevision: 7 };
      const whole = await store.readStream(stream, options);
      const replay = await store.readStreamForReplay(stream, options);
      expect(
        replay.map(({ streamId, revision, type, schemaVersion, data, recordedAt }) => ({
          streamId,
          revision,
          type,
          schemaVersion,
          data,
          recordedAt,
        })),
      ).toEqual(
        whole.map(({ streamId, revision, type, schemaVersion, data, recordedAt }) => ({
          streamId,
          revision,
          type,
          schemaVersion,
          data,
          recordedAt,
        })),
      );
      expect(replay).toHaveLength(6);
    });

    it('the replay read cut at an instant gives the events recorded at or before it, ranges and counts after the cut', async () => {
      const cut = newStream('recorded-until');
      for (const batch of [events(2), events(3), events(1)]) {
        await store.appendToStream(cut, batch, { expectedVersion: 'any' });
        await new Promise((resolve) => setTimeout(resolve, 5)); // each append at its own millisecond
      }
      const whole = await store.readStreamForReplay(cut);
      const knownAt = (instant: Date) => whole.filter((e) => e.recordedAt.getTime() <= instant.getTime());
      const instants = [new Date(whole[0].recordedAt.getTime() - 1), ...whole.map((e) => e.recordedAt)];
      expect(new Set(instants.map((i) => i.getTime())).size).toBe(4);
      for (const recordedUntil of instants) {
        expect(await store.readStreamForReplay(cut, { recordedUntil })).toEqual(knownAt(recordedUntil));
        expect(await store.readStreamForReplay(cut, { recordedUntil, fromRevision: 1, maxCount: 2 })).toEqual(
          knownAt(recordedUntil)
            .filter((e) => e.revision >= 1)
            .slice(0, 2),
        );
      }
    });

    it('reads several streams at once as each alone, a missing one as empty, a repeated id once', async () => {
      const other = newStream('several');
      await store.appendToStream(other, events(3), { expectedVersion: 'no_stream' });
      const missing = newStream('unknown');
      const read = await store.readStreamsForReplay([stream, missing, other, stream]);
      expect([...read.keys()].sort()).toEqual([stream, missing, other].sort());
      expect(read.get(stream)).toEqual(await store.readStreamForReplay(stream));
      expect(read.get(other)).toEqual(await store.readStreamForReplay(other));
      expect(read.get(missing)).toEqual([]);
      expect(await store.readStreamsForReplay([])).toEqual(new Map());
    });
  });

  describe('the global feed', () => {
    it('returns every appended event once, in append order, page by page', async () => {
      const before = (await store.headPosition()) ?? START;
      const streams = [newStream('feed-a'), newStream('feed-b')];
      const appended: string[] = [];
      for (let i = 0; i < 12; i++) {
        const eventId = randomUUID();
        await store.appendToStream(streams[i % 2], [{ ...event('Fed', { i }), eventId }], { expectedVersion: 'any' });
        appended.push(eventId);
      }
      const seen: string[] = [];
      let after = before;
      for (;;) {
        const page = await store.readAll({ after, limit: 5 });
        if (page.length === 0) break;
        for (let i = 1; i < page.length; i++) expect(comparePositions(page[i - 1].position, page[i].position)).toBe(-1);
        expect(comparePositions(after, page[0].position)).toBe(-1);
        seen.push(...page.filter((e) => streams.includes(e.streamId)).map((e) => e.eventId));
        after = page[page.length - 1].position;
      }
      expect(seen).toEqual(appended);
      expect(comparePositions((await store.headPosition())!, after)).toBe(0);
    });

    it('the append result carries the position of the last event it wrote', async () => {
      const stream = newStream('position');
      const result = await store.appendToStream(stream, events(3), { expectedVersion: 'no_stream' });
      const written = await store.readStream(stream);
      expect(comparePositions(result.position, written[2].position)).toBe(0);
      expect(comparePositions(written[0].position, written[1].position)).toBe(-1);
    });
  });

  it('round-trips data and metadata', async () => {
    const stream = newStream('metadata');
    const eventId = randomUUID();
    const data = { name: 'Ångström – café “De Waarbeek”', hours: 25.5, nested: { list: [1, 'two', null] }, flag: false };
    const metadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: 'operator:anna' };
    const before = Date.now();
    await store.appendToStream(stream, [{ type: 'PlacementConfirmed', data, schemaVersion: 3, eventId, metadata }], {
      expectedVersion: 'no_stream',
    });
    const [stored] = await store.readStream(stream);
    expect(stored).toMatchObject({ eventId, streamId: stream, revision: 0, type: 'PlacementConfirmed', schemaVersion: 3, data, metadata });
    expect(stored.recordedAt).toBeInstanceOf(Date);
    // Server clocks may differ a little from ours; an hour either way would be a bug.
    expect(Math.abs(stored.recordedAt.getTime() - before)).toBeLessThan(3_600_000);
  });

  it('the feed gives each event as its stream does: data, metadata, time, position and hash alike', async () => {
    const stream = newStream('feed-alike');
    const after = (await store.headPosition()) ?? START;
    const data = { name: 'Ångström – café “De Waarbeek”', hours: 25.5, big: 1e21, tiny: 1e-7, nested: { list: [1, 'two', null] } };
    await store.appendToStream(
      stream,
      [
        { type: 'PlacementConfirmed', data, schemaVersion: 3, metadata: { actor: 'operator:anna', correlationId: randomUUID() } },
        { type: 'PlacementEnded', data: {} },
      ],
      { expectedVersion: 'no_stream' },
    );
    const fed = (await store.readAll({ after, limit: 1_000 })).filter((e) => e.streamId === stream);
    expect(fed).toEqual(await store.readStream(stream));
    expect(fed).toHaveLength(2);
  });

  it('round-trips any JSON text an event can hold, several events to one append', async () => {
    // NUL and lone surrogates are refused before storage (validation.ts); everything else must come
    // back as written: quotes, backslashes, braces and commas of the array syntax, control characters.
    const storable = fc.jsonValue({ stringUnit: 'binary' }).filter((value) => !/\\u(0000|d[89a-f])/i.test(JSON.stringify(value)));
    const actor = fc.string({ unit: 'binary' }).filter((text) => !UNSTORABLE_TEXT.test(text));
    await fc.assert(
      fc.asyncProperty(fc.array(storable, { minLength: 1, maxLength: 4 }), actor, async (values, who) => {
        const stream = newStream('json');
        await store.appendToStream(
          stream,
          values.map((data) => ({ type: 'Noted', data, metadata: { actor: who } })),
          {
            expectedVersion: 'no_stream',
          },
        );
        const stored = await store.readStream(stream);
        expect(stored.map((e) => e.data)).toEqual(values.map((data) => JSON.parse(JSON.stringify(data)) as unknown));
        for (const e of stored) expect(e.metadata).toEqual({ actor: who });
      }),
      { numRuns: 40 },
    );
  });
}
