/**
 * Normalised records: what every importer produces and what the database stores. One shape per kind
 * of data, whatever the source format. Dates are ISO 8601 strings (UTC for timestamps, YYYY-MM-DD
 * for days). Codes are strings (INSEE commune '2A004', department '976').
 */

/** A problem with one input row. `line` is 1-based in the file (the header is line 1 in CSV). */
export interface RowError {
  line: number;
  field: string;
  reason: string;
  /** Source id of the row when known (helps to find it in the source system). */
  sourceId?: string;
}

export type ParsedRow<T> = { ok: true; line: number; record: T } | { ok: false; line: number; errors: RowError[] };

/** Where a record is: a point and/or a commune. Importers resolve the commune from what the row gives. */
export interface Location {
  lat: number | null;
  lon: number | null;
  /** Current INSEE commune code, resolved (former codes, arrondissements and postal codes mapped). */
  communeCode: string | null;
  departmentCode: string | null;
  postalCode: string | null;
  address: string | null;
  city: string | null;
  country: string;
}

export type PlaceStatus = 'ONLINE' | 'OFFLINE' | 'DRAFT' | 'PERMANENTLY_CLOSED';
export type Visibility = 'ALL' | 'PRO';
export type CampaignStatus = 'TO_DO' | 'STARTED' | 'FINISHED';

/** A closed period: [start, end] inclusive days; end null = until further notice. */
export interface ClosedPeriod {
  start: string;
  end: string | null;
  /** place: tempInfos.closure of the whole place; service: close period of this service only. */
  scope: 'place' | 'service';
  description?: string | null;
}

/** Weekly opening hours: day → list of [open, close] "HH:MM" ranges (empty = closed that day). */
export type OpeningHours = Partial<
  Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', [string, string][]>
>;

export interface Publics {
  /** 'unconditional' (accueil inconditionnel), 'adapted' (adapté à certains publics), 'exclusive'. */
  accueil: 'unconditional' | 'adapted' | 'exclusive' | null;
  description: string | null;
  /** Free labels of the targeted publics (administrative status, family, gender, other…). */
  tags: string[];
  ageMin: number | null;
  ageMax: number | null;
}

/**
 * One service (a place with N services gives N records). Identity: (source, sourceId); the place is
 * (source, placeSourceId).
 */
export interface ServiceRecord {
  source: string;
  sourceId: string;
  placeSourceId: string;
  placeName: string;
  name: string | null;
  categoryId: string;
  themeId: string;
  status: PlaceStatus;
  visibility: Visibility;
  location: Location;
  closedPeriods: ClosedPeriod[];
  saturation: 'LOW' | 'MODERATE' | 'HIGH' | null;
  openingHours: OpeningHours | null;
  publics: Publics | null;
  languages: string[];
  /** Public contact of the structure (not personal data): phone, e-mail, website. */
  phone: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  createdAt: string | null;
  /** Last update by a human (Soliguide updatedByUserAt); drives freshness metrics. */
  updatedAt: string | null;
  campaignStatus: CampaignStatus | null;
}

export type SearchGeoType = 'commune' | 'postal_code' | 'department' | 'region' | 'position' | 'country' | 'unknown';
export type SearchUserStatus = 'pro' | 'public' | 'admin' | 'unknown';
export type SearchOrigin = 'web' | 'widget' | 'api' | 'mobile' | 'unknown';

/** One search, without any personal data: no IP, no user id, no name, no e-mail, no organisation. */
export interface SearchEventRecord {
  /** Stable id when the source has one (Mongo _id); used for idempotent re-imports. */
  sourceId: string | null;
  occurredAt: string;
  categoryId: string | null;
  themeId: string | null;
  /** The searched text when it is not a category (word search), trimmed and capped at 120 chars. */
  searchType: string | null;
  geoType: SearchGeoType;
  /** Resolved territory: the finest level known (commune when possible). */
  communeCode: string | null;
  departmentCode: string | null;
  regionCode: string | null;
  resultCount: number;
  userStatus: SearchUserStatus;
  origin: SearchOrigin;
  language: string | null;
  adminSearch: boolean;
  /** Territory (department code) of the searching account, when the log has one; never a person. */
  userTerritory?: string | null;
}

export type SettlementStatus = 'open' | 'closed';

/** An informal settlement (Résorption-bidonvilles "site"). */
export interface SettlementRecord {
  source: string;
  sourceId: string;
  name: string | null;
  location: Location;
  status: SettlementStatus;
  closingReason: string | null;
  builtAt: string | null;
  declaredAt: string | null;
  closedAt: string | null;
  populationTotal: number | null;
  populationCouples: number | null;
  populationMinors: number | null;
  /** Living conditions: true = access, false = no access, null = unknown. */
  waterAccess: boolean | null;
  electricityAccess: boolean | null;
  sanitaryAccess: boolean | null;
  trashEvacuation: boolean | null;
  ownerType: string | null;
  fieldType: string | null;
  updatedAt: string | null;
}

export const MUTUAL_AID_CATEGORIES = [
  'courses',
  'accompagnement',
  'bricolage',
  'lien_social',
  'numerique',
  'administratif',
  'garde_animaux',
  'transport',
  'autre',
] as const;
export type MutualAidCategory = (typeof MUTUAL_AID_CATEGORIES)[number];

/** A mutual-aid offer or action (Voisins Voisines / Ensembl'-style). */
export interface MutualAidRecord {
  source: string;
  sourceId: string;
  kind: 'offer' | 'request';
  category: MutualAidCategory;
  location: Location;
  createdAt: string;
  status: 'offered' | 'matched' | 'done' | 'cancelled';
}

export type TerritoryLevelName = 'country' | 'region' | 'department' | 'epci' | 'commune';

/** A territory indicator value, e.g. poverty_rate for department 95 in 2021. */
export interface IndicatorRecord {
  level: TerritoryLevelName;
  code: string;
  indicator: string;
  year: number;
  value: number;
  unit: string | null;
  source: string | null;
}

export type ActivityKind = 'training' | 'sensitisation' | 'copil' | 'funding';

/** A deployment activity: training/sensitisation session, steering committee, or funding line. */
export interface ActivityRecord {
  sourceId: string;
  kind: ActivityKind;
  date: string;
  level: TerritoryLevelName;
  code: string;
  title: string | null;
  /** People trained/sensitised (training, sensitisation) or attendees (copil). */
  people: number | null;
  /** For training: listeners trained ("écoutants"), a subset of people. */
  listeners: number | null;
  funder: string | null;
  /** Euros, for funding lines. */
  amount: number | null;
}

export type TargetMetric =
  'structures' | 'searches_per_month' | 'people_sensitised' | 'listeners_trained' | 'copil_held' | 'funds_raised' | 'budget';

/** A deployment target for a territory and year. */
export interface TargetRecord {
  level: TerritoryLevelName;
  code: string;
  year: number;
  metric: TargetMetric;
  value: number;
}
