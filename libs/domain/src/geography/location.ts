// Where a worker lives or a site stands: a postcode and a point. Commands give a postcode (with
// coordinates when the shipped table does not know its area) or, as clients did before, a town's
// name; the decider resolves that once, and the events record the result, so a later change of the
// table never moves anyone who is already registered.
import { z } from 'zod';
import { refuse } from '../shared/domain-error.js';
import { isInNetherlands, NETHERLANDS_BOUNDS, type Coordinates } from './coordinates.js';
import { placeNamed, placeOfPc4, type Place } from './places.js';
import { normalizePostcode, pc4Of, RECORDED_POSTCODE } from './postcode.js';

export const coordinatesSchema = z
  .object({ lat: z.number(), lon: z.number() })
  .refine(isInNetherlands, 'outside the Netherlands (latitude 50.7–53.7, longitude 3.3–7.3)');

export const locationSchema = z.object({
  /** '7511 AB'; only the PC4 area ('7511') when the location came from a town's name. */
  postcode: z.string().regex(RECORDED_POSTCODE, 'not a postcode (1234 AB) or a PC4 area (1234)'),
  coordinates: coordinatesSchema,
});
export type Location = z.infer<typeof locationSchema>;

/** A location as a command gives it: a postcode, with or without coordinates, or a town's name. */
export interface LocationQuery {
  readonly postcode?: string;
  readonly coordinates?: Coordinates;
  /** A town of the shipped table ('hengelo'): what clients sent before postcodes. Ignored when a postcode is given. */
  readonly place?: string;
}

export interface ResolvedLocation {
  readonly location: Location;
  /** The town's name as the table writes it, or the postcode when the table has no town for it. */
  readonly area: string;
}

export type LocationRefusalCode =
  'missing_location' | 'invalid_postcode' | 'unknown_postcode' | 'unknown_place' | 'coordinates_without_postcode' | 'outside_netherlands';

export type LocationResolution =
  ({ readonly ok: true } & ResolvedLocation) | { readonly ok: false; readonly code: LocationRefusalCode; readonly message: string };

const failed = (code: LocationRefusalCode, message: string): LocationResolution => ({ ok: false, code, message });

/**
 * The location a query names. A postcode wins over a town's name; coordinates given with it win over
 * the table (they are more precise than a town's centre). Pure: the same query always gives the same answer.
 */
export function resolveLocation(query: LocationQuery): LocationResolution {
  if (query.postcode !== undefined) return resolvePostcode(query.postcode, query.coordinates);
  if (query.coordinates !== undefined) return failed('coordinates_without_postcode', 'Give the postcode with the coordinates.');
  if (typeof query.place !== 'string' || query.place.trim() === '') {
    return failed('missing_location', 'Give the postcode (or, as before, the name of a town).');
  }
  const place = placeNamed(query.place);
  if (place === undefined) {
    return failed(
      'unknown_place',
      `The pool's table of places has no town "${query.place}"; give the postcode instead (and coordinates outside the towns it knows).`,
    );
  }
  return { ok: true, location: locationOf(place), area: place.name };
}

function resolvePostcode(typed: string, coordinates: Coordinates | undefined): LocationResolution {
  const postcode = normalizePostcode(typed);
  if (postcode === undefined) {
    return failed('invalid_postcode', `"${typed}" is not a Dutch postcode (four digits and two letters, e.g. 7511 AB).`);
  }
  const place = placeOfPc4(pc4Of(postcode));
  const area = place?.name ?? postcode;
  if (coordinates !== undefined) {
    if (!isInNetherlands(coordinates)) return failed('outside_netherlands', outsideNetherlandsMessage(coordinates));
    return { ok: true, location: { postcode, coordinates: recordable(coordinates) }, area };
  }
  if (place === undefined) {
    return failed(
      'unknown_postcode',
      `The pool's table of places has no town for postcode area ${pc4Of(postcode)}; give the coordinates { lat, lon } with the postcode.`,
    );
  }
  return { ok: true, location: { postcode, coordinates: place.coordinates }, area };
}

/**
 * Given coordinates as recorded: to 0.001° (about 100 m), no finer than the postcode itself. Travel
 * is estimated in whole km, and an append-only store should not keep a home's exact point.
 */
function recordable({ lat, lon }: Coordinates): Coordinates {
  return { lat: Math.round(lat * 1000) / 1000, lon: Math.round(lon * 1000) / 1000 };
}

export function outsideNetherlandsMessage({ lat, lon }: Coordinates): string {
  const b = NETHERLANDS_BOUNDS;
  return `The coordinates (${lat}, ${lon}) lie outside the Netherlands (latitude ${b.minLat}–${b.maxLat}, longitude ${b.minLon}–${b.maxLon}).`;
}

/** The decider's guard: the resolved location, or a refusal (422) saying what to give instead. */
export function requireLocation(query: LocationQuery): ResolvedLocation {
  const resolved = resolveLocation(query);
  if (!resolved.ok) refuse(resolved.code, resolved.message);
  return { location: resolved.location, area: resolved.area };
}

/**
 * The location of a town of the table by its name: its first PC4 area (no street is known, so no
 * full postcode) and its centre. Undefined for a name the table does not know.
 */
export function locationOfPlaceNamed(name: string): Location | undefined {
  const place = placeNamed(name);
  return place && locationOf(place);
}

function locationOf(place: Place): Location {
  return { postcode: String(place.firstPc4), coordinates: place.coordinates };
}

/**
 * For the upcasters of events written before locations (version 1, an area name only): the area's
 * location when the table knows the name; none otherwise, and the allocation then reports that
 * worker or site as not placeable instead of never proposing them without a word.
 */
export function withLocationOfArea<Key extends string>(key: Key) {
  return <V1 extends Readonly<Record<Key, string>>>(v1: V1): V1 & { location?: Location } => {
    const location = locationOfPlaceNamed(v1[key]);
    return location ? { ...v1, location } : v1;
  };
}
