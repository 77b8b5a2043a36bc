import type { RecordedEvent } from '@banenpool/event-store';
import { placementScenario } from './audit.fixtures.js';
import { historyEntry } from './history-entry.js';
import { historyCsv } from './history-csv.js';
import { historyOf } from './history.js';

describe('history of a placement', () => {
  const events = placementScenario();

  it('lists its own events and the CAO versions and minimum-wage periods it is paid under, in the order they were recorded, with the rules each used', () => {
    const history = historyOf(events, { limit: 100, offset: 0 });
    expect(history.entries.map((e) => [e.source, e.type])).toEqual([
      ['rules', 'CaoVersionPublished'],
      // Of the minimum-wage table only the period the placement overlaps: from 1 January 2026.
      ['rules', 'MinimumWagePublished'],
      ['own', 'PlacementProposed'],
      ['own', 'PlacementConfirmed'],
      ['rules', 'CaoVersionCorrected'],
      ['rules', 'CaoVersionPublished'],
      ['own', 'PlacementExtended'],
    ]);
    expect(history.entries[1]).toMatchObject({
      streamId: 'rules-minimum-wage',
      rules: [{ rule: 'minimum_wage_table', version: '2026-01-01' }],
    });
    const confirmed = history.entries[3];
    expect(confirmed).toMatchObject({
      streamId: 'placement-p1',
      revision: 1,
      actor: 'operator:anna',
      correlationId: 'corr-11',
      schemaVersion: 1,
      recordedAt: '2026-01-02T11:00:00.000Z',
    });
    expect(confirmed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(confirmed.rules).toEqual([
      { rule: 'cao', code: 'horeca', version: '2026-01-01', revision: 0, scale: 'A', step: 0 },
      { rule: 'minimum_wage_table', version: '2026-01-01', revision: 0, age: 35 },
    ]);
    expect(history.entries[4].rules).toEqual([{ rule: 'cao', code: 'horeca', version: '2026-01-01', revision: 1 }]);
  });

  it('pages: total is the whole history, entries the page asked for', () => {
    const page = historyOf(events, { limit: 2, offset: 3 });
    expect(page.total).toBe(7);
    expect(page.entries.map((e) => e.type)).toEqual(['PlacementConfirmed', 'CaoVersionCorrected']);
    expect(historyOf(events, { limit: 10, offset: 7 }).entries).toEqual([]);
  });

  it('exports CSV with a header, the rules in words and the data as JSON in one quoted cell', () => {
    const csv = historyCsv(historyOf(events, { limit: 100, offset: 0 }).entries);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'recorded_at,stream_id,revision,position,event_id,type,schema_version,source,actor,correlation_id,causation_id,hash,rules,data,' +
        'personal_data_erased,erased_fields',
    );
    expect(lines).toHaveLength(9); // header, seven rows, and the empty string after the last line break
    expect(lines[4]).toContain('PlacementConfirmed');
    expect(lines[4]).toContain(
      'CAO horeca version 2026-01-01 revision 0, scale A step 0; minimum-wage table 2026-01-01 revision 0 (age 35)',
    );
    expect(lines[4]).toMatch(/,"\{""placementId"":""p1"",/);
    expect(lines[4]).toMatch(/\}",,$/); // nothing erased
  });
});

describe('history entries of an erased worker', () => {
  const registered: RecordedEvent = {
    eventId: 'e1',
    streamId: 'worker-anna',
    revision: 0,
    position: { commit: 1n, prepare: 1n },
    type: 'WorkerRegistered',
    schemaVersion: 2,
    // What the encrypting store reads once the worker's key is shredded: placeholders, and the mark.
    data: { workerId: 'anna', name: '[erased]', birthDate: '1900-01-01', homeArea: '[erased]', skills: [] },
    metadata: { actor: 'operator:anna', personalDataErased: true },
    recordedAt: new Date('2026-01-02T10:00:00Z'),
  };

  it('says which fields of the data are placeholders for erased personal data', () => {
    expect(historyEntry(registered, 'own')).toMatchObject({
      type: 'WorkerRegistered',
      data: registered.data,
      personalDataErased: true,
      erasedFields: ['name', 'birthDate', 'homeArea', 'location'],
    });
  });

  it('adds nothing to an event whose data was not erased', () => {
    const entry = historyEntry({ ...registered, metadata: { actor: 'operator:anna' } }, 'own');
    expect(entry).not.toHaveProperty('personalDataErased');
    expect(entry).not.toHaveProperty('erasedFields');
  });

  it('marks the erased row in CSV, in the last two columns', () => {
    const [header, row] = historyCsv([historyEntry(registered, 'own')]).split('\r\n');
    expect(header.endsWith(',personal_data_erased,erased_fields')).toBe(true);
    expect(row.endsWith(',true,name; birthDate; homeArea; location')).toBe(true);
  });
});
