import { euros, percent } from './money-text.js';

describe('money and percentages in words', () => {
  it.each([
    [1471, '€ 14,71'],
    [5, '€ 0,05'],
    [123456789, '€ 1.234.567,89'],
    [-250, '-€ 2,50'],
  ])('%i cents is %s', (cents, text) => expect(euros(cents)).toBe(text));

  it.each([
    [10000, '100 %'],
    [8000, '80 %'],
    [395, '3,95 %'],
    [350, '3,5 %'],
  ])('%i basis points is %s', (bp, text) => expect(percent(bp)).toBe(text));
});
