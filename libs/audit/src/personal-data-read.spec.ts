import { MAX_RECORDED_SUBJECTS, parsePoolEvent } from '@banenpool/domain';
import type { EventStore, NewEvent } from '@banenpool/event-store';
import { personalDataReadIsAbout, recordPersonalDataRead, type PersonalDataAccess } from './audit-access.js';

/** Keeps what is appended; nothing else of the port is used. */
function appendOnlyStore() {
  const appended: { streamId: string; events: readonly NewEvent[] }[] = [];
  const store = {
    appendToStream: async (streamId: string, events: readonly NewEvent[]) => {
      appended.push({ streamId, events });
      return { nextExpectedVersion: 0, position: 1n };
    },
  } as unknown as EventStore;
  return { store, appended };
}

const access = (workerIds: string[]): PersonalDataAccess => ({
  actor: 'auditor:uwv',
  role: 'auditor',
  route: 'GET /board',
  target: '/board',
  parameters: { limit: '500' },
  workerIds,
  categories: ['personal'],
  purpose: 'invoice_audit',
  correlationId: 'c-1',
});

describe('recordPersonalDataRead', () => {
  it('appends one PersonalDataRead to the day’s audit-access stream (Amsterdam day), valid by its schema', async () => {
    const { store, appended } = appendOnlyStore();
    await recordPersonalDataRead(store, access(['w-anna', 'w-bram', 'w-anna']), new Date('2026-12-07T23:30:00Z'));
    expect(appended).toHaveLength(1);
    expect(appended[0].streamId).toBe('audit-access-2026-12-08');
    const [event] = appended[0].events;
    expect(event).toMatchObject({ type: 'PersonalDataRead', schemaVersion: 1, metadata: { actor: 'auditor:uwv', correlationId: 'c-1' } });
    expect(event.data).toMatchObject({
      workerIds: ['w-anna', 'w-bram'],
      workerCount: 2,
      purpose: 'invoice_audit',
      at: '2026-12-07T23:30:00.000Z',
    });
    expect(parsePoolEvent(event.type, 1, event.data)).toMatchObject({ ok: true });
  });

  it('keeps at most MAX_RECORDED_SUBJECTS ids and the count of all', async () => {
    const { store, appended } = appendOnlyStore();
    const many = Array.from({ length: MAX_RECORDED_SUBJECTS + 20 }, (_, i) => `w-${i}`);
    await recordPersonalDataRead(store, access(many), new Date('2026-12-07T10:00:00Z'));
    const data = appended[0].events[0].data as { workerIds: string[]; workerCount: number };
    expect(data.workerIds).toHaveLength(MAX_RECORDED_SUBJECTS);
    expect(data.workerCount).toBe(MAX_RECORDED_SUBJECTS + 20);
    expect(parsePoolEvent('PersonalDataRead', 1, data)).toMatchObject({ ok: true });
  });

  it('says whether a record is about a worker', () => {
    expect(personalDataReadIsAbout('w-anna', 'PersonalDataRead', { workerIds: ['w-anna'] })).toBe(true);
    expect(personalDataReadIsAbout('w-anna', 'PersonalDataRead', { workerIds: ['w-annabel'] })).toBe(false);
    expect(personalDataReadIsAbout('w-anna', 'AuditRecordsRead', { workerIds: ['w-anna'] })).toBe(false);
  });
});
