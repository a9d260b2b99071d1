import type { CampaignStatus, ClosedPeriod, OpeningHours, PlaceStatus, Publics, ServiceRecord } from '@vigie/ingest-domain';
import { categoryLabel, themeOf } from '@vigie/taxonomy';
import { dayFromYmd, dayOf, DAY_MS, isoDay, isoTime, yearOfDay } from './calendar.js';
import { communeRadiusKm, jitter } from './geo.js';
import { PLACE_STATUS_SHARES, SERVICE_CATEGORY_SHARES, SERVICES_PER_PLACE } from './proportions.js';
import { AliasTable, Rng, weightedPick } from './random.js';
import { CLOSURE_LABELS, PLACE_NAME_TEMPLATES, PUBLIC_TAGS, slugify, STREETS, THEME_SENTENCES } from './texts.js';
import type { DemoCommune, ResolvedDemoOptions } from './types.js';

/**
 * Relative density of places in a commune of `population` inhabitants: sub-linear in population
 * (pop^0.95: a city has more places than a town, but fewer per inhabitant), and damped under 4,000
 * inhabitants, so that most villages have nothing (rural gaps) while every city has many places.
 */
export function placeWeight(population: number): number {
  if (population <= 0) return 0;
  const rural = Math.min(1, population / 4000);
  return Math.pow(population, 0.95) * rural;
}

/**
 * Expected places per unit of placeWeight, calibrated once on the real geography (data/geo/communes.csv,
 * 34,875 communes, 68.35 M inhabitants: Σ placeWeight = 33,261,228) so that the whole of France gets
 * ≈ 18,000 places. A constant (not recomputed from the input) so that a department generated alone
 * gets exactly the places it has in the national demo.
 */
export const PLACE_INTENSITY = 18000 / 33_261_228;

/** National population of the reference geography, for department shares of national volumes. */
export const FRANCE_POPULATION = 68_350_798;

const REF_AGE_DAYS = 182.5;
const ANNOUNCE_HORIZON_DAYS = 56;

const categoryTable = new AliasTable(Object.keys(SERVICE_CATEGORY_SHARES), Object.values(SERVICE_CATEGORY_SHARES));
const categoriesByTheme = new Map<string, AliasTable<string>>();
{
  const groups = new Map<string, [string, number][]>();
  for (const [id, w] of Object.entries(SERVICE_CATEGORY_SHARES)) {
    const theme = themeOf(id);
    if (!theme) throw new Error(`demo proportions: unknown category ${id}`);
    const list = groups.get(theme) ?? [];
    list.push([id, w]);
    groups.set(theme, list);
  }
  for (const [theme, list] of groups)
    categoriesByTheme.set(
      theme,
      new AliasTable(
        list.map((e) => e[0]),
        list.map((e) => e[1]),
      ),
    );
}

const statusEntries = Object.entries(PLACE_STATUS_SHARES) as [PlaceStatus, number][];

