// Points in the Netherlands and the distances between them. Travel is estimated, not routed: the
// pool has no road network, and a straight line times a detour factor is what the allocation needs
// to tell a 10 km trip from a 60 km one.

/** WGS84 degrees. */
export interface Coordinates {
  readonly lat: number;
  readonly lon: number;
}

/**
 * The bounding box of the European Netherlands, with a small margin: from Eijsden (50.75° N) to
 * Rottumeroog (53.56° N), from Cadzand (3.36° E) to Bad Nieuweschans (7.23° E). A box, so it also
 * holds slivers of Belgium, Germany and the North Sea; it keeps out typos (swapped lat/lon, a
 * missing digit) and places abroad, which is what a check at registration can do without a map.
 */
export const NETHERLANDS_BOUNDS = { minLat: 50.7, maxLat: 53.7, minLon: 3.3, maxLon: 7.3 } as const;

export function isInNetherlands({ lat, lon }: Coordinates): boolean {
  const b = NETHERLANDS_BOUNDS;
  return Number.isFinite(lat) && Number.isFinite(lon) && lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
}

/** The mean radius of the earth (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance (haversine), km. */
export function greatCircleKm(a: Coordinates, b: Coordinates): number {
  const h =
    Math.sin(((b.lat - a.lat) * RAD) / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(((b.lon - a.lon) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Roads in the Netherlands run about 1.3 times the straight line (the factor the engine's Twente table used). */
export const ROAD_DETOUR_FACTOR = 1.3;

/** Estimated road distance, whole km: 1.3 × the great circle, rounded. */
export function roadKm(a: Coordinates, b: Coordinates): number {
  return Math.round(ROAD_DETOUR_FACTOR * greatCircleKm(a, b));
}
