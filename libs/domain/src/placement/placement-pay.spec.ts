import type { PlacementConfirmed } from './placement.events.js';
import { resolvePay, wageDifference } from './placement-pay.js';
import { recreatieFacts, schoonmaakFacts, terms } from './placement.fixtures.js';

const adult = '2000-05-10';
const seventeen = '2008-03-01'; // 17 on 2026-01-05

describe('resolvePay', () => {
  it('pays the CAO wage when it is above the minimum wage, recording both', () => {
    expect(resolvePay(adult, '2026-01-05', schoonmaakFacts)).toEqual({
      hourlyCents: 1520,
      wageBasis: 'cao',
      cao: {
        code: 'schoonmaak',
        versionFrom: '2026-01-01',
        revision: 0,
        scale: 'A',
        step: 0,
        scaleHourlyCents: 1520,
        youthBp: 10_000,
        hourlyCents: 1520,
      },
      minimumWage: { tableVersion: '2026-01-01', age: 25, youthBp: 10_000, hourlyCents: 1471 },
    });
  });

  it('never pays below the minimum wage: a CAO wage under it is raised to it', () => {
    const pay = resolvePay(adult, '2026-01-05', { ...schoonmaakFacts, hourlyCents: 1450 });
    expect(pay).toMatchObject({ hourlyCents: 1471, wageBasis: 'minimum_wage', cao: { hourlyCents: 1450 } });
  });

  it("applies the CAO's own youth percentage to a young worker", () => {
    expect(resolvePay(seventeen, '2026-01-05', recreatieFacts)).toMatchObject({
      hourlyCents: 840,
      wageBasis: 'cao',
      cao: { scaleHourlyCents: 1680, youthBp: 5000, hourlyCents: 840 },
      minimumWage: { age: 17, youthBp: 3950, hourlyCents: 581 },
    });
  });

  it('raises a CAO youth wage below the youth minimum wage to that minimum', () => {
    const pay = resolvePay(seventeen, '2026-01-05', { ...recreatieFacts, youthBp: { 17: 3000 } });
    expect(pay).toMatchObject({ hourlyCents: 581, wageBasis: 'minimum_wage', cao: { youthBp: 3000, hourlyCents: 504 } });
  });

  it('pays a young worker the full CAO wage when the CAO has no youth wages', () => {
    expect(resolvePay(seventeen, '2026-01-05', schoonmaakFacts)).toMatchObject({
      hourlyCents: 1520,
      wageBasis: 'cao',
      cao: { youthBp: 10_000 },
    });
  });

  it('uses the minimum wage effective on the first day of the placement', () => {
    expect(resolvePay(adult, '2025-12-31', { ...schoonmaakFacts, hourlyCents: 1000 }).minimumWage).toMatchObject({
      tableVersion: '2025-07-01',
      hourlyCents: 1440,
    });
  });

  it('refuses a start before the minimum-wage table begins', () => {
    expect(() => resolvePay(adult, '2024-12-31', schoonmaakFacts)).toThrow(expect.objectContaining({ code: 'no_minimum_wage_known' }));
  });
});

describe('wageDifference', () => {
  it("shows what changes when a worker moves from the park's CAO to the cleaning CAO", () => {
    const park: PlacementConfirmed['data'] = {
      ...terms,
      placementId: 'p0',
      employerId: 'waarbeek',
      siteId: 'park',
      functionName: 'ride operator',
      period: { from: '2025-07-01', to: '2025-10-31' },
      pay: resolvePay(adult, '2025-07-01', recreatieFacts),
      appliesHirerConditions: true,
    };
    const cleaning: PlacementConfirmed['data'] = {
      ...terms,
      pay: resolvePay(adult, '2026-01-05', schoonmaakFacts),
      appliesHirerConditions: true,
    };
    expect(wageDifference(park, cleaning)).toEqual({
      differenceCents: -160,
      from: {
        placementId: 'p0',
        employerId: 'waarbeek',
        caoCode: 'recreatie',
        caoVersionFrom: '2025-07-01',
        caoRevision: 1,
        hourlyCents: 1680,
        wageBasis: 'cao',
      },
      to: {
        placementId: 'p1',
        employerId: 'visschedijk',
        caoCode: 'schoonmaak',
        caoVersionFrom: '2026-01-01',
        caoRevision: 0,
        hourlyCents: 1520,
        wageBasis: 'cao',
      },
    });
    expect(wageDifference(cleaning, park).differenceCents).toBe(160);
  });
});
