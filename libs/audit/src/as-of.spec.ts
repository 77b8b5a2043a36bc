import { asAppliedOn, asKnownAt } from './as-of.js';
import { placementScenario } from './audit.fixtures.js';

const wageAtStart = (state: unknown) =>
  (state as { wageAtStartUnderRulesKnown: { wage: { hourlyCents: number; cao: { revision: number } } } }).wageAtStartUnderRulesKnown.wage;

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
      state: { status: 'confirmed', firstDayPay: { known: true, wage: { hourlyCents: 1471 } } },
    });
    expect(wageAtStart(before.state)).toMatchObject({ hourlyCents: 1471, cao: { revision: 0 } });
    const after = asKnownAt(events, new Date('2026-03-04T14:00:00Z'));
    expect(wageAtStart(after.state)).toMatchObject({ hourlyCents: 1502, cao: { revision: 1 } });
    // What was recorded at confirmation (under schema version 1) stays what it was: the correction is not rewritten into it.
    expect(after.state).toMatchObject({
      agreed: { caoCode: 'horeca', scale: 'A', step: 0 },
      hirerTerms: { applies: true, basis: 'recorded under schema version 1' },
      firstDayPay: {
        known: true,
        wage: { hourlyCents: 1471, cao: { revision: 0 }, minimumWage: { rule: { effectiveFrom: '2026-01-01' } } },
      },
    });
  });

  it('the extension is known only from the moment it was recorded', () => {
    expect(asKnownAt(events, new Date('2026-06-10T11:59:59Z')).state).toMatchObject({ period: { to: '2026-09-30' } });
    expect(asKnownAt(events, new Date('2026-06-10T12:00:00Z')).state).toMatchObject({ period: { to: '2026-12-31' } });
  });
});

describe('a placement as applied on a date', () => {
  const events = placementScenario();
  const now = new Date('2026-12-01T00:00:00Z');
  const wageOnDate = (on: string, knownAt = now) => (asAppliedOn(events, on, knownAt).applies as { wageOnDate: unknown }).wageOnDate;
  const wageOn = (on: string, knownAt = now) => (wageOnDate(on, knownAt) as { wage: unknown }).wage;

  it('uses the CAO version in force that day, even one recorded after the placement was confirmed', () => {
    expect(wageOn('2026-02-01')).toMatchObject({ hourlyCents: 1502, cao: { effectiveFrom: '2026-01-01', revision: 1 } });
    expect(wageOn('2026-06-15')).toMatchObject({
      hourlyCents: 1560,
      cao: { effectiveFrom: '2026-06-01', revision: 0 },
      minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 }, hourlyCents: 1471 },
    });
  });

  it('as known before the June version was recorded, June still falls under the January version', () => {
    expect(wageOn('2026-06-15', new Date('2026-05-01T00:00:00Z'))).toMatchObject({
      hourlyCents: 1502,
      cao: { effectiveFrom: '2026-01-01' },
    });
  });

  it('gives no wage for a day past the published minimum wage, and says why', () => {
    expect(wageOnDate('2026-08-03')).toEqual({
      date: '2026-08-03',
      unavailable: expect.stringContaining(
        'The rule table "minimum-wage" has no figures for 2026-08-03: its last period ends on 2026-06-30.',
      ),
    });
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
