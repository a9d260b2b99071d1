import type { Rng } from './random.js';

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Radius (km) within which points of a commune are spread: a few hundred metres for a village, 2 km
 * for a big city. Kept small on purpose: centroids of coastal communes are inland, a small radius
 * keeps points on land.
 */
export function communeRadiusKm(population: number): number {
  const p = Math.max(50, population);
  return Math.min(2, Math.max(0.3, 0.3 + (1.7 * (Math.log10(p) - 2.3)) / 3.7));
}

/** A point around (lat, lon), Gaussian-like in distance, truncated at maxKm. Rounded to 6 decimals. */
export function jitter(rng: Rng, lat: number, lon: number, maxKm: number): { lat: number; lon: number } {
  const r = Math.min(maxKm, Math.abs(rng.normal(0, maxKm / 2)));
  const theta = rng.next() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / 111.32;
  const dLon = (r * Math.sin(theta)) / (111.32 * Math.max(0.2, Math.cos(lat * RAD)));
  return { lat: round6(lat + dLat), lon: round6(lon + dLon) };
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A uniform grid over lat/lon for radius queries (no dependency; enough for tens of thousands of points). */
export class PointGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly lats: number[] = [];
  private readonly lons: number[] = [];

  constructor(private readonly cellDeg = 0.05) {}

  private key(ix: number, iy: number): number {
    return (ix + 20000) * 40000 + (iy + 20000);
  }

  add(lat: number, lon: number): number {
    const id = this.lats.length;
    this.lats.push(lat);
    this.lons.push(lon);
    const k = this.key(Math.floor(lon / this.cellDeg), Math.floor(lat / this.cellDeg));
    let list = this.cells.get(k);
    if (!list) this.cells.set(k, (list = []));
    list.push(id);
    return id;
  }

  /** Calls visit(id) for every point within radiusKm of (lat, lon). */
  within(lat: number, lon: number, radiusKm: number, visit: (id: number) => void): void {
    const dLat = radiusKm / 111.32;
    const dLon = radiusKm / (111.32 * Math.max(0.2, Math.cos(lat * RAD)));
    const x0 = Math.floor((lon - dLon) / this.cellDeg);
    const x1 = Math.floor((lon + dLon) / this.cellDeg);
    const y0 = Math.floor((lat - dLat) / this.cellDeg);
    const y1 = Math.floor((lat + dLat) / this.cellDeg);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const list = this.cells.get(this.key(x, y));
        if (!list) continue;
        for (const id of list) {
          if (haversineKm(lat, lon, this.lats[id], this.lons[id]) <= radiusKm) visit(id);
        }
      }
    }
  }
}
