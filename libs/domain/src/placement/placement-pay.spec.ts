import { caoCodesDuring, hirerTermsFor, wageDifference, wageOn, type WagedPlacement } from './placement-pay.js';
import { recreatieVersions, schoonmaakVersions, shippedRules, visschedijk, visschedijkToRecreatie } from './placement-pay.fixtures.js';

const adult = { birthDate: '2000-05-10' };
/** 17 until 1 March 2026, her 18th birthday. */
const sanne = { birthDate: '2008-03-01' };
const versions = [...schoonmaakVersions, ...recreatieVersions];

const cleaning = (overrides: Partial<WagedPlacement> = {}): WagedPlacement => ({
  placementId: 'p1',
  employerId: 'visschedijk',
  functionName: 'cleaner',
  period: { from: '2026-01-05', to: '2026-05-31' },
  step: 0,
  hirer: visschedijk,
  ...overrides,
});

describe('wageOn', () => {
  it('pays the CAO wage of the scale and step when it is above the minimum wage, naming every figure', () => {
    expect(wageOn(cleaning(), adult, '2026-01-05', shippedRules, versions)).toEqual({
      day: '2026-01-05',
      hourlyCents: 1520,
      basis: 'cao',
      age: 25,
      cao: {
        code: 'schoonmaak',
        effectiveFrom: '2026-01-01',
        revision: 0,
        scale: 'A',
        step: 0,
        scaleHourlyCents: 1520,
        youthBp: 10_000,
        hourlyCents: 1520,
      },
      minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 }, youthBp: 10_000, hourlyCents: 1471 },
    });
  });

  it('given a placement over 1 January 2026 whose CAO wage is below the minimum, when the year turns, then it rises from €14.40 to €14.71', () => {
    const winter = cleaning({ period: { from: '2025-12-01', to: '2026-01-31' } });
    const lowScale = schoonmaakVersions.map((v) => ({ ...v, content: { ...v.content, wageScales: { A: [1400] } } }));
    expect(wageOn(winter, adult, '2025-12-31', shippedRules, lowScale)).toMatchObject({
      hourlyCents: 1440,
      basis: 'minimum_wage',
      cao: { hourlyCents: 1400 },
      minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2025-07-01', revision: 0 }, hourlyCents: 1440 },
    });
    expect(wageOn(winter, adult, '2026-01-01', shippedRules, lowScale)).toMatchObject({
      hourlyCents: 1471,
      basis: 'minimum_wage',
      minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 }, hourlyCents: 1471 },
    });
  });

  it('given a worker who turns 18 during the placement, when her birthday comes, then her wage rises that day', () => {
    const park = cleaning({ hirer: visschedijkToRecreatie, period: { from: '2026-02-02', to: '2026-03-29' }, step: 1 });
    expect(wageOn(park, sanne, '2026-02-28', shippedRules, versions)).toMatchObject({
      age: 17,
      hourlyCents: 840,
      cao: { code: 'recreatie', scale: 'B', step: 1, scaleHourlyCents: 1680, youthBp: 5000 },
      minimumWage: { youthBp: 3950, hourlyCents: 581 },
    });
    expect(wageOn(park, sanne, '2026-03-01', shippedRules, versions)).toMatchObject({
      age: 18,
      hourlyCents: 1008,
      cao: { youthBp: 6000 },
      minimumWage: { youthBp: 5000, hourlyCents: 736 },
    });
  });

  it('given a new CAO version from 1 March 2026, when the placement runs past it, then the new scale applies from that day', () => {
    expect(wageOn(cleaning(), adult, '2026-02-28', shippedRules, versions)).toMatchObject({
      hourlyCents: 1520,
      cao: { effectiveFrom: '2026-01-01', revision: 0 },
    });
    expect(wageOn(cleaning(), adult, '2026-03-01', shippedRules, versions)).toMatchObject({
      hourlyCents: 1560,
      cao: { effectiveFrom: '2026-03-01', revision: 0 },
    });
  });

  it('follows the hirer to another CAO and scale from the day it applies it', () => {
    const placement = cleaning({ hirer: visschedijkToRecreatie });
    expect(wageOn(placement, adult, '2026-01-31', shippedRules, versions).cao).toMatchObject({ code: 'schoonmaak', scale: 'A' });
    expect(wageOn(placement, adult, '2026-02-01', shippedRules, versions)).toMatchObject({
      hourlyCents: 1600,
      cao: { code: 'recreatie', scale: 'B', step: 0 },
    });
  });

  it('refuses a day past the last minimum-wage period: the July 2026 figure is not published', () => {
    expect(() =>
      wageOn(cleaning({ period: { from: '2026-06-01', to: '2026-09-30' } }), adult, '2026-07-01', shippedRules, versions),
    ).toThrow(expect.objectContaining({ kind: 'rule', code: 'rule_table_outdated', message: expect.stringContaining('2026-06-30') }));
  });

  it.each([['2026-01-04'], ['2026-06-01']])('refuses %s, a day outside the placement', (day) => {
    expect(() => wageOn(cleaning(), adult, day, shippedRules, versions)).toThrow(
      expect.objectContaining({
        kind: 'rule',
        code: 'day_outside_placement',
        message: expect.stringContaining('2026-01-05 to 2026-05-31'),
      }),
    );
  });

  it('refuses a day without a CAO version, a scale for the function or a step in the scale', () => {
    const refusal = (code: string) => expect.objectContaining({ kind: 'rule', code });
    expect(() => wageOn(cleaning(), adult, '2026-01-05', shippedRules, recreatieVersions)).toThrow(refusal('no_cao_version'));
    expect(() => wageOn(cleaning({ functionName: 'gardener' }), adult, '2026-01-05', shippedRules, versions)).toThrow(
      refusal('function_not_classified'),
    );
    expect(() => wageOn(cleaning({ step: 3 }), adult, '2026-01-05', shippedRules, versions)).toThrow(refusal('unknown_step'));
  });
});

