import { applyBasisPoints, formatBasisPoints, mulDivRoundHalfUp } from './money.js';

describe('money', () => {
  it('rounds half up, away from zero, and otherwise to the nearest cent', () => {
    expect(mulDivRoundHalfUp(1406, 8000, 10_000)).toBe(1125); // 1124.8
    expect(mulDivRoundHalfUp(1, 1, 2)).toBe(1); // 0.5
    expect(mulDivRoundHalfUp(-1, 1, 2)).toBe(-1); // −0.5
    expect(mulDivRoundHalfUp(1406, 3950, 10_000)).toBe(555); // 555.37
    expect(mulDivRoundHalfUp(3, 1, 4)).toBe(1); // 0.75
  });

  it('stays exact for products beyond the safe integer range', () => {
    expect(mulDivRoundHalfUp(Number.MAX_SAFE_INTEGER, 10_000, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses fractions: amounts are whole cents', () => {
    expect(() => mulDivRoundHalfUp(14.06, 8000, 10_000)).toThrow(RangeError);
    expect(() => mulDivRoundHalfUp(1, 1, 0)).toThrow(RangeError);
  });

  it('applies a percentage in basis points', () => expect(applyBasisPoints(1471, 3450)).toBe(507)); // 507.495

  it('formats percentages for people', () => expect(formatBasisPoints(3950)).toBe('39.5 %'));
});
