import { parsePoolEvent } from '../event-schemas.js';
import { greatCircleKm, isInNetherlands, roadKm } from './coordinates.js';
import { locationOfPlaceNamed, resolveLocation } from './location.js';
import { PLACES, placeNamed, placeOfPc4 } from './places.js';
import { normalizePostcode, pc4Of } from './postcode.js';

const AMSTERDAM_DAM = { lat: 52.3731, lon: 4.8926 };
const ROTTERDAM_CENTRE = { lat: 51.9225, lon: 4.4792 };

describe('postcodes', () => {
  it.each([
    ['7511 AB', '7511 AB'],
    ['7511AB', '7511 AB'],
    ['7511 ab', '7511 AB'],
    ['  1011ac ', '1011 AC'],
  ])('writes "%s" as %s', (typed, written) => expect(normalizePostcode(typed)).toBe(written));

  it.each([['0511 AB'], ['751 AB'], ['75111 AB'], ['7511 A'], ['7511-AB'], ['7511  AB'], ['AB 7511'], ['7511 A1'], ['']])(
    'refuses "%s"',
    (typed) => expect(normalizePostcode(typed)).toBeUndefined(),
  );

  it('gives the PC4 area of a postcode or of a PC4', () => {
    expect(pc4Of('7511 AB')).toBe(7511);
    expect(pc4Of('7551')).toBe(7551);
  });
});

describe('distances', () => {
  it('measures the great circle: Amsterdam to Rotterdam is about 57 km', () => {
    expect(greatCircleKm(AMSTERDAM_DAM, ROTTERDAM_CENTRE)).toBeCloseTo(57.5, 0);
    expect(greatCircleKm(ROTTERDAM_CENTRE, AMSTERDAM_DAM)).toBe(greatCircleKm(AMSTERDAM_DAM, ROTTERDAM_CENTRE));
    expect(greatCircleKm(AMSTERDAM_DAM, AMSTERDAM_DAM)).toBe(0);
  });

  it('estimates the road as 1.3 times the great circle, in whole km', () => {
    expect(roadKm(AMSTERDAM_DAM, ROTTERDAM_CENTRE)).toBe(75);
    expect(roadKm(AMSTERDAM_DAM, AMSTERDAM_DAM)).toBe(0);
  });

  it('tells points in the Netherlands from points abroad or swapped', () => {
    expect(isInNetherlands({ lat: 50.85, lon: 5.69 })).toBe(true); // Maastricht
    expect(isInNetherlands({ lat: 53.45, lon: 6.83 })).toBe(true); // Uithuizen
    expect(isInNetherlands({ lat: 48.86, lon: 2.35 })).toBe(false); // Paris
    expect(isInNetherlands({ lat: 6.89, lon: 52.22 })).toBe(false); // Enschede, swapped
    expect(isInNetherlands({ lat: Number.NaN, lon: 5 })).toBe(false);
  });
});

describe('the table of places', () => {
  it('finds the town of a PC4 area in its range, and none outside every range', () => {
    expect(placeOfPc4(7511)?.name).toBe('Enschede');
    expect(placeOfPc4(7548)?.name).toBe('Enschede');
    expect(placeOfPc4(8261)?.name).toBe('Kampen');
    expect(placeOfPc4(1102)).toMatchObject({ name: 'Amsterdam-Zuidoost', coordinates: { lat: 52.31, lon: 4.97 } });
    expect(placeOfPc4(7134)).toBeUndefined(); // Lichtenvoorde: a village, not in the table
    expect(placeOfPc4(1000)).toBeUndefined();
  });

  it('finds a town by its name in any case and spacing, and by its other name', () => {
    expect(placeNamed('hengelo')?.name).toBe('Hengelo');
    expect(placeNamed(' den  HAAG ')?.name).toBe('Den Haag');
    expect(placeNamed("'s-Gravenhage")?.name).toBe('Den Haag');
    expect(placeNamed('Den Bosch')?.name).toBe("'s-Hertogenbosch");
    expect(placeNamed('Amsterdam')?.coordinates).toEqual({ lat: 52.37, lon: 4.9 }); // the centre, not a district
    expect(placeNamed('den haag')?.firstPc4).toBe(2511);
    expect(placeNamed('Amsterdam-Noord')?.firstPc4).toBe(1021);
    expect(placeNamed('Atlantis')).toBeUndefined();
  });

  it('keeps the eight Twente towns of the former distance table within a km of their old points', () => {
    const old = {
      Enschede: { lat: 52.2215, lon: 6.8937 },
      Hengelo: { lat: 52.2658, lon: 6.7931 },
      Almelo: { lat: 52.3567, lon: 6.6625 },
      Oldenzaal: { lat: 52.3133, lon: 6.9292 },
      Borne: { lat: 52.3, lon: 6.7528 },
      Haaksbergen: { lat: 52.1564, lon: 6.7394 },
      Rijssen: { lat: 52.3069, lon: 6.5181 },
      Losser: { lat: 52.2608, lon: 7.005 },
    };
    for (const [name, point] of Object.entries(old)) expect(greatCircleKm(placeNamed(name)!.coordinates, point)).toBeLessThan(1);
  });

  it('has ranges in ascending order that never overlap, one name per row, and every point in the Netherlands', () => {
    expect(new Set(PLACES.map((p) => p.name.toLowerCase())).size).toBe(PLACES.length);
    PLACES.forEach((place, i) => {
      expect(place.firstPc4).toBeLessThanOrEqual(place.lastPc4);
      if (i > 0) expect(place.firstPc4).toBeGreaterThan(PLACES[i - 1].lastPc4);
      expect(isInNetherlands(place.coordinates)).toBe(true);
    });
  });
});