/** Fictional French numbers (ranges set aside for fiction), by telephone zone of the region. */
function phonePrefix(regionCode: string, mobile: boolean): string {
  if (mobile) return '06 39 98';
  if (regionCode === '11') return '01 99 00';
  if (['24', '28', '52', '53'].includes(regionCode)) return '02 61 91';
  if (['27', '32', '44'].includes(regionCode)) return '03 53 01';
  if (['84', '93', '94'].includes(regionCode)) return '04 65 71';
  if (['75', '76'].includes(regionCode)) return '05 36 49';
  return '09 77 42';
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
type Day = (typeof DAYS)[number];

function hours(days: readonly Day[], ranges: [string, string][]): OpeningHours {
  const h: OpeningHours = {};
  for (const d of DAYS) h[d] = days.includes(d) ? ranges.map((r) => [r[0], r[1]] as [string, string]) : [];
  return h;
}

const WEEKDAYS: Day[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const HOURS_TEMPLATES: (() => OpeningHours)[] = [
  () =>
    hours(WEEKDAYS, [
      ['09:00', '12:30'],
      ['13:30', '17:00'],
    ]),
  () => hours(WEEKDAYS, [['09:00', '12:00']]),
  () => hours(['tuesday', 'thursday'], [['14:00', '17:00']]),
  () => hours([...WEEKDAYS, 'saturday'], [['08:30', '16:30']]),
  () => hours(['tuesday', 'wednesday', 'thursday', 'friday', 'saturday'], [['10:00', '18:00']]),
  () => hours(['monday', 'wednesday', 'friday'], [['18:30', '20:30']]),
  () => hours(['wednesday'], [['09:30', '12:00']]),
];
const ALWAYS_OPEN = (): OpeningHours => hours(DAYS, [['00:00', '23:59']]);

const LANGUAGE_EXTRAS = ['en', 'ar', 'es', 'ro', 'uk', 'ps', 'fa', 'ru', 'pt', 'it', 'de', 'tr'];

interface PlaceContext {
  rng: Rng;
  commune: DemoCommune;
  index: number;
  options: ResolvedDemoOptions;
  todayMs: number;
  todayDay: number;
  windowStartDay: number;
  usedNames: Set<string>;
}

/** Generates every service of every place of one commune. Deterministic per (seed, commune, scale). */
export function generateCommuneServices(commune: DemoCommune, options: ResolvedDemoOptions, out: ServiceRecord[]): void {
  const rng = Rng.derive(options.seed, `places:${commune.code}`);
  const expected = PLACE_INTENSITY * placeWeight(commune.population) * options.multiplier;
  const count = rng.roundStochastic(expected);
  if (count === 0) return;
  const todayDay = dayOf(options.today);
  const ctx: PlaceContext = {
    rng,
    commune,
    index: 0,
    options,
    todayMs: options.today.getTime(),
    todayDay,
    windowStartDay: todayDay - Math.round(options.years * 365.25),
    usedNames: new Set(),
  };
  for (let i = 0; i < count; i++) {
    ctx.index = i + 1;
    generatePlace(ctx, out);
  }
}

function pickCategories(rng: Rng, n: number): string[] {
  const first = categoryTable.sample(rng);
  const theme = themeOf(first) as string;
  const chosen = [first];
  let guard = 0;
  while (chosen.length < n && guard++ < 50) {
    const c = rng.chance(0.5) ? (categoriesByTheme.get(theme) as AliasTable<string>).sample(rng) : categoryTable.sample(rng);
    if (!chosen.includes(c)) chosen.push(c);
  }
  return chosen;
}

function generatePlace(ctx: PlaceContext, out: ServiceRecord[]): void {
  const { rng, commune, todayMs, todayDay } = ctx;
  const nServices = weightedPick(rng, SERVICES_PER_PLACE);
  const categories = pickCategories(rng, nServices);
  const primaryTheme = themeOf(categories[0]) as string;
  const placeSourceId = `demo-p-${commune.code}-${ctx.index}`;

  let placeName = rng.pick(PLACE_NAME_TEMPLATES[primaryTheme]).replace('{c}', commune.name);
  if (ctx.usedNames.has(placeName)) placeName = `${placeName} – site ${ctx.index}`;
  ctx.usedNames.add(placeName);

  const point = jitter(rng, commune.lat, commune.lon, communeRadiusKm(commune.population));
  const status = weightedPick(rng, statusEntries);
  const visibility = rng.chance(0.92) ? 'ALL' : 'PRO';
  /** Data quality of the place: drives which optional fields are missing. */
  const quality = rng.next();
  const missing = (base: number) => rng.chance(base * (1.6 - quality));

  // Freshness: ≈ 45 % updated in the last 2 months (campaign), 25 % 2–6 months, 30 % older than 6 months.
  const bucket = rng.next();
  let ageDays: number;
  if (status === 'DRAFT') ageDays = rng.range(0, 90);
  else if (bucket < 0.45) ageDays = rng.range(0, 60);
  else if (bucket < 0.7) ageDays = rng.range(60, REF_AGE_DAYS - 4);
  else ageDays = REF_AGE_DAYS + 8 + 900 * Math.pow(rng.next(), 1.5);
  const updatedMs = Math.floor(todayMs - ageDays * DAY_MS);
  const createdMs =
    status === 'DRAFT'
      ? updatedMs - Math.floor(rng.range(0, 30) * DAY_MS)
      : Math.max(Date.UTC(2016, 0, 4), updatedMs - Math.floor(rng.range(0, 6 * 365) * DAY_MS));
  let campaignStatus: CampaignStatus | null;
  if (status === 'DRAFT') campaignStatus = null;
  else if (ageDays < 60)
    campaignStatus = weightedPick(rng, [
      ['FINISHED', 85],
      ['STARTED', 10],
      ['TO_DO', 5],
    ] as const);
  else if (ageDays < REF_AGE_DAYS)
    campaignStatus = weightedPick(rng, [
      ['FINISHED', 55],
      ['STARTED', 25],
      ['TO_DO', 20],
    ] as const);
  else
    campaignStatus = weightedPick(rng, [
      ['TO_DO', 70],
      ['STARTED', 20],
      ['FINISHED', 10],
    ] as const);

  const closedPeriods = placeClosures(ctx);

  const alwaysOpen = primaryTheme === 'accomodation_and_housing' && rng.chance(0.4);
  const placeHours = missing(0.1) ? null : alwaysOpen ? ALWAYS_OPEN() : rng.pick(HOURS_TEMPLATES)();
  const placePublics = missing(0.08) ? null : makePublics(rng);
  const languages = missing(0.1) ? [] : makeLanguages(rng, commune.population);
  const phone = missing(0.12)
    ? null
    : `${phonePrefix(commune.regionCode, rng.chance(0.15))} ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}`;
  const slug = slugify(`${placeName}`);
  const email = missing(0.35) ? null : `contact@${slug}.example.org`;
  const website = missing(0.5) ? null : `https://${slug}.example.org`;
  const saturation = weightedPick(rng, [
    [null, 60],
    ['LOW', 20],
    ['MODERATE', 12],
    ['HIGH', 8],
  ] as const);
  const address = `${rng.int(1, 120)} ${rng.pick(STREETS)}`;

  categories.forEach((categoryId, k) => {
    const themeId = themeOf(categoryId) as string;
    const serviceClosures = [...closedPeriods];
    if (rng.chance(0.03)) {
      const start = todayDay - rng.int(0, 60) + (rng.chance(0.3) ? rng.int(1, 30) : 0);
      serviceClosures.push({
        start: isoDay(start),
        end: rng.chance(0.3) ? null : isoDay(start + rng.int(7, 60)),
        scope: 'service',
        description: rng.pick(CLOSURE_LABELS.service),
      });
    }
    const ownHours = placeHours && rng.chance(0.15) ? rng.pick(HOURS_TEMPLATES)() : placeHours;
    out.push({
      source: 'demo',
      sourceId: `demo-s-${commune.code}-${ctx.index}-${k + 1}`,
      placeSourceId,
      placeName,
      name: rng.chance(0.7) ? categoryLabel(categoryId, 'fr') : null,
      categoryId,
      themeId,
      status,
      visibility,
      location: {
        lat: point.lat,
        lon: point.lon,
        communeCode: commune.code,
        departmentCode: commune.departmentCode,
        postalCode: commune.postalCode ?? null,
        address,
        city: commune.name,
        country: 'fr',
      },
      closedPeriods: serviceClosures,
      saturation,
      openingHours: ownHours,
      publics: placePublics && rng.chance(0.9) ? placePublics : missing(0.1) ? null : makePublics(rng),
      languages,
      phone,
      email,
      website,
      description: missing(0.2) ? null : `${categoryLabel(categoryId, 'fr')} : ${rng.pick(THEME_SENTENCES[themeId])}`,
      createdAt: isoTime(createdMs),
      updatedAt: isoTime(updatedMs),
      campaignStatus,
    });
  });
}

function placeClosures(ctx: PlaceContext): ClosedPeriod[] {
  const { rng, todayDay, windowStartDay } = ctx;
  const periods: ClosedPeriod[] = [];
  const horizon = todayDay + ANNOUNCE_HORIZON_DAYS;
  const summerCloser = rng.chance(0.32);
  const winterCloser = rng.chance(0.12);
  const firstYear = yearOfDay(windowStartDay) - 1;
  const lastYear = yearOfDay(todayDay);
  for (let y = firstYear; y <= lastYear; y++) {
    if (winterCloser && rng.chance(0.9)) {
      const start = dayFromYmd(y, 12, rng.int(18, 24));
      const end = start + rng.int(7, 16);
      if (end >= windowStartDay && start <= horizon)
        periods.push({ start: isoDay(start), end: isoDay(end), scope: 'place', description: CLOSURE_LABELS.winter });
    }
    if (summerCloser && rng.chance(0.92)) {
      const aug31 = dayFromYmd(y, 8, 31);
      const start = Math.min(dayFromYmd(y, 8, 17), Math.max(dayFromYmd(y, 7, 10), Math.round(rng.normal(dayFromYmd(y, 8, 1), 7))));
      const end = Math.min(aug31, start + rng.int(14, 28) - 1);
      if (end >= windowStartDay && start <= horizon)
        periods.push({ start: isoDay(start), end: isoDay(end), scope: 'place', description: CLOSURE_LABELS.summer });
    }
  }
  if (rng.chance(0.06)) {
    const start = todayDay + rng.int(1, ANNOUNCE_HORIZON_DAYS);
    periods.push({
      start: isoDay(start),
      end: isoDay(start + rng.int(1, 21)),
      scope: 'place',
      description: rng.pick(CLOSURE_LABELS.announced),
    });
  }
  periods.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return periods;
}

function makePublics(rng: Rng): Publics {
  const accueil = weightedPick(rng, [
    ['unconditional', 70],
    ['adapted', 22],
    ['exclusive', 8],
  ] as const);
  if (accueil === 'unconditional') return { accueil, description: null, tags: [], ageMin: null, ageMax: null };
  const tags = [rng.pick(PUBLIC_TAGS)];
  if (rng.chance(0.3)) {
    const t = rng.pick(PUBLIC_TAGS);
    if (!tags.includes(t)) tags.push(t);
  }
  const young = tags.includes('jeunes 18-25 ans');
  return {
    accueil,
    description: rng.chance(0.5) ? `Accueil réservé ou adapté : ${tags.join(', ')}.` : null,
    tags,
    ageMin: young ? 18 : rng.chance(0.2) ? 18 : null,
    ageMax: young ? 25 : null,
  };
}

function makeLanguages(rng: Rng, population: number): string[] {
  const langs = ['fr'];
  const extra = population > 100000 ? rng.int(0, 4) : rng.chance(0.35) ? rng.int(1, 2) : 0;
  for (let i = 0; i < extra; i++) {
    const l = i === 0 && rng.chance(0.6) ? 'en' : rng.pick(LANGUAGE_EXTRAS);
    if (!langs.includes(l)) langs.push(l);
  }
  return langs;
}
