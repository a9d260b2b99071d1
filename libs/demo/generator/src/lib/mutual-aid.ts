import type { MutualAidCategory, MutualAidRecord } from '@vigie/ingest-domain';
import { DAY_MS, isoTime } from './calendar.js';
import { communeRadiusKm, jitter } from './geo.js';
import { Rng, weightedPick } from './random.js';
import type { DemoCommune, ResolvedDemoOptions } from './types.js';

/** Cities with a mutual-aid network, and their national count of offers and requests. */
export const MUTUAL_AID_CITIES: Readonly<Record<string, number>> = {
  '75056': 900, // Paris
  '13055': 300, // Marseille
  '69123': 300, // Lyon
  '31555': 250, // Toulouse
  '59350': 200, // Lille
  '33063': 200, // Bordeaux
  '44109': 200, // Nantes
  '67482': 150, // Strasbourg
  '34172': 120, // Montpellier
  '35238': 120, // Rennes
};

/** Department scale without any of those cities: the department's largest commune, this many per million inhabitants. */
const FALLBACK_PER_MILLION = 60;

const CATEGORY_SHARES: readonly (readonly [MutualAidCategory, number])[] = [
  ['courses', 20],
  ['lien_social', 16],
  ['accompagnement', 14],
  ['numerique', 10],
  ['administratif', 10],
  ['bricolage', 10],
  ['transport', 8],
  ['autre', 7],
  ['garde_animaux', 5],
];

export function mutualAidCities(scope: readonly DemoCommune[], options: ResolvedDemoOptions): [DemoCommune, number][] {
  const listed = scope
    .filter((c) => MUTUAL_AID_CITIES[c.code] !== undefined)
    .map((c) => [c, MUTUAL_AID_CITIES[c.code] * options.multiplier] as [DemoCommune, number]);
  if (listed.length || options.scale !== 'department' || scope.length === 0) return listed;
  const biggest = scope.reduce((a, b) => (b.population > a.population ? b : a));
  const population = scope.reduce((s, c) => s + c.population, 0);
  return [[biggest, Math.round((FALLBACK_PER_MILLION * population) / 1e6)]];
}

export function generateCityMutualAid(commune: DemoCommune, count: number, options: ResolvedDemoOptions, out: MutualAidRecord[]): void {
  const rng = Rng.derive(options.seed, `mutual-aid:${commune.code}`);
  const todayMs = options.today.getTime();
  const spanDays = options.years * 365.25;
  for (let k = 0; k < count; k++) {
    // More recent entries than old ones (the network grows).
    const ageDays = spanDays * (1 - Math.sqrt(rng.next()));
    const point = jitter(rng, commune.lat, commune.lon, communeRadiusKm(commune.population));
    const status =
      ageDays < 30
        ? weightedPick(rng, [
            ['offered', 70],
            ['matched', 20],
            ['cancelled', 10],
          ] as const)
        : weightedPick(rng, [
            ['offered', 25],
            ['matched', 20],
            ['done', 45],
            ['cancelled', 10],
          ] as const);
    out.push({
      source: 'demo',
      sourceId: `demo-aid-${commune.code}-${k + 1}`,
      kind: rng.chance(0.62) ? 'offer' : 'request',
      category: weightedPick(rng, CATEGORY_SHARES),
      location: {
        lat: point.lat,
        lon: point.lon,
        communeCode: commune.code,
        departmentCode: commune.departmentCode,
        postalCode: commune.postalCode ?? null,
        address: null,
        city: commune.name,
        country: 'fr',
      },
      createdAt: isoTime(Math.floor(todayMs - ageDays * DAY_MS)),
      status,
    });
  }
}
