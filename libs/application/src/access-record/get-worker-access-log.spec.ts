import { entryAbout } from './get-worker-access-log.handler.js';

const read = (workerIds: string[], purpose?: string) => ({
  type: 'PersonalDataRead',
  data: {
    actor: 'auditor:uwv',
    role: 'auditor',
    route: 'GET /board',
    target: '/board',
    parameters: { limit: '50' },
    workerIds,
    workerCount: workerIds.length,
    categories: ['personal'],
    ...(purpose ? { purpose } : {}),
    at: '2026-12-07T09:00:00.000Z',
  },
});

describe('the worker’s access log: which records of the access record are about the worker', () => {
  it('takes a personal-data read that showed the worker, among others', () => {
    expect(entryAbout('w-anna', read(['w-bram', 'w-anna'], 'invoice_audit'))).toEqual([
      {
        at: '2026-12-07T09:00:00.000Z',
        actor: 'auditor:uwv',
        role: 'auditor',
        what: 'GET /board',
        target: '/board',
        parameters: { limit: '50' },
        categories: ['personal'],
        purpose: 'invoice_audit',
        workerCount: 2,
      },
    ]);
  });

  it('leaves out reads that did not show the worker, and an employer’s read has no purpose', () => {
    expect(entryAbout('w-anna', read(['w-bram']))).toEqual([]);
    expect(entryAbout('w-anna', read(['w-anna']))[0]).not.toHaveProperty('purpose');
  });

  it('takes an earlier audit question about the worker’s stream or one of its contracts, and no other', () => {
    const question = (target: string) => ({
      type: 'AuditRecordsRead',
      data: { actor: 'auditor:uwv', action: 'history', target, parameters: {}, at: '2026-12-01T10:00:00.000Z' },
    });
    expect(entryAbout('w-anna', question('/audit/workers/w-anna/history'))).toEqual([
      expect.objectContaining({ what: 'history', categories: ['personal', 'target-group'], workerCount: 1 }),
    ]);
    expect(entryAbout('w-anna', question('/audit/workers/w-anna/contracts/c1/as-of'))).toEqual([
      expect.objectContaining({ categories: [] }),
    ]);
    expect(entryAbout('w-anna', question('/audit/workers/w-anna2/history'))).toEqual([]);
    expect(entryAbout('w-anna', question('/audit/placements/w-anna/history'))).toEqual([]);
  });
});
