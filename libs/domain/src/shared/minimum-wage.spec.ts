import { youthPercentageFor } from './minimum-wage.js';

describe('youthPercentageFor', () => {
  const table = { 16: 4000, 17: 5000, 18: 6000 };

  it('gives the listed percentage for a listed age', () => expect(youthPercentageFor(table, 17)).toBe(5000));

  it('gives the youngest listed percentage to anyone younger', () => expect(youthPercentageFor(table, 15)).toBe(4000));

  it('gives 100 % above the highest listed age, and to everyone when nothing is listed', () => {
    expect(youthPercentageFor(table, 19)).toBe(10_000);
    expect(youthPercentageFor({}, 17)).toBe(10_000);
  });
});
