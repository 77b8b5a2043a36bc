import { minimised } from './minimise.js';

const worker = {
  status: 'registered',
  workerId: 'w-anna',
  name: 'Anna de Vries',
  birthDate: '1998-04-12',
  homeArea: 'Hengelo',
  location: { postcode: '7550 AA', lat: 52.26, lon: 6.79 },
  skills: ['cleaning'],
  targetGroup: { inRegister: true, wageValueBp: 7000 },
  targetGroupHistory: [{ inRegister: true, wageValueBp: 7000, validFrom: '2026-01-01' }],
  contracts: [{ contractId: 'c1', name: 'kept: not about the worker' }],
  version: 4,
};

describe('minimised: an answer about a worker without the fields the caller may not see', () => {
  it('keeps everything for a caller who sees every field', () => {
    expect(minimised(worker, new Set(['name', 'birthDate', 'location', 'targetGroup'] as const))).toEqual(worker);
  });

  it('drops birth date, location and the target group when only the name may be seen', () => {
    const seen = minimised(worker, new Set(['name'] as const));
    expect(Object.keys(seen).sort()).toEqual(['contracts', 'name', 'skills', 'status', 'version', 'workerId']);
  });

  it('drops every personal key for no fields, and leaves nested objects alone (a contract’s or a site’s name is not the worker’s)', () => {
    const seen = minimised(worker, new Set());
    expect(seen).not.toHaveProperty('name');
    expect(seen).not.toHaveProperty('targetGroupHistory');
    expect(seen.contracts).toEqual(worker.contracts);
  });

  it('drops a board row’s workerName, and changes nothing when the policy did not decide (internal calls)', () => {
    expect(minimised({ workerId: 'w-anna', workerName: 'Anna', hours: 16 }, new Set(['birthDate'] as const))).toEqual({
      workerId: 'w-anna',
      hours: 16,
    });
    expect(minimised(worker, undefined)).toBe(worker);
  });
});
