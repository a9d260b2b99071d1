import type { ActivityKind, ActivityRecord, TargetRecord } from '@vigie/ingest-domain';
import { dayFromYmd, dayOf, isoDay, yearOfDay } from './calendar.js';
import { Rng } from './random.js';
import { NATIONAL_SEARCHES_PER_YEAR } from './searches.js';
import { FRANCE_POPULATION } from './services.js';
import type { ResolvedDemoOptions } from './types.js';

/** The 38 departments where the directory is deployed (Île-de-France and the big metropolitan areas first). */
export const DEPLOYMENT_DEPARTMENTS: readonly string[] = [
  '75',
  '77',
  '78',
  '91',
  '92',
  '93',
  '94',
  '95',
  '13',
  '06',
  '83',
  '84',
  '33',
  '31',
  '34',
  '30',
  '44',
  '35',
  '29',
  '49',
  '59',
  '62',
  '67',
  '68',
  '69',
  '38',
  '63',
  '42',
  '21',
  '25',
  '54',
  '57',
  '76',
  '14',
  '37',
  '45',
  '86',
  '974',
];

export const FUNDERS: readonly string[] = [
  'Fondation Solidarités Demain',
  'Fondation Entraide et Territoires',
  'État – DIHAL',
  'État – DREETS',
  'Conseil départemental',
  'Caisse d’allocations familiales',
  'Métropole',
  'Agence régionale de santé',
  'Fonds social européen (FSE+)',
];

const TITLES: Record<ActivityKind, readonly string[]> = {
  training: ['Formation des écoutants', 'Formation à l’outil', 'Formation des travailleurs sociaux', 'Formation des bénévoles'],
  sensitisation: [
    'Sensibilisation – CCAS',
    'Sensibilisation – bénévoles',
    'Réunion d’information partenaires',
    'Sensibilisation – professionnels de santé',
  ],
  copil: ['Comité de pilotage', 'Comité de pilotage départemental'],
  funding: ['Subvention de fonctionnement', 'Appel à projets', 'Convention pluriannuelle'],
};

const round = (x: number, step: number) => Math.round(x / step) * step;

/**
 * Activities (trainings, sensitisation sessions, steering committees, funding lines) of one
 * department from its deployment start, never after `today`; targets for every year of the period.
 */
export function generateDepartmentDeployment(
  departmentCode: string,
  population: number,
  expectedPlaces: number,
  options: ResolvedDemoOptions,
  activities: ActivityRecord[],
  targets: TargetRecord[],
): void {
  const rng = Rng.derive(options.seed, `deployment:${departmentCode}`);
  const todayDay = dayOf(options.today);
  const currentYear = yearOfDay(todayDay);
  const firstYear = yearOfDay(todayDay - Math.round(options.years * 365.25));
  const since = Math.max(firstYear, currentYear - rng.int(0, 5));
  let seq = 0;
  const add = (kind: ActivityKind, day: number, fields: Partial<ActivityRecord>) => {
    if (day > todayDay) return;
    seq++;
    activities.push({
      sourceId: `demo-act-${departmentCode}-${seq}`,
      kind,
      date: isoDay(day),
      level: 'department',
      code: departmentCode,
      title: rng.pick(TITLES[kind]),
      people: null,
      listeners: null,
      funder: null,
      amount: null,
      ...fields,
    });
  };
  const size = Math.min(2, Math.max(0.6, Math.sqrt(population / 1.2e6)));
  for (let year = since; year <= currentYear; year++) {
    const jan1 = dayFromYmd(year, 1, 1);
    const days = dayFromYmd(year + 1, 1, 1) - jan1;
    const anyDay = () => jan1 + rng.int(0, days - 1);
    const nTraining = Math.round(rng.int(3, 10) * size);
    for (let k = 0; k < nTraining; k++) {
      const people = rng.int(6, 20);
      add('training', anyDay(), { people, listeners: Math.round(people * rng.range(0.3, 0.7)) });
    }
    const nSens = Math.round(rng.int(5, 18) * size);
    for (let k = 0; k < nSens; k++) add('sensitisation', anyDay(), { people: rng.int(10, 80) });
    const nCopil = rng.int(2, 4);
    for (let k = 0; k < nCopil; k++) {
      const slot = Math.floor((days * k) / nCopil);
      add('copil', jan1 + slot + rng.int(15, Math.max(16, Math.floor(days / nCopil) - 15)), { people: rng.int(8, 25) });
    }
    const nFunding = rng.int(1, 3);
    for (let k = 0; k < nFunding; k++) {
      add('funding', anyDay(), {
        funder: rng.pick(FUNDERS),
        amount: Math.min(200000, Math.max(3000, round(rng.logNormal(25000, 0.8) * size, 500))),
      });
    }
    const funds = round(rng.range(60000, 250000) * size, 1000);
    const monthly = (NATIONAL_SEARCHES_PER_YEAR / 12) * options.multiplier * (population / FRANCE_POPULATION);
    const push = (metric: TargetRecord['metric'], value: number) =>
      targets.push({ level: 'department', code: departmentCode, year, metric, value });
    push('structures', Math.round(expectedPlaces * rng.range(1.05, 1.3)));
    push('searches_per_month', round(monthly * rng.range(1.1, 1.3), 10));
    push('people_sensitised', round(11.5 * 45 * size * rng.range(0.9, 1.3), 10));
    push('listeners_trained', round(6.5 * 6.5 * size * rng.range(0.9, 1.3), 5));
    push('copil_held', rng.int(3, 4));
    push('funds_raised', funds);
    push('budget', round(funds * rng.range(1.1, 1.5), 1000));
  }
}