describe('caoCodesDuring', () => {
  it('names every CAO the hirer applies on a day of the period', () => {
    expect(caoCodesDuring(visschedijkToRecreatie, { from: '2026-01-05', to: '2026-03-29' })).toEqual(['schoonmaak', 'recreatie']);
    expect(caoCodesDuring(visschedijkToRecreatie, { from: '2026-02-01', to: '2026-03-29' })).toEqual(['recreatie']);
    expect(caoCodesDuring(visschedijkToRecreatie, { from: '2025-01-01', to: '2026-01-31' })).toEqual(['schoonmaak']);
  });
});

describe('hirerTermsFor', () => {
  it.each([
    ['payroll', 'art. 8a Waadi'],
    ['secondment', 'art. 8 Waadi'],
  ] as const)('gives a %s worker the hirer’s pay terms under %s', (legalForm, article) => {
    expect(hirerTermsFor(legalForm)).toEqual({ applies: true, basis: expect.stringContaining(article) });
  });
});

describe('wageDifference', () => {
  it("shows what changes when a worker moves from the park's CAO to the cleaning CAO, day by day", () => {
    const park = { placementId: 'p0', employerId: 'waarbeek' };
    const parkWage = wageOn(cleaning({ hirer: visschedijkToRecreatie, step: 1 }), adult, '2026-02-27', shippedRules, versions);
    const cleaningWage = wageOn(cleaning(), adult, '2026-03-02', shippedRules, versions);
    expect(wageDifference({ ...park, wage: parkWage }, { placementId: 'p1', employerId: 'visschedijk', wage: cleaningWage })).toEqual({
      differenceCents: -120,
      from: {
        placementId: 'p0',
        employerId: 'waarbeek',
        day: '2026-02-27',
        caoCode: 'recreatie',
        caoVersionFrom: '2025-01-01',
        caoRevision: 0,
        hourlyCents: 1680,
        wageBasis: 'cao',
        minimumWageFrom: '2026-01-01',
        minimumWageRevision: 0,
      },
      to: {
        placementId: 'p1',
        employerId: 'visschedijk',
        day: '2026-03-02',
        caoCode: 'schoonmaak',
        caoVersionFrom: '2026-03-01',
        caoRevision: 0,
        hourlyCents: 1560,
        wageBasis: 'cao',
        minimumWageFrom: '2026-01-01',
        minimumWageRevision: 0,
      },
    });
  });
});
