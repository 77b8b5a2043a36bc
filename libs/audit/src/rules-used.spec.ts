import { recorded } from './audit.fixtures.js';
import { rulesUsed } from './rules-used.js';

describe('rulesUsed', () => {
  const chain = { position: 2, chainStartedOn: '2025-07-01', breakingGapMonths: 6 };
  const terms = { kind: 'fixed_term', from: '2026-01-01', to: '2026-06-30', guaranteedHoursPerWeek: 12, maxHoursPerWeek: 40 };
  const agreed = (data: unknown, schemaVersion = 1) => ({
    ...recorded('worker-anna', 1, 'PoolContractAgreed', data, '2026-01-02T09:00:00Z'),
    schemaVersion,
  });

  it('names the rules an event records, as its schema reads them', () => {
    expect(rulesUsed(agreed({ workerId: 'anna', contractId: 'c2', terms, chain: { ...chain, note: 'not promised' } }))).toEqual([
      { rule: 'chain_rule', ...chain },
    ]);
    expect(rulesUsed(agreed({ workerId: 'anna', contractId: 'c2', terms: { ...terms, kind: 'indefinite' } }))).toEqual([]);
  });

  it('names none for data its schema refuses or a version it cannot read, rather than guess', () => {
    expect(rulesUsed(agreed({ workerId: 'anna', contractId: 'c2', terms, chain: { ...chain, position: 'second' } }))).toEqual([]);
    expect(rulesUsed(agreed({ workerId: 'anna', contractId: 'c2', terms, chain }, 7))).toEqual([]);
  });
});
