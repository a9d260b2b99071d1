import type { ReportLanguage } from './html.js';

/** Words of the reports. French is the reference; English for every report, Spanish for service lists. */
export interface ReportWords {
  funderTitle: string;
  copilTitle: string;
  servicesTitle: string;
  period: string;
  generated: string;
  territory: string;
  population: string;
  kpisTitle: string;
  year: string;
  target: string;
  noTarget: string;
  progress: string;
  expected: string;
  status: Record<'on_track' | 'behind' | 'no_target', string>;
  metrics: Record<'structures' | 'searches_per_month' | 'people_sensitised' | 'listeners_trained' | 'copil_held' | 'funds_raised', string>;
  budget: string;
  fundsVsBudget: string;
  servicesByTheme: string;
  theme: string;
  services: string;
  searchesTitle: string;
  searches: string;
  zeroResults: string;
  zeroResultRate: string;
  per10k: string;
  previousYear: string;
  total: string;
  month: string;
  peak: string;
  peaks: string;
  noPeak: string;
  trend: string;
  activitiesTitle: string;
  activityKinds: Record<'training' | 'sensitisation' | 'copil' | 'funding', string>;
  people: string;
  amount: string;
  coverageTitle: string;
  coverageIntro: (then: string, now: string) => string;
  coverageSame: (day: string) => string;
  populationBeyondThen: string;
  populationBeyondNow: string;
  change: string;
  threshold: string;
  methodologyTitle: string;
  methodology: string[];
  sources: string[];
  suppressed: (k: number) => string;
  exact: string;
  gapMapTitle: string;
  gapScore: string;
  prioritiesTitle: string;
  rank: string;
  zone: string;
  why: string;
  noPriority: string;
  settlementsTitle: string;
  settlementsIntro: string;
  commune: string;
  residents: string;
  sites: string;
  sitesBeyond: string;
  noSettlement: string;
  demandTitle: string;
  unmetTitle: string;
  unmetMissing: string;
  searchesPerService: string;
  byTheme: string;
  freshnessTitle: string;
  activeServices: string;
  updatedRecently: string;
  completeness: string;
  campaign: string;
  toUpdate: string;
  months: string;
  snapshot: (day: string) => string;
  filters: string;
  // COPIL pack and funder report: labels shared with the dashboard, territory and coverage
  levelNames: Record<'region' | 'department', string>;
  keyFigures: string;
  searchesOverPeriod: string;
  searchesPerMonthHint: (months: number, year: number) => string;
  populationWithin: (theme: string) => string;
  fundingTitle: string;
  fundsRaisedYear: (year: number) => string;
  fundsTarget: (year: number) => string;
  budgetYear: (year: number) => string;
  targetReached: string;
  budgetCovered: string;
  amountColumn: string;
  caveatTitle: string;
  caveat: (covered: number, total: number, share: string) => string;
  caveatNone: string;
  noData: string;
  notDeployed: string;
  mapTitle: (theme: string) => string;
  mapIntro: string;
  mapMetropolitan: string;
  prioritiesIntro: (theme: string) => string;
  populationBeyond: string;
  distanceClasses: string;
  // services list
  service: string;
  category: string;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  hours: string;
  publics: string;
  closures: string;
  closedFrom: (from: string, to: string | null) => string;
  days: Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', string>;
  accueil: Record<'unconditional' | 'adapted' | 'exclusive', string>;
  age: (min: number | null, max: number | null) => string;
  sortedBy: string;
  sorts: Record<'name' | 'city' | 'postal_code', string>;
  count: (n: number) => string;
  onlineOnly: string;
  noService: string;
}

