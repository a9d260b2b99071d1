import type { SettlementRecord } from '@vigie/ingest-domain';
import { dayOf, DAY_MS, isoDay, isoTime } from './calendar.js';
import { communeRadiusKm, jitter } from './geo.js';
import { AliasTable, Rng, weightedPick } from './random.js';
import type { DemoCommune, ResolvedDemoOptions } from './types.js';

/**
 * Expected open informal settlements per department where they concentrate (Résorption-bidonvilles
 * orders of magnitude, synthetic values): Île-de-France, Nord, Bouches-du-Rhône, Gironde,
 * Loire-Atlantique, Haute-Garonne, Rhône, Hérault, Alpes-Maritimes, Isère, Bas-Rhin. Sum 382.
 */
export const SETTLEMENT_HOTSPOTS: Readonly<Record<string, number>> = {
  '93': 40,
  '13': 40,
  '59': 35,
  '33': 30,
  '44': 30,
  '91': 25,
  '69': 25,
  '94': 22,
  '31': 22,
  '95': 18,
  '34': 18,
  '77': 15,
  '06': 12,
  '38': 12,
  '78': 10,
  '75': 10,
  '67': 10,
  '92': 8,
};
/** Open settlements spread over the other metropolitan departments, by population (none in the DROM). */
export const SETTLEMENTS_ELSEWHERE = 68;
/** Population of metropolitan departments outside SETTLEMENT_HOTSPOTS (data/geo/communes.csv). */
const POPULATION_ELSEWHERE = 37_613_750;
/** Closed settlements (history) per open one. */
const CLOSED_PER_OPEN = 0.7;

const CLOSING_REASONS: readonly (readonly [string, number])[] = [
  ['Évacuation sur décision de justice', 30],
  ['Évacuation sur arrêté (mise en demeure)', 20],
  ['Résorption progressive (relogement, insertion)', 18],
  ['Départ spontané des habitants', 14],
  ['Incendie ou sinistre', 6],
  ['Autre', 12],
];
const SITE_NAMES = [
  'du Pont',
  'des Jardins',
  'de la Voie ferrée',
  'du Canal',
  'de la Zone d’activités',
  'des Friches',
  'du Stade',
  'de l’Échangeur',
  'des Peupliers',
  'du Port',
];

/** Expected open settlements in a department of `population` inhabitants. */
export function expectedOpenSettlements(departmentCode: string, population: number): number {
  if (departmentCode.startsWith('97')) return 0;
  return SETTLEMENT_HOTSPOTS[departmentCode] ?? (SETTLEMENTS_ELSEWHERE * population) / POPULATION_ELSEWHERE;
}

const bool = (rng: Rng, pTrue: number, pUnknown = 0.1): boolean | null => {
  const u = rng.next();
  return u < pUnknown ? null : u < pUnknown + pTrue ? true : false;
};

/** Settlements of one department, deterministic per (seed, department). */
export function generateDepartmentSettlements(
  departmentCode: string,
  communes: readonly DemoCommune[],
  options: ResolvedDemoOptions,
  out: SettlementRecord[],
): void {
  const rng = Rng.derive(options.seed, `settlements:${departmentCode}`);
  const population = communes.reduce((s, c) => s + c.population, 0);
  const expected = expectedOpenSettlements(departmentCode, population);
  if (expected <= 0 || communes.length === 0) return;
  const nOpen = rng.roundStochastic(expected);
  const nClosed = rng.roundStochastic(expected * CLOSED_PER_OPEN);
  const towns = communes.filter((c) => c.population >= 5000);
  const pool = towns.length ? towns : communes;
  const table = new AliasTable(
    pool,
    pool.map((c) => Math.pow(c.population, 1.1)),
  );
  const todayDay = dayOf(options.today);
  const todayMs = options.today.getTime();
  for (let k = 0; k < nOpen + nClosed; k++) {
    const open = k < nOpen;
    const commune = table.sample(rng);
    const point = jitter(rng, commune.lat, commune.lon, communeRadiusKm(commune.population));
    const populationTotal = Math.max(3, Math.min(420, Math.round(rng.logNormal(25, 1.1))));
    const closedDay = open ? null : todayDay - rng.int(1, 3 * 365);
    const builtDay = (closedDay ?? todayDay) - Math.round(30 + 3650 * Math.pow(rng.next(), 2));
    const declaredDay = Math.min(closedDay ?? todayDay, builtDay + rng.int(0, 90));
    const updatedMs = open
      ? todayMs - Math.floor(rng.range(0, 365) * DAY_MS)
      : Math.min(todayMs, (closedDay as number) * DAY_MS + rng.int(0, 20) * DAY_MS);
    out.push({
      source: 'demo',
      sourceId: `demo-site-${departmentCode}-${k + 1}`,
      name: rng.chance(0.15) ? null : `Site ${rng.pick(SITE_NAMES)} – ${commune.name}`,
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
      status: open ? 'open' : 'closed',
      closingReason: open ? null : weightedPick(rng, CLOSING_REASONS),
      builtAt: rng.chance(0.2) ? null : isoDay(builtDay),
      declaredAt: isoDay(declaredDay),
      closedAt: closedDay === null ? null : isoDay(closedDay),
      populationTotal: rng.chance(0.05) ? null : populationTotal,
      populationCouples: rng.chance(0.2) ? null : Math.round(populationTotal * rng.range(0.1, 0.3)),
      populationMinors: rng.chance(0.15) ? null : Math.round(populationTotal * rng.range(0.2, 0.45)),
      waterAccess: bool(rng, 0.3),
      electricityAccess: bool(rng, 0.2),
      sanitaryAccess: bool(rng, 0.15),
      trashEvacuation: bool(rng, 0.4),
      ownerType: weightedPick(rng, [
        ['Public', 55],
        ['Privé', 35],
        ['Inconnu', 10],
      ] as const),
      fieldType: weightedPick(rng, [
        ['Terrain', 70],
        ['Immeuble bâti', 20],
        ['Inconnu', 10],
      ] as const),
      updatedAt: isoTime(updatedMs),
    });
  }
}
