// Geography helpers shared by the server (ordering by distance) and the app (distance to a venue).
export const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance between two WGS84 points, in metres. */
export function haversineMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** Rounds a coordinate to 3 decimals (~100 m): enough to sort by distance, too coarse to pinpoint a home. */
export function coarsen(value: number): number {
  return Math.round(value * 1000) / 1000
}
