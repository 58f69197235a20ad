/** Great-circle distance and search boxes on the WGS-84 mean radius; good to a few metres at city scale. */
const EARTH_RADIUS_METERS = 6_371_008.8;
const METERS_PER_DEGREE_LATITUDE = 111_320;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

export interface Coordinates {
  readonly latitude: number;
  readonly longitude: number;
}

/** Haversine distance in metres between two points. */
export function distanceMeters(a: Coordinates, b: Coordinates): number {
  const dLatitude = toRadians(b.latitude - a.latitude);
  const dLongitude = toRadians(b.longitude - a.longitude);
  const h = Math.sin(dLatitude / 2) ** 2 + Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLongitude / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A latitude/longitude box that contains every point within `radiusMeters` of `center`, so the
 * database can discard far stores with plain comparisons before the exact distance is computed.
 */
export function boundingBox(center: Coordinates, radiusMeters: number) {
  const latitudeDelta = radiusMeters / METERS_PER_DEGREE_LATITUDE;
  // Longitude degrees shrink towards the poles; clamp so the box stays finite near them.
  const cosine = Math.max(Math.cos(toRadians(center.latitude)), 0.01);
  const longitudeDelta = Math.min(180, radiusMeters / (METERS_PER_DEGREE_LATITUDE * cosine));
  return {
    minLatitude: Math.max(-90, center.latitude - latitudeDelta),
    maxLatitude: Math.min(90, center.latitude + latitudeDelta),
    minLongitude: center.longitude - longitudeDelta,
    maxLongitude: center.longitude + longitudeDelta,
  };
}
