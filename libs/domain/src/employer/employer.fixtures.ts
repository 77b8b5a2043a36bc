import type { EmployerEvent } from './employer.events.js';

/** De Waarbeek, an amusement park in Hengelo, joined in 2024, closed for the winter. */
export const waarbeek = {
  joined: { type: 'EmployerJoinedPool', data: { employerId: 'waarbeek', name: 'De Waarbeek', memberFrom: '2024-01-01' } },
  park: {
    type: 'SiteAdded',
    data: {
      employerId: 'waarbeek',
      siteId: 'park',
      name: 'Park',
      area: 'Hengelo',
      location: { postcode: '7551', coordinates: { lat: 52.27, lon: 6.79 } },
    },
  },
  recreatie: { type: 'CaoApplied', data: { employerId: 'waarbeek', caoCode: 'recreatie', from: '2024-01-01' } },
  winterClosure: {
    type: 'SeasonalClosureDeclared',
    data: { employerId: 'waarbeek', siteId: 'park', period: { from: '2025-11-01', to: '2026-03-31' }, reason: 'Winter closure' },
  },
} satisfies Record<string, EmployerEvent>;
