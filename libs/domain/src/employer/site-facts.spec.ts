import { fold } from '../shared/decider.js';
import { employerDecider } from './employer.decider.js';
import { waarbeek } from './employer.fixtures.js';
import { requireSiteOpen, siteFactsOf } from './site-facts.js';

const state = fold(employerDecider, [waarbeek.joined, waarbeek.park, waarbeek.winterClosure]);
const summer = { from: '2026-04-01', to: '2026-10-31' };

describe('site facts', () => {
  it('siteFactsOf reads membership, existence and closures of a site', () => {
    expect(siteFactsOf(state, 'park')).toEqual({
      siteId: 'park',
      membership: { from: '2024-01-01' },
      siteExists: true,
      closures: [{ siteId: 'park', period: { from: '2025-11-01', to: '2026-03-31' }, reason: 'Winter closure' }],
    });
    expect(siteFactsOf(fold(employerDecider, []), 'park')).toEqual({
      siteId: 'park',
      membership: undefined,
      siteExists: false,
      closures: [],
    });
  });

  it('requireSiteOpen accepts a period inside the membership and outside closures', () => {
    expect(() => requireSiteOpen(siteFactsOf(state, 'park'), summer)).not.toThrow();
  });

  it.each([
    ['a non-member', siteFactsOf(fold(employerDecider, []), 'park'), summer, 'not_a_member'],
    ['an unknown site', siteFactsOf(state, 'shop'), summer, 'unknown_site'],
    ['a period before the membership', siteFactsOf(state, 'park'), { from: '2023-12-01', to: '2024-01-31' }, 'outside_membership'],
    ['a period overlapping a closure', siteFactsOf(state, 'park'), { from: '2026-03-01', to: '2026-04-30' }, 'site_closed'],
  ])('requireSiteOpen refuses %s', (_, facts, period, code) => {
    expect(() => requireSiteOpen(facts, period)).toThrow(expect.objectContaining({ kind: 'rule', code }));
  });
});
