import { haversineMeters } from './geo.js';
import { PointIndex } from './point-index.js';

/** Deterministic PRNG (mulberry32) so a failure is reproducible. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('haversineMeters', () => {
  it('matches known distances', () => {
    // Paris (Notre-Dame) → Lyon (Bellecour): ~392 km great-circle.
    expect(haversineMeters(48.853, 2.3499, 45.7578, 4.832) / 1000).toBeCloseTo(391.5, 0);
    expect(haversineMeters(45, 3, 45, 3)).toBe(0);
    // One degree of latitude ≈ 111.19 km on the mean sphere.
    expect(haversineMeters(0, 0, 1, 0)).toBeCloseTo(111_195, -1);
  });
});

describe('PointIndex', () => {
  const rand = rng(42);
  // Services over metropolitan France and a few in the DROM (far away, tests the antimeridian-free case).
  const services = Array.from({ length: 3000 }, (_, i) => ({
    id: i,
    lat: 41.3 + rand() * 9.8,
    lon: -5.2 + rand() * 14.8,
  }));
  services.push({ id: 3000, lat: -21.1, lon: 55.5 }, { id: 3001, lat: 16.2, lon: -61.5 });
  const index = new PointIndex(services);

  it('nearest equals brute-force haversine over all services (≤ 1 m) on random queries', () => {
    for (let q = 0; q < 500; q++) {
      const lat = 41 + rand() * 10.5;
      const lon = -5.5 + rand() * 15.5;
      const brute = Math.min(...services.map((s) => haversineMeters(lat, lon, s.lat, s.lon)));
      const got = index.nearest(lat, lon);
      expect(got).not.toBeNull();
      expect(Math.abs((got?.meters ?? 0) - brute)).toBeLessThanOrEqual(1);
    }
  });

  it('within returns exactly the services inside the radius, closest first', () => {
    const lat = 48.85;
    const lon = 2.35;
    const radius = 60_000;
    const expected = services.filter((s) => haversineMeters(lat, lon, s.lat, s.lon) <= radius).map((s) => s.id);
    const got = index.within(lat, lon, radius);
    expect(got.map((n) => n.item.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    for (let i = 1; i < got.length; i++) expect(got[i].meters).toBeGreaterThanOrEqual(got[i - 1].meters);
  });

  it('honours maxMeters and filters, and handles an empty index', () => {
    expect(index.nearest(48.85, 2.35, 1)).toBeNull();
    const odd = index.nearest(48.85, 2.35, Infinity, (s) => s.id % 2 === 1);
    expect((odd?.item.id ?? 0) % 2).toBe(1);
    expect(new PointIndex([]).nearest(48, 2)).toBeNull();
    // The DROM point is found from Réunion.
    expect(index.nearest(-21, 55.4)?.item.id).toBe(3000);
  });
});
