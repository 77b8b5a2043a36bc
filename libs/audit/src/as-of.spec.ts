import { asAppliedOn, asKnownAt } from './as-of.js';
import { placementScenario } from './audit.fixtures.js';

const wageAtStart = (state: unknown) =>
  (state as { wageAtStartUnderRulesKnown: { pay: { hourlyCents: number; cao: { revision: number } } } }).wageAtStartUnderRulesKnown.pay;

describe('a placement as known at a moment', () => {
  const events = placementScenario();

  it('before it existed, nothing of it was known', () => {
    const answer = asKnownAt(events, new Date('2026-01-01T00:00:00Z'));
    expect(answer).toMatchObject({ question: 'as_known_at', eventsReplayed: 0, state: { status: 'none' } });
    expect(answer.lastEvent).toBeUndefined();
  });

  it('before the CAO correction its wage is the published € 14,71; after it, the corrected € 15,02', () => {
    const before = asKnownAt(events, new Date('2026-03-04T13:59:59.999Z'));
    expect(before).toMatchObject({
      eventsReplayed: 2,
      lastEvent: { revision: 1, type: 'PlacementConfirmed' },
      state: { status: 'confirmed', pay: { hourlyCents: 1471 } },
    });
    expect(wageAtStart(before.state)).toMatchObject({ hourlyCents: 1471, cao: { revision: 0 } });
    const after = asKnownAt(events, new Date('2026-03-04T14:00:00Z'));
    expect(wageAtStart(after.state)).toMatchObject({ hourlyCents: 1502, cao: { revision: 1 } });
    // What was recorded at confirmation stays what it was: the correction is not rewritten into it.
    expect(after.state).toMatchObject({ pay: { hourlyCents: 1471, cao: { revision: 0 } } });
  });

  it('the extension is known only from the moment it was recorded', () => {
    expect(asKnownAt(events, new Date('2026-06-10T11:59:59Z')).state).toMatchObject({ period: { to: '2026-09-30' } });
    expect(asKnownAt(events, new Date('2026-06-10T12:00:00Z')).state).toMatchObject({ period: { to: '2026-12-31' } });
  });
});

describe('a placement as applied on a date', () => {
  const events = placementScenario();
  const now = new Date('2026-12-01T00:00:00Z');
  const wageOn = (on: string, knownAt = now) =>
    (
      asAppliedOn(events, on, knownAt).applies as {
        wageOnDate: { pay: { hourlyCents: number; cao: { versionFrom: string; revision: number } } };
      }
    ).wageOnDate.pay;

  it('uses the CAO version in force that day, even one recorded after the placement was confirmed', () => {
    expect(wageOn('2026-02-01')).toMatchObject({ hourlyCents: 1502, cao: { versionFrom: '2026-01-01', revision: 1 } });
    expect(wageOn('2026-08-01')).toMatchObject({ hourlyCents: 1560, cao: { versionFrom: '2026-07-01', revision: 0 } });
  });

  it('as known before the summer version was recorded, August still falls under the January version', () => {
    expect(wageOn('2026-08-01', new Date('2026-05-01T00:00:00Z'))).toMatchObject({ hourlyCents: 1502, cao: { versionFrom: '2026-01-01' } });
  });

  it('says where the placement stood that day', () => {
    const status = (on: string) => (asAppliedOn(events, on, now).applies as { status: string }).status;
    expect([status('2026-01-04'), status('2026-01-05'), status('2026-12-31'), status('2027-01-01')]).toEqual([
      'not_started',
      'running',
      'running',
      'ended',
    ]);
  });
});
