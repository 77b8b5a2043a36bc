import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import { caoOn, closuresOf, employerDecider, isClosed, scaleOf } from './employer.decider.js';
import { employerStreamId, type EmployerEvent } from './employer.events.js';
import { waarbeek } from './employer.fixtures.js';

const { joined, park, recreatie, winterClosure } = waarbeek;
const site = (siteId: string, area: string, location: { postcode: string; coordinates: { lat: number; lon: number } }): EmployerEvent => ({
  type: 'SiteAdded',
  data: { employerId: 'waarbeek', siteId, name: siteId[0].toUpperCase() + siteId.slice(1), area, location },
});
const left = (memberUntil: string): EmployerEvent => ({ type: 'EmployerLeftPool', data: { employerId: 'waarbeek', memberUntil } });
const applied = (caoCode: string, from: string): EmployerEvent => ({ type: 'CaoApplied', data: { employerId: 'waarbeek', caoCode, from } });
const classified = (functionName: string, caoCode: string, scale: string, from: string): EmployerEvent => ({
  type: 'FunctionClassified',
  data: { employerId: 'waarbeek', functionName, caoCode, scale, from },
});
const closure = (siteId: string, from: string, to: string) =>
  ({ type: 'DeclareSeasonalClosure', siteId, period: { from, to }, reason: 'Winter closure' }) as const;

