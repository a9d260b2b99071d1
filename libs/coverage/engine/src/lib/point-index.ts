import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { haversineMeters } from './geo.js';

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface Neighbour<T> {
  item: T;
  index: number;
  meters: number;
}

/**
 * Static spatial index over WGS84 points: a kd-tree (kdbush) searched with great-circle bounds
 * (geokdbush), so nearest-neighbour and radius answers are exact great-circle results, in metres.
 */
export class PointIndex<T extends GeoPoint> {
  private readonly tree: KDBush | null;

  constructor(readonly points: readonly T[]) {
    if (points.length === 0) {
      this.tree = null;
      return;
    }
    this.tree = new KDBush(points.length);
    for (const p of points) this.tree.add(p.lon, p.lat);
    this.tree.finish();
  }

  get size(): number {
    return this.points.length;
  }

  /** The nearest point within maxMeters, or null. */
  nearest(lat: number, lon: number, maxMeters = Infinity, filter?: (item: T) => boolean): Neighbour<T> | null {
    return this.knn(lat, lon, 1, maxMeters, filter)[0] ?? null;
  }

  /** Up to k nearest points within maxMeters, closest first. */
  knn(lat: number, lon: number, k: number, maxMeters = Infinity, filter?: (item: T) => boolean): Neighbour<T>[] {
    if (!this.tree || k <= 0) return [];
    const ids = around(
      this.tree,
      lon,
      lat,
      k,
      maxMeters === Infinity ? Infinity : maxMeters / 1000,
      filter ? (id: number) => filter(this.points[id]) : undefined,
    );
    return ids.map((id) => this.neighbour(id, lat, lon));
  }

  /** Every point within `meters` of (lat, lon), closest first. */
  within(lat: number, lon: number, meters: number, filter?: (item: T) => boolean): Neighbour<T>[] {
    return this.knn(lat, lon, Infinity, meters, filter);
  }

  private neighbour(id: number, lat: number, lon: number): Neighbour<T> {
    const item = this.points[id];
    return { item, index: id, meters: haversineMeters(lat, lon, item.lat, item.lon) };
  }
}
