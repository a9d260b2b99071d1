/**
 * The proportion tables of the demo, written out so that the product owner can read and tune them.
 * Values are percentages; each table is normalised when used, so they need not add up exactly to 100.
 */

/**
 * Supply: share of services per Soliguide category (FR categories only). Theme totals:
 * counseling 20, health 17, welcome 12, hygiene 12, training/jobs 9, food 8, equipment 7,
 * accommodation 6, activities 5, technology 2.5, mobility 1.5.
 */
export const SERVICE_CATEGORY_SHARES: Readonly<Record<string, number>> = {
  // welcome — 12
  information_point: 4.5,
  day_hosting: 4,
  family_area: 1,
  rest_area: 1,
  babysitting: 0.8,
  cooling_space: 0.7,
  // activities — 5
  other_activities: 2,
  sport_activities: 1.5,
  libraries: 1,
  museums: 0.5,
  // food — 8
  food_distribution: 2.2,
  food_packages: 2,
  social_grocery_stores: 1.4,
  food_voucher: 0.6,
  fountain: 0.5,
  baby_parcel: 0.3,
  cooking_workshop: 0.3,
  community_garden: 0.3,
  shared_kitchen: 0.2,
  solidarity_fridge: 0.2,
  // counseling — 20
  social_accompaniment: 5,
  administrative_assistance: 4.5,
  legal_advice: 3,
  domiciliation: 3,
  public_writer: 1.5,
  budget_advice: 1.2,
  parent_assistance: 1,
  disability_advice: 0.8,
  // training and jobs — 9
  french_course: 3,
  job_coaching: 2.5,
  digital_tools_training: 1.5,
  integration_through_economic_activity: 1.2,
  tutoring: 0.8,
  // accommodation and housing — 6
  emergency_accommodation: 1.8,
  access_to_housing: 1.8,
  long_term_accomodation: 1.5,
  overnight_stop: 0.6,
  citizen_housing: 0.3,
  // hygiene and wellness — 12
  shower: 3,
  hygiene_products: 2.5,
  toilets: 2,
  laundry: 1.8,
  wellness: 1.2,
  hairdresser: 1,
  face_masks: 0.5,
  // equipment — 7
  clothing: 3.5,
  solidarity_store: 2,
  luggage_storage: 0.8,
  animal_assitance: 0.7,
  // health — 17
  health_coverage: 2.5,
  general_practitioner: 2.2,
  psychological_support: 1.8,
  find_healthcare: 1.5,
  addiction_care: 1.2,
  infirmary: 0.9,
  dental_care: 0.8,
  addiction_prevention_and_material: 0.8,
  std_testing: 0.6,
  sti_prevention_testing: 0.5,
  contraception: 0.5,
  gynecology: 0.5,
  vaccination: 0.5,
  support_groups: 0.5,
  pregnancy_care: 0.4,
  psychiatry: 0.4,
  sexual_violence_support: 0.3,
  optical_care: 0.3,
  child_care: 0.3,
  // technology — 2.5
  computers_at_your_disposal: 0.8,
  wifi: 0.6,
  electrical_outlets_available: 0.4,
  digital_safe: 0.4,
  telephone_at_your_disposal: 0.3,
  // mobility — 1.5
  mobility_support: 0.5,
  transportation_mobility: 0.4,
  driving_license: 0.3,
  mobility_financing: 0.2,
  vehicle_maintenance: 0.1,
};

/**
 * Demand: share of category searches per category. Food, accommodation, hygiene and health lead
 * (food ≈ 22 %, accommodation ≈ 15 %, hygiene ≈ 14 %, health ≈ 12 %), then counseling (domiciliation),
 * day centres, clothing.
 */