describe('employer stream', () => {
  it('has stream ids employer-<id>', () => expect(employerStreamId('waarbeek')).toBe('employer-waarbeek'));

  describe('JoinPool', () => {
    it('joins the pool from a date', () =>
      given(employerDecider, [])
        .when({ type: 'JoinPool', employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2024-01-01' })
        .then([joined]));

    it('refuses joining twice', () =>
      given(employerDecider, [joined])
        .when({ type: 'JoinPool', employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2025-01-01' })
        .thenRefused('employer_already_joined', { kind: 'conflict' }));

    it('refuses an impossible date', () =>
      given(employerDecider, [])
        .when({ type: 'JoinPool', employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2025-02-29' })
        .thenRefused('invalid_date'));
  });

  describe('LeavePool', () => {
    it('leaves the pool on a date', () =>
      given(employerDecider, [joined])
        .when({ type: 'LeavePool', memberUntil: '2026-12-31' })
        .then([left('2026-12-31')]));

    it('may leave on the day it joined', () =>
      given(employerDecider, [joined])
        .when({ type: 'LeavePool', memberUntil: '2024-01-01' })
        .then([left('2024-01-01')]));

    it('refuses leaving before joining', () =>
      given(employerDecider, [joined])
        .when({ type: 'LeavePool', memberUntil: '2023-12-31' })
        .thenRefused('leave_before_join', { message: '2024-01-01' }));

    it('refuses leaving twice', () =>
      given(employerDecider, [joined, left('2026-12-31')])
        .when({ type: 'LeavePool', memberUntil: '2027-01-31' })
        .thenRefused('already_left'));

    it('refuses an employer that never joined', () =>
      given(employerDecider, [])
        .when({ type: 'LeavePool', memberUntil: '2026-12-31' })
        .thenRefused('employer_not_found', { kind: 'not_found' }));
  });

  describe('ApplyCao', () => {
    it('applies a CAO from a date within the membership', () =>
      given(employerDecider, [joined]).when({ type: 'ApplyCao', caoCode: 'recreatie', from: '2024-01-01' }).then([recreatie]));

    it('a later application ends the previous one', () => {
      given(employerDecider, [joined, recreatie])
        .when({ type: 'ApplyCao', caoCode: 'horeca', from: '2026-01-01' })
        .then([applied('horeca', '2026-01-01')]);
      const state = fold(employerDecider, [joined, recreatie, applied('horeca', '2026-01-01')]);
      expect(caoOn(state, '2025-12-31')?.caoCode).toBe('recreatie');
      expect(caoOn(state, '2026-01-01')?.caoCode).toBe('horeca');
    });

    it('refuses a date before joining', () =>
      given(employerDecider, [joined])
        .when({ type: 'ApplyCao', caoCode: 'recreatie', from: '2023-06-01' })
        .thenRefused('outside_membership'));

    it('refuses a date after leaving', () =>
      given(employerDecider, [joined, left('2025-12-31')])
        .when({ type: 'ApplyCao', caoCode: 'horeca', from: '2026-01-01' })
        .thenRefused('outside_membership'));

    it('refuses an application not later than the current one', () =>
      given(employerDecider, [joined, applied('recreatie', '2025-01-01')])
        .when({ type: 'ApplyCao', caoCode: 'horeca', from: '2024-06-01' })
        .thenRefused('cao_application_out_of_order'));
  });

  describe('AddSite', () => {
    it('adds a site', () =>
      given(employerDecider, [joined]).when({ type: 'AddSite', siteId: 'park', name: 'Park', area: 'Hengelo' }).then([park]));

    it('refuses a site id that exists', () =>
      given(employerDecider, [joined, park])
        .when({ type: 'AddSite', siteId: 'park', name: 'Other', area: 'Enschede' })
        .thenRefused('site_already_exists', { kind: 'conflict' }));

    it('refuses a site without an area or a postcode', () =>
      given(employerDecider, [joined]).when({ type: 'AddSite', siteId: 'park', name: 'Park', area: '' }).thenRefused('missing_location'));

    it('locates a site by its postcode anywhere the table of places knows, and by coordinates elsewhere', () => {
      given(employerDecider, [joined])
        .when({ type: 'AddSite', siteId: 'depot', name: 'Depot', postcode: '8017ab' })
        .then([site('depot', 'Zwolle', { postcode: '8017 AB', coordinates: { lat: 52.51, lon: 6.09 } })]);
      given(employerDecider, [joined])
        .when({ type: 'AddSite', siteId: 'farm', name: 'Farm', postcode: '7134 AA', coordinates: { lat: 52.01, lon: 6.59 } })
        .then([site('farm', '7134 AA', { postcode: '7134 AA', coordinates: { lat: 52.01, lon: 6.59 } })]);
    });

    it.each([
      ['a postcode the table does not know, without coordinates', { postcode: '7134 AA' }, 'unknown_postcode'],
      ['coordinates abroad', { postcode: '7134 AA', coordinates: { lat: 48.86, lon: 2.35 } }, 'outside_netherlands'],
      ['a town the table does not know', { area: 'Atlantis' }, 'unknown_place'],
      ['a malformed postcode, even beside a known town', { area: 'Hengelo', postcode: '751 AB' }, 'invalid_postcode'],
    ])('refuses %s', (_, where, code) =>
      given(employerDecider, [joined])
        .when({ type: 'AddSite', siteId: 'x', name: 'X', ...where })
        .thenRefused(code),
    );
  });

  describe('ClassifyFunction', () => {
    it('classifies a function in a scale of the CAO applied on that date', () =>
      given(employerDecider, [joined, recreatie])
        .when({ type: 'ClassifyFunction', functionName: 'ride operator', scale: 'B', from: '2024-03-01' })
        .then([classified('ride operator', 'recreatie', 'B', '2024-03-01')]));

    it('refuses when no CAO applies on that date', () =>
      given(employerDecider, [joined])
        .when({ type: 'ClassifyFunction', functionName: 'ride operator', scale: 'B', from: '2024-03-01' })
        .thenRefused('no_cao_applied'));

    it('refuses a date outside the membership', () =>
      given(employerDecider, [joined, recreatie])
        .when({ type: 'ClassifyFunction', functionName: 'ride operator', scale: 'B', from: '2023-03-01' })
        .thenRefused('outside_membership'));

    it('refuses a reclassification not later than the current one', () =>
      given(employerDecider, [joined, recreatie, classified('ride operator', 'recreatie', 'B', '2024-03-01')])
        .when({ type: 'ClassifyFunction', functionName: 'ride operator', scale: 'C', from: '2024-03-01' })
        .thenRefused('classification_out_of_order'));

    it('scaleOf finds the classification in the CAO applied on the date, not one in an earlier CAO', () => {
      const state = fold(employerDecider, [
        joined,
        recreatie,
        classified('ride operator', 'recreatie', 'B', '2024-03-01'),
        applied('horeca', '2026-01-01'),
      ]);
      expect(scaleOf(state, 'ride operator', '2025-06-01')).toMatchObject({ caoCode: 'recreatie', scale: 'B' });
      expect(scaleOf(state, 'ride operator', '2024-02-01')).toBeUndefined();
      expect(scaleOf(state, 'ride operator', '2026-02-01')).toBeUndefined();
      expect(scaleOf(state, 'cashier', '2025-06-01')).toBeUndefined();
    });
  });

  describe('DeclareSeasonalClosure', () => {
    it('declares a closure of a site', () =>
      given(employerDecider, [joined, park])
        .when(closure('park', '2025-11-01', '2026-03-31'))
        .then([winterClosure]));

    it('refuses a site that does not exist', () =>
      given(employerDecider, [joined])
        .when(closure('park', '2025-11-01', '2026-03-31'))
        .thenRefused('site_not_found', { kind: 'not_found' }));

    it('refuses a closure overlapping another closure of the site', () =>
      given(employerDecider, [joined, park, winterClosure])
        .when(closure('park', '2026-03-31', '2026-04-15'))
        .thenRefused('closures_overlap', { message: '2025-11-01 to 2026-03-31' }));

    it('accepts a closure right after another one, and one at another site in the same period', () => {
      const shop: EmployerEvent = { type: 'SiteAdded', data: { employerId: 'waarbeek', siteId: 'shop', name: 'Shop', area: 'Hengelo' } };
      given(employerDecider, [joined, park, winterClosure])
        .when(closure('park', '2026-04-01', '2026-04-07'))
        .then([
          {
            type: 'SeasonalClosureDeclared',
            data: { employerId: 'waarbeek', siteId: 'park', period: { from: '2026-04-01', to: '2026-04-07' }, reason: 'Winter closure' },
          },
        ]);
      given(employerDecider, [joined, park, shop, winterClosure])
        .when(closure('shop', '2025-12-01', '2026-01-31'))
        .then([
          {
            type: 'SeasonalClosureDeclared',
            data: { employerId: 'waarbeek', siteId: 'shop', period: { from: '2025-12-01', to: '2026-01-31' }, reason: 'Winter closure' },
          },
        ]);
    });

    it('refuses a closure running past the end of the membership', () =>
      given(employerDecider, [joined, park, left('2025-12-31')])
        .when(closure('park', '2025-11-01', '2026-03-31'))
        .thenRefused('outside_membership'));

    it('refuses a closure that ends before it starts', () =>
      given(employerDecider, [joined, park])
        .when(closure('park', '2026-03-31', '2025-11-01'))
        .thenRefused('invalid_period'));

    it('closuresOf and isClosed answer per site and period', () => {
      const state = fold(employerDecider, [joined, park, winterClosure]);
      expect(closuresOf(state, 'park')).toEqual([
        { siteId: 'park', period: { from: '2025-11-01', to: '2026-03-31' }, reason: 'Winter closure' },
      ]);
      expect(closuresOf(state, 'shop')).toEqual([]);
      expect(isClosed(state, 'park', { from: '2026-03-01', to: '2026-04-30' })).toBe(true);
      expect(isClosed(state, 'park', { from: '2026-04-01', to: '2026-10-31' })).toBe(false);
    });
  });

  it('caoOn answers nothing outside the membership', () => {
    const state = fold(employerDecider, [joined, recreatie, left('2025-12-31')]);
    expect(caoOn(state, '2025-12-31')?.caoCode).toBe('recreatie');
    expect(caoOn(state, '2026-01-01')).toBeUndefined();
    expect(caoOn(fold(employerDecider, []), '2025-01-01')).toBeUndefined();
  });
});