describe('resolving a location', () => {
  it('places a postcode at its town, unless coordinates are given with it', () => {
    expect(resolveLocation({ postcode: '8011AB' })).toEqual({
      ok: true,
      location: { postcode: '8011 AB', coordinates: { lat: 52.51, lon: 6.09 } },
      area: 'Zwolle',
    });
    // Recorded to 0.001° (about 100 m): no finer than the postcode, and enough for whole km.
    expect(resolveLocation({ postcode: '8011 AB', coordinates: { lat: 52.512345, lon: 6.0936 } })).toMatchObject({
      location: { coordinates: { lat: 52.512, lon: 6.094 } },
      area: 'Zwolle',
    });
  });

  it('places a town named as before at its centre with its first PC4 area, and ignores the name beside a postcode', () => {
    expect(resolveLocation({ place: 'Enschede' })).toEqual({ ok: true, location: locationOfPlaceNamed('enschede'), area: 'Enschede' });
    expect(locationOfPlaceNamed('enschede')).toEqual({ postcode: '7511', coordinates: { lat: 52.22, lon: 6.9 } });
    expect(resolveLocation({ place: 'Enschede', postcode: '8261 AB' })).toMatchObject({ area: 'Kampen' });
  });

  it.each([
    [{}, 'missing_location'],
    [{ place: '  ' }, 'missing_location'],
    [{ place: 'Gronau' }, 'unknown_place'],
    [{ postcode: '7511' }, 'invalid_postcode'],
    [{ postcode: '7134 AA' }, 'unknown_postcode'],
    [{ postcode: '7134 AA', coordinates: { lat: 51.99, lon: 7.3001 } }, 'outside_netherlands'],
    [{ coordinates: { lat: 52, lon: 6 } }, 'coordinates_without_postcode'],
  ])('refuses %j with %s and says what to give', (query, code) => {
    const resolved = resolveLocation(query);
    expect(resolved).toMatchObject({ ok: false, code });
    expect(resolved.ok || resolved.message.length).toBeGreaterThan(20);
  });

  it('asks for coordinates when the table does not know the postcode', () => {
    expect(resolveLocation({ postcode: '7134 AA' })).toMatchObject({ message: expect.stringMatching(/postcode area 7134.*coordinates/) });
  });
});

describe('events written before locations (version 1), read through their upcasters', () => {
  const availability = { kind: 'hours_per_week', hoursPerWeek: 32, unavailable: [] };
  const workerV1 = (homeArea: string) => ({
    workerId: 'anna',
    name: 'Anna',
    birthDate: '1990-05-10',
    homeArea,
    skills: ['cleaning'],
    availability,
  });

  it('gives a worker of a town the table knows (every town of the old Twente table) its location', () => {
    for (const area of ['hengelo', 'enschede', 'almelo', 'oldenzaal', 'borne', 'haaksbergen', 'rijssen', 'losser', 'Hellendoorn']) {
      const parsed = parsePoolEvent('WorkerRegistered', 1, workerV1(area));
      expect(parsed).toMatchObject({ ok: true, event: { data: { homeArea: area, location: locationOfPlaceNamed(area) } } });
    }
  });

  it('reads a worker of an area the table does not know without a location, keeping the area as written', () => {
    const parsed = parsePoolEvent('WorkerRegistered', 1, workerV1('x'));
    expect(parsed).toEqual({ ok: true, event: { type: 'WorkerRegistered', data: workerV1('x') } });
  });

  it('gives a site of a known town its location, and one of an unknown area none', () => {
    const site = (area: string) => ({ employerId: 'visschedijk', siteId: 'depot', name: 'Depot', area });
    expect(parsePoolEvent('SiteAdded', 1, site('Hengelo'))).toEqual({
      ok: true,
      event: { type: 'SiteAdded', data: { ...site('Hengelo'), location: { postcode: '7551', coordinates: { lat: 52.27, lon: 6.79 } } } },
    });
    expect(parsePoolEvent('SiteAdded', 1, site('Gronau'))).toEqual({ ok: true, event: { type: 'SiteAdded', data: site('Gronau') } });
  });

  it('refuses a version 2 location abroad or with a malformed postcode', () => {
    const at = (postcode: string, lat: number, lon: number) => ({
      ...workerV1('Parijs'),
      location: { postcode, coordinates: { lat, lon } },
    });
    expect(parsePoolEvent('WorkerRegistered', 2, at('7511 AB', 52.22, 6.9))).toMatchObject({ ok: true });
    expect(parsePoolEvent('WorkerRegistered', 2, at('7511 AB', 48.86, 2.35))).toMatchObject({ ok: false, reason: 'invalid_data' });
    expect(parsePoolEvent('WorkerRegistered', 2, at('7511AB', 52.22, 6.9))).toMatchObject({ ok: false, reason: 'invalid_data' });
  });
});