export const SEARCH_CATEGORY_SHARES: Readonly<Record<string, number>> = {
  food_distribution: 9,
  food_packages: 6,
  social_grocery_stores: 3,
  food_voucher: 1.5,
  baby_parcel: 0.8,
  fountain: 0.7,
  solidarity_fridge: 0.5,
  emergency_accommodation: 8,
  access_to_housing: 2.5,
  overnight_stop: 2,
  long_term_accomodation: 1.5,
  citizen_housing: 0.5,
  shower: 6,
  laundry: 3,
  toilets: 2,
  hygiene_products: 1.5,
  hairdresser: 0.5,
  wellness: 0.3,
  general_practitioner: 3,
  health_coverage: 2,
  find_healthcare: 1.5,
  dental_care: 1.2,
  psychological_support: 1.2,
  addiction_care: 0.8,
  infirmary: 0.6,
  std_testing: 0.5,
  optical_care: 0.5,
  gynecology: 0.4,
  vaccination: 0.3,
  day_hosting: 5,
  information_point: 1.5,
  rest_area: 0.8,
  family_area: 0.5,
  cooling_space: 0.3,
  domiciliation: 4,
  social_accompaniment: 2,
  administrative_assistance: 2,
  legal_advice: 1.5,
  public_writer: 0.6,
  budget_advice: 0.3,
  clothing: 5,
  luggage_storage: 1.5,
  solidarity_store: 1,
  animal_assitance: 0.3,
  french_course: 2,
  job_coaching: 1.2,
  digital_tools_training: 0.5,
  integration_through_economic_activity: 0.4,
  tutoring: 0.2,
  electrical_outlets_available: 1,
  wifi: 1,
  computers_at_your_disposal: 0.6,
  telephone_at_your_disposal: 0.3,
  digital_safe: 0.2,
  sport_activities: 0.6,
  other_activities: 0.6,
  libraries: 0.4,
  museums: 0.2,
  transportation_mobility: 0.5,
  mobility_support: 0.3,
  driving_license: 0.3,
  mobility_financing: 0.1,
};

/** What a search is: a category (most), a whole theme, or free words. */
export const SEARCH_KIND_SHARES = { category: 83, theme: 12, words: 5 } as const;

/** Free-text searches (word search, no category): short, generic, no personal data. */
export const SEARCH_WORDS: readonly string[] = [
  'douche',
  'restos du coeur',
  'vestiaire',
  'colis alimentaire',
  'domiciliation',
  'laverie',
  'épicerie solidaire',
  'hébergement urgence',
  'médecin gratuit',
  'cours de français',
  'wifi gratuit',
  'accueil de jour',
  'bagagerie',
  'dentiste',
  'CAF',
  'aide alimentaire',
];

/** How a search is located. */
export const SEARCH_GEO_SHARES = {
  commune: 60,
  postal_code: 16,
  position: 13,
  department: 8,
  region: 1.5,
  country: 1,
  unknown: 0.5,
} as const;

/** Who searches (admin searches are flagged adminSearch and excluded from statistics downstream). */
export const SEARCH_USER_SHARES = { public: 59.5, pro: 40, admin: 0.5 } as const;

export const SEARCH_ORIGIN_SHARES = { web: 70, widget: 14, mobile: 10, api: 6 } as const;

/** Interface language of the search. */
export const SEARCH_LANGUAGE_SHARES = { fr: 88, en: 4, ar: 3, uk: 1.5, ro: 1, ps: 0.8, es: 0.7, ru: 0.5, fa: 0.5 } as const;

/** Monthly seasonality of searches (Jan…Dec): June peak, August lull; late December is lowered separately. */
export const SEARCH_MONTH_FACTORS: readonly number[] = [0.97, 0.99, 1.03, 1.03, 1.04, 1.3, 1.04, 0.72, 1.04, 1.06, 1.02, 0.93];

/** Day of week (Sunday…Saturday): weekends lower. */
export const SEARCH_WEEKDAY_FACTORS: readonly number[] = [0.5, 1.14, 1.14, 1.1, 1.12, 1.02, 0.62];

/** Hour of day (0…23), Paris time approximated as UTC+1. */
export const SEARCH_HOUR_WEIGHTS: readonly number[] = [
  0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 3.5, 6, 7.5, 7.5, 5.5, 5, 6.5, 7, 6.5, 5.5, 4.5, 3.5, 3, 2.5, 1.5, 0.8,
];

/** Yearly growth of search volume. */
export const SEARCH_YEARLY_GROWTH = 0.12;

/** Services per place (1…12): mean ≈ 3.3, so 18,000 places give ≈ 60,000 services. */
export const SERVICES_PER_PLACE: readonly (readonly [number, number])[] = [
  [1, 24],
  [2, 21],
  [3, 17],
  [4, 13],
  [5, 9],
  [6, 6],
  [7, 4],
  [8, 3],
  [9, 1.5],
  [10, 1],
  [12, 0.5],
];

/** Place status (Soliguide): mostly online, ~1 % permanently closed. */
export const PLACE_STATUS_SHARES = { ONLINE: 87, OFFLINE: 7, DRAFT: 5, PERMANENTLY_CLOSED: 1 } as const;