const FR: ReportWords = {
  funderTitle: "Rapport d'impact",
  copilTitle: 'Dossier du comité de pilotage',
  servicesTitle: 'Liste des services',
  period: 'Période',
  generated: 'Généré le',
  territory: 'Territoire',
  population: 'Population',
  kpisTitle: 'Indicateurs de déploiement et objectifs',
  year: 'Année',
  target: 'Objectif',
  noTarget: 'pas d’objectif',
  progress: 'Avancement',
  expected: 'Part de l’année écoulée',
  status: { on_track: 'dans les temps', behind: 'en retard', no_target: 'sans objectif' },
  metrics: {
    structures: 'Structures référencées',
    searches_per_month: 'Recherches par mois',
    people_sensitised: 'Personnes sensibilisées',
    listeners_trained: 'Écoutants formés',
    copil_held: 'COPIL tenus',
    funds_raised: 'Fonds levés',
  },
  budget: 'Budget',
  fundsVsBudget: 'Fonds levés / budget',
  servicesByTheme: 'Services référencés par thème',
  theme: 'Thème',
  services: 'Services',
  searchesTitle: 'Recherches',
  searches: 'Recherches',
  zeroResults: 'Sans résultat',
  zeroResultRate: 'Taux sans résultat',
  per10k: 'Recherches pour 10 000 habitants',
  previousYear: 'Année précédente',
  total: 'Total',
  month: 'Mois',
  peak: 'Pic',
  peaks: 'Pics de recherche',
  noPeak: 'Aucun pic significatif sur la période.',
  trend: 'Tendance',
  activitiesTitle: 'Activités de déploiement',
  activityKinds: { training: 'Formations', sensitisation: 'Sensibilisations', copil: 'COPIL', funding: 'Financements' },
  people: 'Personnes',
  amount: 'Montant',
  coverageTitle: 'Couverture : population au-delà du seuil',
  coverageIntro: (then, now) =>
    `Comparaison du calcul de couverture du ${then} (début de période ou le plus ancien disponible) avec celui du ${now} (le plus récent).`,
  coverageSame: (day) => `Un seul calcul de couverture est disponible (${day}) : l’évolution sera visible au prochain calcul.`,
  populationBeyondThen: 'Au-delà du seuil (avant)',
  populationBeyondNow: 'Au-delà du seuil (maintenant)',
  change: 'Évolution',
  threshold: 'Seuil',
  methodologyTitle: 'Méthodologie et sources',
  methodology: [
    'Les chiffres de ce document sont ceux que renvoie l’API de Vigie pour le même territoire et la même période ; ils ne sont pas recalculés.',
    'Indicateurs de déploiement : structures = lieux distincts en ligne aujourd’hui ; recherches par mois = moyenne des mois complets de l’année (la même valeur que le tableau de bord) ; personnes sensibilisées, écoutants formés, COPIL et fonds = sommes sur l’année. Objectifs d’une région ou de la France = somme des objectifs de ses départements.',
    'Couverture : population vivant au-delà de la distance seuil du service le plus proche (5 km pour l’aide alimentaire ; un seuil par thème, décrit dans la note de méthode de Vigie), calculée sur les communes ; score de manque 0–100 combinant offre, distance, demande et taux sans résultat.',
    'Recherches : journaux de recherche de l’annuaire, agrégés par jour ; pics = périodes au-dessus de la tendance (médiane glissante, z-score robuste ≥ 2,5 et +15 %).',
  ],
  sources: [
    'Géographie : IGN ADMIN EXPRESS, INSEE / DGCL (Licence Ouverte).',
    'Services : annuaire Soliguide (Solinum) et sources importées ; taxonomie Soliguide.',
    'Recherches : journaux de recherche de l’annuaire (sans donnée personnelle).',
    'Activités, objectifs et budgets : fichiers de suivi du déploiement importés dans Vigie.',
  ],
  suppressed: (k) => `Secret statistique : les effectifs inférieurs à ${k} sont masqués (« < ${k} »), ainsi que les taux qui en découlent.`,
  exact: 'Effectifs exacts (accès coordinateur ou administrateur).',
  gapMapTitle: 'Carte des manques',
  gapScore: 'Score de manque (0–100)',
  prioritiesTitle: 'Zones prioritaires',
  rank: 'Rang',
  zone: 'Zone',
  why: 'Pourquoi',
  noPriority: 'Aucune zone avec un score de manque positif.',
  settlementsTitle: 'Accès des lieux de vie informels aux services',
  settlementsIntro: 'Distance au service le plus proche par thème ; positions ramenées à la commune (aucune coordonnée exacte).',
  commune: 'Commune',
  residents: 'Habitants',
  sites: 'Sites',
  sitesBeyond: 'Sites au-delà d’un seuil',
  noSettlement: 'Aucun lieu de vie informel connu sur ce territoire.',
  demandTitle: 'Tendances de recherche et demande non satisfaite',
  unmetTitle: 'Demande non satisfaite',
  unmetMissing: 'Aucune demande non satisfaite mesurable : voir les recherches sans résultat par thème ci-dessous.',
  searchesPerService: 'Recherches par service accessible',
  byTheme: 'Recherches par thème',
  freshnessTitle: 'Fraîcheur des données',
  activeServices: 'Services actifs',
  updatedRecently: 'Mis à jour depuis moins de 6 mois',
  completeness: 'Complétude moyenne',
  campaign: 'Campagne de mise à jour (à faire / commencés / terminés)',
  toUpdate: 'Fiches à mettre à jour en priorité',
  months: 'mois',
  snapshot: (day) => `Calcul de couverture du ${day}`,
  filters: 'Filtres',
  levelNames: { region: 'région', department: 'département' },
  keyFigures: 'Chiffres clés',
  searchesOverPeriod: 'Recherches sur la période',
  searchesPerMonthHint: (n, year) => `moyenne des ${n} mois complets de ${year}`,
  populationWithin: (theme) => `Population à portée — ${theme}`,
  fundingTitle: 'Financement',
  fundsRaisedYear: (year) => `Fonds levés en ${year}`,
  fundsTarget: (year) => `Objectif de fonds levés ${year}`,
  budgetYear: (year) => `Budget ${year} du déploiement`,
  targetReached: 'de l’objectif de fonds levés atteint',
  budgetCovered: 'du budget couvert par les fonds levés',
  amountColumn: 'Montant',
  caveatTitle: 'Couverture de l’annuaire',
  caveat: (covered, total, share) =>
    `Données pour ${covered} département${covered > 1 ? 's' : ''} sur ${total}, ${share} de la population : l’annuaire n’est pas déployé dans les autres départements. Leurs chiffres ne sont ni comptés ni classés parmi les manques.`,
  caveatNone: 'L’annuaire n’est déployé dans aucun département de ce territoire : aucun chiffre de couverture n’est significatif.',
  noData: 'pas de données',
  notDeployed: 'annuaire non déployé',
  mapTitle: (theme) => `Score de manque — ${theme}`,
  mapIntro:
    'Plus la couleur est foncée, plus le manque est grand (score de 0 à 100 : offre, distance, demande et recherches sans résultat). En gris : pas de données.',
  mapMetropolitan: 'France métropolitaine ; les départements d’outre-mer figurent dans les tableaux.',
  prioritiesIntro: (theme) => `Les zones où le manque de services « ${theme} » est le plus grand, et ce qui fait leur score.`,
  populationBeyond: 'Habitants au-delà du seuil',
  distanceClasses: 'Distances données par classe (en deçà ou au-delà du seuil du thème), jamais en mètres.',
  service: 'Service',
  category: 'Catégorie',
  address: 'Adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  phone: 'Téléphone',
  hours: 'Horaires',
  publics: 'Publics',
  closures: 'Fermetures temporaires',
  closedFrom: (from, to) => (to ? `Fermé du ${from} au ${to}` : `Fermé à partir du ${from}, jusqu’à nouvel ordre`),
  days: { monday: 'lun.', tuesday: 'mar.', wednesday: 'mer.', thursday: 'jeu.', friday: 'ven.', saturday: 'sam.', sunday: 'dim.' },
  accueil: { unconditional: 'Accueil inconditionnel', adapted: 'Accueil adapté', exclusive: 'Accueil exclusif' },
  age: (min, max) => (min !== null && max !== null ? `${min}–${max} ans` : min !== null ? `${min} ans et plus` : `jusqu’à ${max} ans`),
  sortedBy: 'Tri',
  sorts: { name: 'par service', city: 'par ville', postal_code: 'par code postal' },
  count: (n) => `${n} service${n > 1 ? 's' : ''}`,
  onlineOnly: 'Services en ligne et publics uniquement.',
  noService: 'Aucun service ne correspond.',
};

