// National-scale benchmark of the coverage engine on synthetic services over the real communes.
// Run from the workspace root after `npx nx run coverage-engine:build`:
//   node_modules/.bin/node libs/coverage/engine/bench/national.bench.mjs [services=60000]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const engine = await import(join(here, '..', 'dist', 'index.js'));

function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(7);
const nServices = Number(process.argv[2] ?? 60_000);

// Real communes (code, departement, region, epci, population, lat, lon).
const lines = readFileSync(join(root, 'data/geo/communes.csv'), 'utf8').trim().split('\n').slice(1);
const communes = lines.map((line) => {
  const f = [];
  let cur = '',
    q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) {
      f.push(cur);
      cur = '';
    } else cur += ch;
  }
  f.push(cur);
  const [code, , departmentCode, regionCode, epci, population, lat, lon] = f;
  return {
    code,
    departmentCode,
    regionCode,
    epciCode: epci || null,
    population: +population,
    lat: +lat,
    lon: +lon,
    povertyRate: 8 + rand() * 20,
  };
});

// 11 themes, 123 categories with skewed frequencies.
const THEMES = [
  'welcome',
  'activities',
  'food',
  'counseling',
  'training_and_jobs',
  'accomodation_and_housing',
  'hygiene_and_wellness',
  'equipment',
  'health',
  'technology',
  'mobility',
];
const cats = Array.from({ length: 123 }, (_, i) => ({ id: `cat_${i}`, theme: THEMES[i % 11], w: 1 / (1 + i) ** 0.8 }));
const catTotal = cats.reduce((s, c) => s + c.w, 0);
function pickCat() {
  let r = rand() * catTotal;
  for (const c of cats) if ((r -= c.w) <= 0) return c;
  return cats[0];
}
// Places near communes, drawn proportionally to population^0.9.
const weights = communes.map((c) => Math.max(1, c.population) ** 0.9);
const cum = new Float64Array(weights.length);
weights.reduce((s, w, i) => (cum[i] = s + w), 0);
function pickCommune() {
  const r = rand() * cum[cum.length - 1];
  let lo = 0,
    hi = cum.length - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (cum[m] < r) lo = m + 1;
    else hi = m;
  }
  return communes[lo];
}
const services = [];
let place = 0;
while (services.length < nServices) {
  const c = pickCommune();
  const lat = c.lat + (rand() - 0.5) * 0.03,
    lon = c.lon + (rand() - 0.5) * 0.04;
  const k = 1 + Math.floor(rand() * 6);
  place++;
  for (let j = 0; j < k && services.length < nServices; j++) {
    const cat = pickCat();
    const aug = rand() < 0.25;
    services.push({
      id: `s${services.length}`,
      placeId: `p${place}`,
      lat,
      lon,
      categoryId: cat.id,
      themeId: cat.theme,
      active: rand() < 0.95,
      closedPeriods: aug ? [{ start: '2026-08-01', end: '2026-08-31' }] : rand() < 0.02 ? [{ start: '2026-12-10', end: null }] : [],
      visibility: rand() < 0.1 ? 'PRO' : 'ALL',
      updatedAt: `2026-${String(1 + Math.floor(rand() * 11)).padStart(2, '0')}-15`,
      campaignStatus: ['TO_DO', 'STARTED', 'FINISHED'][Math.floor(rand() * 3)],
      completeness: {
        hasAddress: rand() < 0.9,
        hasHours: rand() < 0.7,
        hasContact: rand() < 0.8,
        hasPublics: rand() < 0.6,
        descriptionLength: Math.floor(rand() * 600),
      },
      communeCode: c.code,
    });
  }
}
const settlements = Array.from({ length: 1200 }, (_, i) => {
  const c = pickCommune();
  return {
    id: `b${i}`,
    lat: c.lat + (rand() - 0.5) * 0.05,
    lon: c.lon + (rand() - 0.5) * 0.07,
    population: Math.floor(rand() * 150),
    communeCode: null,
    open: rand() < 0.9,
  };
});
const searches = [];
for (let j = 0; j < 150_000; j++) {
  const c = pickCommune();
  const key = rand() < 0.3 ? THEMES[Math.floor(rand() * 11)] : pickCat().id;
  const count = 1 + Math.floor(rand() * 30);
  searches.push({ communeCode: c.code, key, count, zeroResultCount: Math.floor(count * rand() * 0.3) });
}
const categoryTheme = Object.fromEntries(cats.map((c) => [c.id, c.theme]));
const input = { services, communes, settlements, searches, config: { today: '2026-11-20', categoryTheme } };
console.log(
  `input: ${communes.length} communes, ${services.length} services in ${place} places, ${settlements.length} settlements, ${searches.length} search aggregates`,
);

const time = (label, fn) => {
  const t0 = performance.now();
  const r = fn();
  console.log(`${label.padEnd(48)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
  return r;
};
const model = time('full national recompute (computeCoverage)', () => engine.computeCoverage(input));
console.log(`  keys ${model.keys.length}, locations ${model.locLat.length}, catchment pairs ${model.catCommune.length}`);
const t = model.timings;
if (t) console.log(t);
let higher = 0;
time('rows: epci/department/region/country × all keys', () => {
  for (const row of model.rows({ levels: ['epci', 'department', 'region', 'country'] })) higher += row ? 1 : 0;
});
let communeRows = 0;
time('rows: commune × themes', () => {
  for (const row of model.rows({ levels: ['commune'], keys: THEMES })) communeRows += row ? 1 : 0;
});
console.log(`  ${higher} higher-level rows, ${communeRows} commune×theme rows`);
if (engine.scoreGaps) {
  const rows = [...model.rows({ levels: ['department'], keys: THEMES })];
  time('gap scores, departments × themes', () => engine.scoreGaps(rows, { config: model.config }));
  const crows = [...model.rows({ levels: ['commune'], keys: THEMES })];
  time('gap scores, communes × themes', () => engine.scoreGaps(crows, { config: model.config }));
}
if (engine.weeklyOpenServices)
  time('seasonal: weekly open services 2026 (dept × key)', () => engine.weeklyOpenServices(model, { year: 2026 }));
if (engine.forecastOpenServices) time('seasonal: 8-week forecast (dept × key)', () => engine.forecastOpenServices(model));
if (engine.accessLoss) time('seasonal: communes losing access, week 2026-W33', () => engine.accessLoss(model, { year: 2026, week: 33 }));
if (engine.whatIf)
  time('what-if: one hypothetical food service in Paris', () =>
    engine.whatIf(model, { lat: 48.85, lon: 2.35, categoryId: 'cat_2', themeId: 'food' }),
  );
time('incremental recompute, departments 93 + 95', () => engine.computeCoverage(input, { departments: ['93', '95'] }));
time('incremental recompute, department 48', () => engine.computeCoverage(input, { departments: ['48'] }));
console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
