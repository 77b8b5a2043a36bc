import { schoonmaakVersions, shippedRules, visschedijk } from '../placement/placement-pay.fixtures.js';
import { costFactorOn, hourlyCostOn } from './cost-price.js';
import { cleaner } from './rate-agreement.fixtures.js';

const withPension = schoonmaakVersions.map((v) => ({
  ...v,
  content: { ...v.content, pensionPremium: { employeeBp: 500, employerBp: 1500 } },
}));

describe('the cost price of an hour', () => {
  it('as a factor: 1 + holiday allowance + pension + charges × (1 + holiday allowance), rounded up to a basis point', () => {
    expect(costFactorOn(visschedijk, '2026-01-05', shippedRules, schoonmaakVersions)).toMatchObject({
      cao: { code: 'schoonmaak', effectiveFrom: '2026-01-01', revision: 0 },
      holidayAllowanceBp: 800,
      pensionEmployerBp: 0,
      employerChargesBp: 1755,
      rules: [
        { table: 'holiday-allowance', effectiveFrom: '2020-01-01', revision: 0 },
        { table: 'employer-charges', effectiveFrom: '2025-01-01', revision: 0 },
      ],
      costFactorBp: 12_696, // 1.26954
    });
    // With a 15 % employer's pension premium: 1.41954.
    expect(costFactorOn(visschedijk, '2026-01-05', shippedRules, withPension)).toMatchObject({
      pensionEmployerBp: 1500,
      costFactorBp: 14_196,
    });
  });

  it('of a placement: the gross wage of the day × the same factor, in whole cents rounded up; its pension only where the hirer’s terms apply', () => {
    expect(hourlyCostOn(cleaner(), '2026-01-05', shippedRules, withPension)).toMatchObject({
      wage: { hourlyCents: 1520, basis: 'cao' },
      hourlyCents: 2158, // 1520 × 1.41954 = 2157.7
    });
    expect(hourlyCostOn({ ...cleaner(), hirerTermsApply: false }, '2026-01-05', shippedRules, withPension)).toMatchObject({
      pensionEmployerBp: 0,
      hourlyCents: 1930, // 1520 × 1.26954 = 1929.7
    });
  });
});
