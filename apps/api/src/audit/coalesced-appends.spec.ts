import type { AppendOptions, AppendResult, EventStore, NewEvent } from '@banenpool/event-store';
import { CoalescedAppends } from './coalesced-appends.js';

/** The appends a store was asked for; each finishes when the test says so. */
function heldStore() {
  const appends: { streamId: string; types: string[]; options: AppendOptions; finish: (error?: Error) => void }[] = [];
  const store = {
    appendToStream: (streamId: string, events: readonly NewEvent[], options: AppendOptions) =>
      new Promise<AppendResult>((resolve, reject) =>
        appends.push({
          streamId,
          types: events.map((e) => e.type),
          options,
          finish: (error) =>
            error ? reject(error) : resolve({ nextExpectedVersion: appends.length, position: { commit: 1n, prepare: 1n } }),
        }),
      ),
  } as unknown as EventStore;
  return { appends, store };
}

const event = (type: string): NewEvent => ({ type, data: {} });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedAppends', () => {
  it('appends the reads made while one append runs together, in the order they came', async () => {
    const { appends, store } = heldStore();
    const record = new CoalescedAppends(store);
    const first = record.appendToStream('audit-access-2026-12-07', [event('a')], { expectedVersion: 'any' });
    await settle();
    const later = ['b', 'c', 'd'].map((type) =>
      record.appendToStream('audit-access-2026-12-07', [event(type)], { expectedVersion: 'any' }),
    );
    await settle();
    expect(appends.map((a) => a.types)).toEqual([['a']]);
    appends[0].finish();
    await first;
    await settle();
    expect(appends.map((a) => a.types)).toEqual([['a'], ['b', 'c', 'd']]);
    expect(appends[1].options).toEqual({ expectedVersion: 'any' });
    appends[1].finish();
    await Promise.all(later);
  });

  it('fails every read whose record was not written, and leaves versioned appends alone', async () => {
    const { appends, store } = heldStore();
    const record = new CoalescedAppends(store);
    const first = record.appendToStream('s', [event('a')], { expectedVersion: 'any' });
    await settle();
    const [b, c] = ['b', 'c'].map((type) => record.appendToStream('s', [event(type)], { expectedVersion: 'any' }));
    const versioned = record.appendToStream('s', [event('v')], { expectedVersion: 3 });
    appends[0].finish();
    await first;
    await settle();
    expect(appends.map((a) => a.types)).toEqual([['a'], ['v'], ['b', 'c']]);
    appends[2].finish(new Error('connection lost'));
    await expect(b).rejects.toThrow('connection lost');
    await expect(c).rejects.toThrow('connection lost');
    appends[1].finish();
    await versioned;
  });
});
