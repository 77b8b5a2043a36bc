import { asAppliedOn } from './as-of.js';
import { recorded } from './audit.fixtures.js';
import { diffOf } from './diff.js';
import { contractEvents, NO_RELATED_EVENTS, type SubjectEvents } from './subject-events.js';

const avail = { kind: 'hours_per_week', hoursPerWeek: 32, unavailable: [] };
const terms = (maxHoursPerWeek: number) => ({
  kind: 'fixed_term',
  from: '2026-01-01',
  to: '2026-12-31',
  guaranteedHoursPerWeek: 16,
  maxHoursPerWeek,
});

/** Anna's stream: two contracts; hours of p1 committed under c1 and then released; p2 under c2. */
function workerStream() {
  return [
    recorded(
      'worker-anna',
      0,
      'WorkerRegistered',
      { workerId: 'anna', name: 'Anna', birthDate: '1990-05-10', homeArea: 'x', skills: [], availability: avail },
      '2025-12-01T09:00:00Z',
    ),
    recorded('worker-anna', 1, 'PoolContractAgreed', { workerId: 'anna', contractId: 'c1', terms: terms(32) }, '2025-12-01T10:00:00Z'),
    recorded('worker-anna', 2, 'SkillAdded', { workerId: 'anna', skill: 'hosting' }, '2025-12-02T10:00:00Z'),
    recorded(
      'worker-anna',
      3,
      'HoursCommitted',
      { workerId: 'anna', placementId: 'p1', contractId: 'c1', hoursPerWeek: 24, period: { from: '2026-02-02', to: '2026-10-31' } },
      '2026-01-20T10:00:00Z',
    ),
    recorded('worker-anna', 4, 'PoolContractAgreed', { workerId: 'anna', contractId: 'c2', terms: terms(8) }, '2026-01-21T10:00:00Z'),
    recorded(
      'worker-anna',
      5,
      'HoursReleased',
      { workerId: 'anna', placementId: 'p1', hoursPerWeek: 24, period: { from: '2026-06-01', to: '2026-10-31' } },
      '2026-05-15T10:00:00Z',
      'system:placement-process',
    ),
  ];
}

const contract = (contractId: string): SubjectEvents => {
  const stream = workerStream();
  return {
    subject: { kind: 'contract', workerId: 'anna', contractId },
    streamId: 'worker-anna',
    stream,
    own: contractEvents(stream, contractId),
    ...NO_RELATED_EVENTS,
  };
};

describe('a pool contract inside its worker stream', () => {
  it('owns its agreement, the hours committed under it and their release, not the other contract or the skills', () => {
    expect(contract('c1').own.map((e) => e.revision)).toEqual([1, 3, 5]);
    expect(contract('c2').own.map((e) => e.revision)).toEqual([4]);
  });

  it('as applied on a date: in force, with the hours committed under it that day', () => {
    const on = (date: string) => asAppliedOn(contract('c1'), date, new Date('2026-12-01T00:00:00Z')).applies;
    expect(on('2026-03-02')).toMatchObject({ inForce: true, committedHoursPerWeek: 24 });
    expect(on('2026-07-01')).toMatchObject({ inForce: true, committedHoursPerWeek: 0 });
    expect(on('2027-01-04')).toMatchObject({ inForce: false });
  });

  it('the diff names the commitment and its shortening, with who recorded it', () => {
    const diff = diffOf(contract('c1'), new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'));
    expect(diff.changes.map((c) => c.sentence)).toEqual([
      'Hours committed for placement p1 set to 24 a week, 2026-02-02 to 2026-10-31 (hours committed, recorded 2026-01-20 by operator:anna)',
      'Hours committed for placement p1 changed from 24 a week, 2026-02-02 to 2026-10-31 to 24 a week, 2026-02-02 to 2026-05-31 (hours released, recorded 2026-05-15 by system:placement-process)',
    ]);
  });
});
