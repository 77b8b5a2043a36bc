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

  describe('of a confirmation', () => {
    const terms = {
      placementId: 'p1',
      workerId: 'anna',
      employerId: 'waarbeek',
      siteId: 'park',
      functionName: 'host',
      legalForm: 'payroll',
      hoursPerWeek: 24,
      period: { from: '2026-01-05', to: '2026-09-30' },
    };
    const cao = {
      code: 'horeca',
      effectiveFrom: '2026-01-01',
      revision: 1,
      scale: 'A',
      step: 2,
      scaleHourlyCents: 1530,
      youthBp: 10000,
      hourlyCents: 1530,
    };
    const confirmed = (firstDayPay: unknown) => ({
      ...recorded(
        'placement-p1',
        1,
        'PlacementConfirmed',
        {
          ...terms,
          agreed: { functionName: 'host', caoCode: 'horeca', scale: 'A', step: 2 },
          hirerTerms: { applies: true, basis: 'art. 8a Waadi' },
          firstDayPay,
        },
        '2026-01-02T09:00:00Z',
      ),
      schemaVersion: 2,
    });
    const caoRule = { rule: 'cao', code: 'horeca', version: '2026-01-01', revision: 1, scale: 'A', step: 2 };

    it('names the CAO version and the minimum-wage row of its first day', () => {
      const wage = {
        day: '2026-01-05',
        hourlyCents: 1530,
        basis: 'cao',
        age: 35,
        cao,
        minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 }, youthBp: 10000, hourlyCents: 1471 },
      };
      expect(rulesUsed(confirmed({ known: true, wage }))).toEqual([
        caoRule,
        { rule: 'minimum_wage_table', version: '2026-01-01', revision: 0, age: 35 },
      ]);
    });

    it('names only the CAO version while the first day’s minimum wage was not published', () => {
      expect(rulesUsed(confirmed({ known: false, reason: 'The rule table "minimum-wage" has no figures for 2026-01-05.', cao }))).toEqual([
        caoRule,
      ]);
    });
  });
});
