import { recreatieVersions, schoonmaakVersions, shippedRules, visschedijkToRecreatie } from '../placement/placement-pay.fixtures.js';
import type { RateAgreementView } from './rate-in-force.js';
import { cleaner, lowScaleVersions, rulesWithSecondHalf2026 } from './rate-agreement.fixtures.js';
import { rateWarnings } from './rate-warnings.js';

const agreement = (overrides: Partial<RateAgreementView> & Pick<RateAgreementView, 'rate'>): RateAgreementView => ({
  agreementId: 'r1',
  scope: { kind: 'employer' },
  from: '2026-01-05',
  surchargesBp: {},
  gAccountShareBp: 0,
  ...overrides,
});

describe('rate warnings', () => {
  const fixed = (hourlyCents: number, overrides: Partial<RateAgreementView> = {}) =>
    agreement({ rate: { kind: 'fixed', hourlyCents }, ...overrides });

  it('given a fixed rate at the cost of January, when a new CAO version raises the wage on 1 March, then the placement is flagged on 1 March', () => {
    const warnings = rateWarnings({
      agreements: [fixed(1930)],
      placements: [cleaner()],
      caoVersions: schoonmaakVersions,
      rules: shippedRules,
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: 'below_cost',
        agreementId: 'r1',
        placementId: 'p1',
        workerId: 'worker-p1',
        day: '2026-03-01',
        rateHourlyCents: 1930,
        costHourlyCents: 1981, // 1560 × 1.26954 = 1980.5
        cost: expect.objectContaining({
          wage: expect.objectContaining({ hourlyCents: 1560, cao: expect.objectContaining({ effectiveFrom: '2026-03-01' }) }),
        }),
      }),
    ]);
  });

  it('never flags a factor rate: its price follows the wage', () => {
    const factor = agreement({ rate: { kind: 'factor', factorBp: 12_696 } });
    expect(rateWarnings({ agreements: [factor], placements: [cleaner()], caoVersions: schoonmaakVersions, rules: shippedRules })).toEqual(
      [],
    );
  });

  it('given a placement paid the minimum wage, when a minimum-wage row starts mid-placement, then it is flagged on that row’s first day', () => {
    const yearRound = cleaner({ period: { from: '2026-01-05', to: '2026-09-30' } });
    // €14.71 × 1.26954 = €18.675 → €18.68 covers the first half-year; €15.00 from 1 July costs €19.05.
    const input = { agreements: [fixed(1868)], placements: [yearRound], caoVersions: lowScaleVersions };
    expect(rateWarnings({ ...input, rules: rulesWithSecondHalf2026 })).toEqual([
      expect.objectContaining({ kind: 'below_cost', day: '2026-07-01', costHourlyCents: 1905 }),
    ]);
    // Until the row is published, nothing past 30 June is known: no warning yet.
    expect(rateWarnings({ ...input, rules: shippedRules })).toEqual([]);
  });

  it('flags a young worker’s placement on her birthday, when her youth wage rises', () => {
    // Sanne turns 18 on 1 March 2026: the recreation CAO's scale B step 1 at 50 % (€8.40), then at 60 % (€10.08).
    const park = cleaner({ hirer: visschedijkToRecreatie, period: { from: '2026-02-02', to: '2026-03-29' }, step: 1 }, '2008-03-01');
    const warnings = rateWarnings({
      agreements: [fixed(1067)], // €8.40 × 1.26954 = €10.664 → €10.67
      placements: [park],
      caoVersions: [...schoonmaakVersions, ...recreatieVersions],
      rules: shippedRules,
    });
    expect(warnings).toEqual([expect.objectContaining({ day: '2026-03-01', costHourlyCents: 1280 })]);
  });

  it('flags a wide rate only on the days it prices the placement: not while the placement’s own agreement does', () => {
    const own = fixed(3000, {
      agreementId: 'p1-own',
      scope: { kind: 'placement', placementId: 'p1' },
      from: '2026-02-01',
      to: '2026-03-31',
    });
    const warnings = rateWarnings({
      agreements: [fixed(1930), own],
      placements: [cleaner()],
      caoVersions: schoonmaakVersions,
      rules: shippedRules,
    });
    expect(warnings).toEqual([expect.objectContaining({ agreementId: 'r1', day: '2026-04-01', costHourlyCents: 1981 })]);
  });

  it('names a day whose cost cannot be worked out, and why', () => {
    const driver = cleaner({ placementId: 'p2', functionName: 'driver' });
    expect(rateWarnings({ agreements: [fixed(5000)], placements: [driver], caoVersions: schoonmaakVersions, rules: shippedRules })).toEqual(
      [
        expect.objectContaining({
          kind: 'cost_unknown',
          placementId: 'p2',
          day: '2026-01-05',
          reason: expect.stringContaining('driver has no scale'),
        }),
      ],
    );
  });
});