const EN: ReportWords = {
  ...FR,
  funderTitle: 'Impact report',
  copilTitle: 'Steering committee pack',
  servicesTitle: 'Service list',
  period: 'Period',
  generated: 'Generated on',
  territory: 'Territory',
  population: 'Population',
  kpisTitle: 'Deployment KPIs against targets',
  year: 'Year',
  target: 'Target',
  noTarget: 'no target',
  progress: 'Progress',
  expected: 'Share of the year elapsed',
  status: { on_track: 'on track', behind: 'behind', no_target: 'no target' },
  metrics: {
    structures: 'Structures referenced',
    searches_per_month: 'Searches per month',
    people_sensitised: 'People sensitised',
    listeners_trained: 'Listeners trained',
    copil_held: 'Steering committees held',
    funds_raised: 'Funds raised',
  },
  budget: 'Budget',
  fundsVsBudget: 'Funds raised / budget',
  servicesByTheme: 'Services referenced by theme',
  theme: 'Theme',
  services: 'Services',
  searchesTitle: 'Searches',
  searches: 'Searches',
  zeroResults: 'Zero results',
  zeroResultRate: 'Zero-result rate',
  per10k: 'Searches per 10,000 inhabitants',
  previousYear: 'Previous year',
  total: 'Total',
  month: 'Month',
  peak: 'Peak',
  peaks: 'Search peaks',
  noPeak: 'No significant peak over the period.',
  trend: 'Trend',
  activitiesTitle: 'Deployment activities',
  activityKinds: { training: 'Trainings', sensitisation: 'Sensitisation sessions', copil: 'Steering committees', funding: 'Funding' },
  people: 'People',
  amount: 'Amount',
  coverageTitle: 'Coverage: population beyond the threshold',
  coverageIntro: (then, now) =>
    `Coverage computed on ${then} (start of the period, or the oldest available) compared with ${now} (the latest).`,
  coverageSame: (day) => `Only one coverage computation is available (${day}): the change will show after the next one.`,
  populationBeyondThen: 'Beyond the threshold (then)',
  populationBeyondNow: 'Beyond the threshold (now)',
  change: 'Change',
  threshold: 'Threshold',
  methodologyTitle: 'Methodology and data sources',
  methodology: [
    'The figures of this document are those the Vigie API returns for the same territory and period; they are not recomputed.',
    'Deployment KPIs: structures = distinct places online today; searches per month = average of the complete months of the year (the same value as the dashboard); people sensitised, listeners trained, steering committees and funds = sums over the year. Targets of a region or of France = sum of its departments’ targets.',
    'Coverage: population living beyond the threshold distance from the nearest service (5 km for food aid; one threshold per theme, described in Vigie’s methodology note), computed on communes; gap score 0–100 combining supply, distance, demand and zero-result rate.',
    'Searches: the directory’s search logs, aggregated per day; peaks = periods above the trend (rolling median, robust z-score ≥ 2.5 and +15 %).',
  ],
  sources: [
    'Geography: IGN ADMIN EXPRESS, INSEE / DGCL (Licence Ouverte).',
    'Services: Soliguide directory (Solinum) and imported sources; Soliguide taxonomy.',
    'Searches: the directory’s search logs (no personal data).',
    'Activities, targets and budgets: deployment follow-up files imported into Vigie.',
  ],
  suppressed: (k) => `Statistical confidentiality: counts below ${k} are hidden (“< ${k}”), with the rates derived from them.`,
  exact: 'Exact counts (coordinator or administrator access).',
  gapMapTitle: 'Gap map',
  gapScore: 'Gap score (0–100)',
  prioritiesTitle: 'Priority zones',
  rank: 'Rank',
  zone: 'Zone',
  why: 'Why',
  noPriority: 'No zone with a positive gap score.',
  settlementsTitle: 'Access of informal settlements to services',
  settlementsIntro: 'Distance to the nearest service per theme; positions reduced to the commune (no exact coordinates).',
  commune: 'Commune',
  residents: 'Residents',
  sites: 'Sites',
  sitesBeyond: 'Sites beyond a threshold',
  noSettlement: 'No known informal settlement in this territory.',
  demandTitle: 'Search trends and unmet demand',
  unmetTitle: 'Unmet demand',
  unmetMissing: 'No measurable unmet demand: see the zero-result searches per theme below.',
  searchesPerService: 'Searches per reachable service',
  byTheme: 'Searches by theme',
  freshnessTitle: 'Data freshness',
  activeServices: 'Active services',
  updatedRecently: 'Updated less than 6 months ago',
  completeness: 'Mean completeness',
  campaign: 'Update campaign (to do / started / finished)',
  toUpdate: 'Records to update first',
  months: 'months',
  snapshot: (day) => `Coverage computed on ${day}`,
  filters: 'Filters',
  levelNames: { region: 'region', department: 'department' },
  keyFigures: 'Key figures',
  searchesOverPeriod: 'Searches over the period',
  searchesPerMonthHint: (n, year) => `average of the ${n} complete months of ${year}`,
  populationWithin: (theme) => `Population within reach — ${theme}`,
  fundingTitle: 'Funding',
  fundsRaisedYear: (year) => `Funds raised in ${year}`,
  fundsTarget: (year) => `Funds-raised target ${year}`,
  budgetYear: (year) => `Deployment budget ${year}`,
  targetReached: 'of the funds-raised target reached',
  budgetCovered: 'of the budget covered by the funds raised',
  amountColumn: 'Amount',
  caveatTitle: 'Directory coverage',
  caveat: (covered, total, share) =>
    `Data for ${covered} department${covered > 1 ? 's' : ''} out of ${total}, ${share} of the population: the directory is not deployed in the other departments. Their figures are neither counted nor ranked as gaps.`,
  caveatNone: 'The directory is not deployed in any department of this territory: no coverage figure is meaningful.',
  noData: 'no data',
  notDeployed: 'directory not deployed',
  mapTitle: (theme) => `Gap score — ${theme}`,
  mapIntro: 'The darker the colour, the larger the gap (score 0–100: supply, distance, demand and zero-result searches). Grey: no data.',
  mapMetropolitan: 'Metropolitan France; overseas departments are in the tables.',
  prioritiesIntro: (theme) => `The zones where the lack of “${theme}” services is largest, and what makes their score.`,
  populationBeyond: 'Inhabitants beyond the threshold',
  distanceClasses: 'Distances given as classes (within or beyond the theme’s threshold), never in metres.',
  service: 'Service',
  category: 'Category',
  address: 'Address',
  postalCode: 'Postal code',
  city: 'City',
  phone: 'Phone',
  hours: 'Opening hours',
  publics: 'Publics',
  closures: 'Temporary closures',
  closedFrom: (from, to) => (to ? `Closed from ${from} to ${to}` : `Closed from ${from} until further notice`),
  days: { monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun' },
  accueil: { unconditional: 'Open to everyone', adapted: 'Adapted to some publics', exclusive: 'Exclusive to some publics' },
  age: (min, max) => (min !== null && max !== null ? `${min}–${max} years` : min !== null ? `${min} years and over` : `up to ${max} years`),
  sortedBy: 'Sorted',
  sorts: { name: 'by service', city: 'by city', postal_code: 'by postal code' },
  count: (n) => `${n} service${n > 1 ? 's' : ''}`,
  onlineOnly: 'Online, public services only.',
  noService: 'No matching service.',
};

const ES: ReportWords = {
  ...EN,
  servicesTitle: 'Lista de servicios',
  period: 'Periodo',
  generated: 'Generado el',
  territory: 'Territorio',
  filters: 'Filtros',
  service: 'Servicio',
  category: 'Categoría',
  address: 'Dirección',
  postalCode: 'Código postal',
  city: 'Ciudad',
  phone: 'Teléfono',
  hours: 'Horario',
  publics: 'Públicos',
  closures: 'Cierres temporales',
  closedFrom: (from, to) => (to ? `Cerrado del ${from} al ${to}` : `Cerrado desde el ${from} hasta nuevo aviso`),
  days: { monday: 'lun.', tuesday: 'mar.', wednesday: 'mié.', thursday: 'jue.', friday: 'vie.', saturday: 'sáb.', sunday: 'dom.' },
  accueil: { unconditional: 'Acogida incondicional', adapted: 'Acogida adaptada', exclusive: 'Acogida exclusiva' },
  age: (min, max) => (min !== null && max !== null ? `${min}–${max} años` : min !== null ? `${min} años y más` : `hasta ${max} años`),
  sortedBy: 'Orden',
  sorts: { name: 'por servicio', city: 'por ciudad', postal_code: 'por código postal' },
  count: (n) => `${n} servicio${n > 1 ? 's' : ''}`,
  onlineOnly: 'Solo servicios en línea y públicos.',
  noService: 'Ningún servicio corresponde.',
};

export const WORDS: Record<ReportLanguage, ReportWords> = { fr: FR, en: EN, es: ES };
