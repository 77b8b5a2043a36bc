import { parsePoolEvent } from '../event-schemas.js';
import { fold } from '../shared/decider.js';
import { placementDecider } from './placement.decider.js';
import type { PlacementEvent } from './placement.events.js';

/** A PlacementConfirmed as schema version 1 stored it (a secondment, whose hirer terms it recorded as not applying). */
const storedV1 = {
  placementId: 'p1',
  workerId: 'anna',
  employerId: 'visschedijk',
  capacityRequestId: 'vd-winter',
  siteId: 'office',
  functionName: 'cleaner',
  legalForm: 'secondment',
  hoursPerWeek: 20,
  period: { from: '2026-01-05', to: '2026-03-29' },
  billRateCents: 3150,
  pay: {
    hourlyCents: 1520,
    wageBasis: 'cao',
    cao: {
      code: 'schoonmaak',
      versionFrom: '2026-01-01',
      revision: 0,
      scale: 'A',
      step: 0,
      scaleHourlyCents: 1520,
      youthBp: 10000,
      hourlyCents: 1520,
    },
    minimumWage: { tableVersion: '2026-01-01', age: 25, youthBp: 10000, hourlyCents: 1471 },
  },
  appliesHirerConditions: false,
};

const { pay: _pay, appliesHirerConditions: _applies, ...terms } = storedV1;

describe('PlacementConfirmed schema version 1', () => {
  it('is read as version 2, keeping what it recorded: its pay as the first day’s, the hirer terms as decided then', () => {
    expect(parsePoolEvent('PlacementConfirmed', 1, storedV1)).toEqual({
      ok: true,
      event: {
        type: 'PlacementConfirmed',
        data: {
          ...terms,
          agreed: { functionName: 'cleaner', caoCode: 'schoonmaak', scale: 'A', step: 0 },
          hirerTerms: { applies: false, basis: 'recorded under schema version 1' },
          firstDayPay: {
            known: true,
            wage: {
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
                youthBp: 10000,
                hourlyCents: 1520,
              },
              minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 }, youthBp: 10000, hourlyCents: 1471 },
            },
          },
        },
      },
    });
  });

  it('keeps that a payroll placement got the hirer’s terms', () => {
    const parsed = parsePoolEvent('PlacementConfirmed', 1, { ...storedV1, legalForm: 'payroll', appliesHirerConditions: true });
    expect(parsed).toMatchObject({
      ok: true,
      event: { data: { hirerTerms: { applies: true, basis: 'recorded under schema version 1' } } },
    });
  });

  it('folds into a confirmed placement with the agreed step', () => {
    const parsed = parsePoolEvent('PlacementConfirmed', 1, storedV1);
    if (!parsed.ok) throw new Error(parsed.detail);
    const history = [{ type: 'PlacementProposed', data: terms } as PlacementEvent, parsed.event as PlacementEvent];
    expect(fold(placementDecider, history)).toMatchObject({ status: 'confirmed', agreed: { step: 0 }, firstDayPay: { known: true } });
  });

  it('refuses version 1 data without its pay, and version 1 data stored as version 2', () => {
    expect(parsePoolEvent('PlacementConfirmed', 1, terms)).toMatchObject({ ok: false, reason: 'invalid_data' });
    expect(parsePoolEvent('PlacementConfirmed', 2, storedV1)).toMatchObject({ ok: false, reason: 'invalid_data' });
  });
});
