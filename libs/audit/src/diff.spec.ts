import { placementScenario } from './audit.fixtures.js';
import { diffOf } from './diff.js';

describe('what changed about a placement between two moments', () => {
  const events = placementScenario();

  it('names the wage change a CAO correction made, with the version, when and by whom', () => {
    const diff = diffOf(events, new Date('2026-02-01T00:00:00Z'), new Date('2026-06-30T00:00:00Z'));
    expect(diff.changes.map((c) => c.sentence)).toEqual([
      'Hourly wage changed from € 14,71 to € 15,02 (CAO horeca version 2026-01-01 revision 1 ("Scale A was typed wrong"), recorded 2026-03-04 by operator:anna)',
      'CAO wage changed from € 14,71 (CAO horeca version 2026-01-01 revision 0, scale A step 0, youth 100 %) to € 15,02 (CAO horeca version 2026-01-01 revision 1, scale A step 0, youth 100 %) (CAO horeca version 2026-01-01 revision 1 ("Scale A was typed wrong"), recorded 2026-03-04 by operator:anna)',
      'Period changed from 2026-01-05 to 2026-09-30 to 2026-01-05 to 2026-12-31 (placement extended, recorded 2026-06-10 by operator:anna)',
    ]);
    expect(diff.changes[0]).toMatchObject({
      field: 'Hourly wage',
      before: '€ 14,71',
      after: '€ 15,02',
      cause: { streamId: 'cao-horeca', revision: 2, type: 'CaoVersionCorrected' },
    });
    expect(diff.events.map((e) => e.type)).toEqual(['CaoVersionCorrected', 'CaoVersionPublished', 'PlacementExtended']);
  });

  it('from before it existed, every fact is set by the event that recorded it', () => {
    const diff = diffOf(events, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T12:00:00Z'));
    expect(diff.changes.find((c) => c.field === 'Status' && c.after === 'proposed')?.sentence).toBe(
      'Status set to proposed (placement proposed, recorded 2026-01-02 by operator:anna)',
    );
    expect(diff.changes.find((c) => c.field === 'Hourly wage')?.sentence).toBe(
      'Hourly wage set to € 14,71 (placement confirmed under CAO horeca version 2026-01-01 revision 0, scale A step 0, minimum-wage table 2026-01-01 revision 0 (age 35), recorded 2026-01-02 by operator:anna)',
    );
  });

  it('about a worker whose data was erased, works out no wage from the placeholder birth date', () => {
    const erasure = {
      recordedAt: new Date('2026-12-01T09:00:00Z'),
      data: { workerId: 'w', reason: 'data_subject_request' as const, erasedOn: '2026-12-01', retained: { targetGroupStatuses: [] } },
    };
    const diff = diffOf(events, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T12:00:00Z'), erasure);
    const wage = diff.changes.filter((c) => c.field.includes('wage'));
    expect(wage.map((c) => [c.field, c.after])).toEqual([
      ['Hourly wage', "none: The worker's data was erased: their age on the day is unknown."],
    ]);
  });

  it('between two moments with nothing recorded in between, nothing changed', () => {
    const diff = diffOf(events, new Date('2026-04-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z'));
    expect(diff).toMatchObject({ changes: [], events: [] });
  });

  it('refuses a diff that runs backwards', () => {
    expect(() => diffOf(events, new Date('2026-05-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'))).toThrow(/later instant/);
  });
});
