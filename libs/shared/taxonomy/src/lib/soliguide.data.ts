// Generated from the Soliguide taxonomy (solinumasso/soliguide packages/common/src/categories/constants/CATEGORIES.const.ts ef581c261e48f85287b46bd2d70ed14c05e31f02).
// Do not edit by hand: regenerate with tools/scripts/gen-taxonomy.cjs from shared/reference/soliguide-categories.json.
import type { CategoryDef, ThemeDef } from "./types.js";

export const THEME_DEFS: readonly ThemeDef[] = [
 {
  "id": "welcome",
  "fr": "Accueil",
  "en": "Home",
  "es": "Acogida",
  "rank": 100,
  "legacyIds": [
   700
  ],
  "slugs": [
   "accueil"
  ]
 },
 {
  "id": "activities",
  "fr": "Activités",
  "en": "Activities",
  "es": "Actividades",
  "rank": 200,
  "legacyIds": [
   800
  ],
  "slugs": [
   "activites"
  ]
 },
 {
  "id": "food",
  "fr": "Alimentation",
  "en": "Food",
  "es": "Alimentación",
  "rank": 300,
  "legacyIds": [
   600
  ],
  "slugs": [
   "alimentation"
  ]
 },
 {
  "id": "counseling",
  "fr": "Conseil",
  "en": "Administrative and legal counselling",
  "es": "Orientación",
  "rank": 400,
  "legacyIds": [
   400
  ],
  "slugs": [
   "conseil"
  ]
 },
 {
  "id": "training_and_jobs",
  "fr": "Formation et emploi",
  "en": "Training and employment",
  "es": "Formación y empleo",
  "rank": 500,
  "legacyIds": [
   200
  ],
  "slugs": [
   "formation-emploi"
  ]
 },
 {
  "id": "accomodation_and_housing",
  "fr": "Hébergement et logement",
  "en": "Lodging and housing",
  "es": "Alojamiento y vivienda",
  "rank": 600,
  "legacyIds": [
   1300
  ],
  "slugs": [
   "hebergement-et-logement"
  ]
 },
 {
  "id": "hygiene_and_wellness",
  "fr": "Hygiène et bien-être",
  "en": "Access to hygiene",
  "es": "Higiene y bienestar",
  "rank": 700,
  "legacyIds": [
   300
  ],
  "slugs": [
   "hygiene"
  ]
 },
 {
  "id": "equipment",
  "fr": "Matériel",
  "en": "Equipment",
  "es": "Material",
  "rank": 800,
  "legacyIds": [
   900
  ],
  "slugs": [
   "materiel"
  ]
 },
 {
  "id": "health",
  "fr": "Santé",
  "en": "Healthcare",
  "es": "Salud",
  "rank": 900,
  "legacyIds": [
   100
  ],
  "slugs": [
   "sante"
  ]
 },
 {
  "id": "technology",
  "fr": "Technologie",
  "en": "Access to technology",
  "es": "Tecnología",
  "rank": 1000,
  "legacyIds": [
   500
  ],
  "slugs": [
   "technologie"
  ]
 },
 {
  "id": "mobility",
  "fr": "Transport / Mobilité",
  "en": "Transport / Mobility",
  "es": "Transporte / Movilidad",
  "rank": 1100,
  "legacyIds": [
   1200
  ],
  "slugs": [
   "transport-mobilite"
  ]
 }
];

export const CATEGORY_DEFS: readonly CategoryDef[] = [
 {
  "id": "day_hosting",
  "theme": "welcome",
  "themes": [
   "welcome"
  ],
  "parents": [
   "welcome"
  ],
  "fr": "Accueil de jour",
  "en": "Day shelters",
  "es": "Centro de atención diurna",
  "rank": 100,
  "legacyIds": [
   701
  ],
  "formerIds": [],
  "slugs": [
   "accueil-jour"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "rest_area",
  "theme": "welcome",
  "themes": [
   "welcome"
  ],
  "parents": [
   "welcome"
  ],
  "fr": "Espace de repos",
  "en": "Rest area",
  "es": "Área de descanso",
  "rank": 200,
  "legacyIds": [
   702
  ],
  "formerIds": [],
  "slugs": [
   "espace-repos"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "cooling_space",
  "theme": "welcome",
  "themes": [
   "welcome"
  ],
  "parents": [
   "welcome"
  ],
  "fr": "Espace fraîcheur",
  "en": "Cooling space",
  "es": "Espacio de frescor",
  "rank": 250,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "babysitting",
  "theme": "welcome",
  "themes": [
   "welcome"
  ],
  "parents": [
   "welcome"
  ],
  "fr": "Garde d'enfants",
  "en": "Babysitting",
  "es": "Servicio de canguraje",
  "rank": 300,
  "legacyIds": [
   703
  ],
  "formerIds": [],
  "slugs": [
   "garde-enfants"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "family_area",
  "theme": "welcome",
  "themes": [
   "welcome"
  ],
  "parents": [
   "welcome"
  ],
  "fr": "Espace famille",
  "en": "Family area",
  "es": "Espacio familiar",
  "rank": 400,
  "legacyIds": [
   704
  ],
  "formerIds": [],
  "slugs": [
   "espace-famille"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "information_point",
  "theme": "welcome",
  "themes": [
   "welcome"
  ],
  "parents": [
   "welcome"
  ],
  "fr": "Point d'information et d'orientation",
  "en": "Information and orientation point",
  "es": "Servicio de información y orientación",
  "rank": 500,
  "legacyIds": [
   705
  ],
  "formerIds": [],
  "slugs": [
   "point-information"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "climate_refuge",
  "theme": "welcome",
  "themes": [
   "welcome"
  ],
  "parents": [
   "welcome"
  ],
  "fr": "Refuge climatique",
  "en": "Climate refuge",
  "es": "Refugio climático",
  "rank": 600,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "sport_activities",
  "theme": "activities",
  "themes": [
   "activities"
  ],
  "parents": [
   "activities"
  ],
  "fr": "Activités sportives",
  "en": "Sport",
  "es": "Actividades deportivas",
  "rank": 100,
  "legacyIds": [
   801
  ],
  "formerIds": [],
  "slugs": [
   "activites-sportives"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "museums",
  "theme": "activities",
  "themes": [
   "activities"
  ],
  "parents": [
   "activities"
  ],
  "fr": "Musée",
  "en": "Museums",
  "es": "Museo",
  "rank": 200,
  "legacyIds": [
   802
  ],
  "formerIds": [],
  "slugs": [
   "musee"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "libraries",
  "theme": "activities",
  "themes": [
   "activities"
  ],
  "parents": [
   "activities"
  ],
  "fr": "Bibliothèque",
  "en": "Libraries",
  "es": "Biblioteca",
  "rank": 300,
  "legacyIds": [
   803
  ],
  "formerIds": [],
  "slugs": [
   "bibliotheque"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "other_activities",
  "theme": "activities",
  "themes": [
   "activities"
  ],
  "parents": [
   "activities"
  ],
  "fr": "Activités diverses",
  "en": "Various leisure",
  "es": "Actividades diversas",
  "rank": 400,
  "legacyIds": [
   804
  ],
  "formerIds": [],
  "slugs": [
   "activites-diverses"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "food_distribution",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Distribution de repas",
  "en": "Food distribution",
  "es": "Comedor social",
  "rank": 100,
  "legacyIds": [
   601,
   602
  ],
  "formerIds": [
   "seated_catering"
  ],
  "slugs": [
   "distribution-repas",
   "restauration-assise"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "food_packages",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Panier alimentaire",
  "en": "Food basket",
  "es": "Centro de distribución de alimentos",
  "rank": 200,
  "legacyIds": [
   603
  ],
  "formerIds": [],
  "slugs": [
   "panier-alimentaire"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "baby_parcel",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Colis bébé",
  "en": "Baby package",
  "es": "Cesta para bebés",
  "rank": 300,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "food_voucher",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Bon / chèque alimentaire",
  "en": "Food voucher/check",
  "es": "Tarjeta para compra de alimentos",
  "rank": 400,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "social_grocery_stores",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Épicerie Sociale et Solidaire",
  "en": "Social and solidarity grocery stores",
  "es": "Tienda solidaria de alimentos",
  "rank": 500,
  "legacyIds": [
   604
  ],
  "formerIds": [],
  "slugs": [
   "epicerie-sociale-solidaire"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "fountain",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Eau potable",
  "en": "Drinking water",
  "es": "Agua potable",
  "rank": 600,
  "legacyIds": [
   605
  ],
  "formerIds": [],
  "slugs": [
   "fontaine"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "shared_kitchen",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Cuisine partagée",
  "en": "Shared kitchen",
  "es": "Cocina comunitaria",
  "rank": 700,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "cooking_workshop",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Atelier cuisine",
  "en": "Cooking workshop",
  "es": "Taller de cocina",
  "rank": 800,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "community_garden",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Jardin solidaire",
  "en": "Solidarity garden",
  "es": "Huerto comunitario",
  "rank": 900,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "solidarity_fridge",
  "theme": "food",
  "themes": [
   "food"
  ],
  "parents": [
   "food"
  ],
  "fr": "Frigo solidaire",
  "en": "Solidarity fridge",
  "es": "Nevera solidaria",
  "rank": 1000,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "legal_advice",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Permanence juridique",
  "en": "Legal advice",
  "es": "Asesoramiento jurídico",
  "rank": 100,
  "legacyIds": [
   401
  ],
  "formerIds": [],
  "slugs": [
   "permanence-juridique"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "domiciliation",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Domiciliation",
  "en": "Domiciliation",
  "es": "Domiciliación",
  "rank": 200,
  "legacyIds": [
   402
  ],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "social_accompaniment",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Accompagnement social",
  "en": "Social support",
  "es": "Servicio de atención y orientación social",
  "rank": 300,
  "legacyIds": [
   403
  ],
  "formerIds": [],
  "slugs": [
   "accompagnement-social"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "public_writer",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Écrivain public",
  "en": "Public letter-writer",
  "es": "Escritor",
  "rank": 400,
  "legacyIds": [
   404
  ],
  "formerIds": [],
  "slugs": [
   "ecrivain-public"
  ],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "disability_advice",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Conseil handicap",
  "en": "Aid for the disabled",
  "es": "Apoyo a personas con discapacidad",
  "rank": 500,
  "legacyIds": [
   405
  ],
  "formerIds": [],
  "slugs": [
   "conseil-handicap"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "administrative_assistance",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Conseil administratif",
  "en": "Administrative counselling",
  "es": "Asesoramiento administrativo",
  "rank": 600,
  "legacyIds": [
   406
  ],
  "formerIds": [],
  "slugs": [
   "conseil-administratif"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "parent_assistance",
  "theme": "counseling",
  "themes": [
   "counseling",
   "health"
  ],
  "parents": [
   "counseling",
   "parenthood"
  ],
  "fr": "Soutien à la parentalité",
  "en": "Parenting support",
  "es": "Apoyo a la parentalidad",
  "rank": 700,
  "legacyIds": [
   407
  ],
  "formerIds": [],
  "slugs": [
   "conseil-parents"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "budget_advice",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Conseil budget",
  "en": "Budget advice",
  "es": "Asesoramiento presupuestario",
  "rank": 800,
  "legacyIds": [
   408
  ],
  "formerIds": [],
  "slugs": [
   "conseil-budget"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "legal_protection",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Protection juridique",
  "en": "Legal protection",
  "es": "Protección jurídica",
  "rank": 820,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "regularization",
  "theme": "counseling",
  "themes": [
   "counseling"
  ],
  "parents": [
   "counseling"
  ],
  "fr": "Régularisation exceptionnelle",
  "en": "Exceptional regularization",
  "es": "Regularización extraordinaria",
  "rank": 850,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "ES"
  ],
  "leaf": true
 },
 {
  "id": "digital_tools_training",
  "theme": "training_and_jobs",
  "themes": [
   "training_and_jobs"
  ],
  "parents": [
   "training_and_jobs"
  ],
  "fr": "Atelier numérique",
  "en": "Digital training",
  "es": "Taller de competencias digitales",
  "rank": 100,
  "legacyIds": [
   201
  ],
  "formerIds": [],
  "slugs": [
   "formation-numerique"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "spanish_course",
  "theme": "training_and_jobs",
  "themes": [
   "training_and_jobs"
  ],
  "parents": [
   "training_and_jobs"
  ],
  "fr": "Cours d'espagnol",
  "en": "Spanish courses",
  "es": "Curso de español",
  "rank": 130,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "french_course",
  "theme": "training_and_jobs",
  "themes": [
   "training_and_jobs"
  ],
  "parents": [
   "training_and_jobs"
  ],
  "fr": "Cours de français",
  "en": "French language courses",
  "es": "Curso de francés",
  "rank": 150,
  "legacyIds": [
   202
  ],
  "formerIds": [],
  "slugs": [
   "formation-francais"
  ],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "catalan_course",
  "theme": "training_and_jobs",
  "themes": [
   "training_and_jobs"
  ],
  "parents": [
   "training_and_jobs"
  ],
  "fr": "Cours de catalan",
  "en": "Catalan courses",
  "es": "Curso de catalán",
  "rank": 170,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "job_coaching",
  "theme": "training_and_jobs",
  "themes": [
   "training_and_jobs"
  ],
  "parents": [
   "training_and_jobs"
  ],
  "fr": "Accompagnement à l'emploi",
  "en": "Job-seeking assistance",
  "es": "Orientación e inserción laboral",
  "rank": 200,
  "legacyIds": [
   203
  ],
  "formerIds": [],
  "slugs": [
   "accompagnement-emploi"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "integration_through_economic_activity",
  "theme": "training_and_jobs",
  "themes": [
   "training_and_jobs"
  ],
  "parents": [
   "training_and_jobs"
  ],
  "fr": "Insertion par l'activité économique",
  "en": "Integration through economic activity",
  "es": "Formación ocupacional",
  "rank": 300,
  "legacyIds": [
   204
  ],
  "formerIds": [],
  "slugs": [
   "insertion-activite-economique"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "tutoring",
  "theme": "training_and_jobs",
  "themes": [
   "training_and_jobs"
  ],
  "parents": [
   "training_and_jobs"
  ],
  "fr": "Soutien scolaire",
  "en": "School tutoring",
  "es": "Apoyo escolar",
  "rank": 400,
  "legacyIds": [
   205
  ],
  "formerIds": [],
  "slugs": [
   "soutien-scolaire"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "overnight_stop",
  "theme": "accomodation_and_housing",
  "themes": [
   "accomodation_and_housing"
  ],
  "parents": [
   "accomodation_and_housing"
  ],
  "fr": "Halte de nuit",
  "en": "Night stop",
  "es": "Refugio nocturno",
  "rank": 100,
  "legacyIds": [
   1301
  ],
  "formerIds": [],
  "slugs": [
   "halte-nuit"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "emergency_accommodation",
  "theme": "accomodation_and_housing",
  "themes": [
   "accomodation_and_housing"
  ],
  "parents": [
   "accomodation_and_housing"
  ],
  "fr": "Hébergement d'urgence",
  "en": "Emergency shelters",
  "es": "Alojamiento de emergencia",
  "rank": 200,
  "legacyIds": [
   1302
  ],
  "formerIds": [],
  "slugs": [
   "hebergement-urgence"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "long_term_accomodation",
  "theme": "accomodation_and_housing",
  "themes": [
   "accomodation_and_housing"
  ],
  "parents": [
   "accomodation_and_housing"
  ],
  "fr": "Hébergement à long terme",
  "en": "Long-terme shelters",
  "es": "Vivienda social",
  "rank": 300,
  "legacyIds": [
   1303
  ],
  "formerIds": [],
  "slugs": [
   "hebergement-long-terme"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "citizen_housing",
  "theme": "accomodation_and_housing",
  "themes": [
   "accomodation_and_housing"
  ],
  "parents": [
   "accomodation_and_housing"
  ],
  "fr": "Hébergement citoyen",
  "en": "Citizen accommodation",
  "es": "Alojamiento ciudadano",
  "rank": 400,
  "legacyIds": [
   1304
  ],
  "formerIds": [],
  "slugs": [
   "hebergement-citoyen"
  ],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "access_to_housing",
  "theme": "accomodation_and_housing",
  "themes": [
   "accomodation_and_housing"
  ],
  "parents": [
   "accomodation_and_housing"
  ],
  "fr": "Conseil logement",
  "en": "Housing assistance",
  "es": "Asesoramiento y apoyo a la vivienda",
  "rank": 500,
  "legacyIds": [
   1305
  ],
  "formerIds": [],
  "slugs": [
   "conseil-logement"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "shower",
  "theme": "hygiene_and_wellness",
  "themes": [
   "hygiene_and_wellness"
  ],
  "parents": [
   "hygiene_and_wellness"
  ],
  "fr": "Douche",
  "en": "Showers",
  "es": "Ducha",
  "rank": 100,
  "legacyIds": [
   301
  ],
  "formerIds": [],
  "slugs": [
   "douche"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "laundry",
  "theme": "hygiene_and_wellness",
  "themes": [
   "hygiene_and_wellness"
  ],
  "parents": [
   "hygiene_and_wellness"
  ],
  "fr": "Laverie",
  "en": "Laundry services",
  "es": "Lavandería",
  "rank": 200,
  "legacyIds": [
   302
  ],
  "formerIds": [],
  "slugs": [
   "laverie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "wellness",
  "theme": "hygiene_and_wellness",
  "themes": [
   "hygiene_and_wellness"
  ],
  "parents": [
   "hygiene_and_wellness"
  ],
  "fr": "Bien-être",
  "en": "Well-being",
  "es": "Bienestar",
  "rank": 300,
  "legacyIds": [
   303
  ],
  "formerIds": [],
  "slugs": [
   "bien-etre"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "toilets",
  "theme": "hygiene_and_wellness",
  "themes": [
   "hygiene_and_wellness"
  ],
  "parents": [
   "hygiene_and_wellness"
  ],
  "fr": "Toilettes",
  "en": "Toilets",
  "es": "Aseos",
  "rank": 400,
  "legacyIds": [
   304
  ],
  "formerIds": [],
  "slugs": [
   "toilettes"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "hygiene_products",
  "theme": "hygiene_and_wellness",
  "themes": [
   "hygiene_and_wellness"
  ],
  "parents": [
   "hygiene_and_wellness"
  ],
  "fr": "Produits d'hygiène",
  "en": "Care products",
  "es": "Productos de higiene",
  "rank": 500,
  "legacyIds": [
   305
  ],
  "formerIds": [],
  "slugs": [
   "produits-hygiene"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "face_masks",
  "theme": "hygiene_and_wellness",
  "themes": [
   "hygiene_and_wellness"
  ],
  "parents": [
   "hygiene_and_wellness"
  ],
  "fr": "Masques",
  "en": "Masks",
  "es": "Mascarillas",
  "rank": 600,
  "legacyIds": [
   306
  ],
  "formerIds": [],
  "slugs": [
   "masques"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "hairdresser",
  "theme": "hygiene_and_wellness",
  "themes": [
   "hygiene_and_wellness"
  ],
  "parents": [
   "hygiene_and_wellness"
  ],
  "fr": "Coiffeur",
  "en": "Hairdresser",
  "es": "Peluquería",
  "rank": 700,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "luggage_storage",
  "theme": "equipment",
  "themes": [
   "equipment"
  ],
  "parents": [
   "equipment"
  ],
  "fr": "Bagagerie",
  "en": "Luggage storage",
  "es": "Consigna",
  "rank": 100,
  "legacyIds": [
   901
  ],
  "formerIds": [],
  "slugs": [
   "bagagerie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "solidarity_store",
  "theme": "equipment",
  "themes": [
   "equipment"
  ],
  "parents": [
   "equipment"
  ],
  "fr": "Boutique solidaire",
  "en": "Solidarity shop",
  "es": "Tienda solidaria",
  "rank": 200,
  "legacyIds": [
   902
  ],
  "formerIds": [],
  "slugs": [
   "boutique-solidaire"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "clothing",
  "theme": "equipment",
  "themes": [
   "equipment"
  ],
  "parents": [
   "equipment"
  ],
  "fr": "Vêtements",
  "en": "Clothes",
  "es": "Robero",
  "rank": 300,
  "legacyIds": [
   903
  ],
  "formerIds": [],
  "slugs": [
   "vetements"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "animal_assitance",
  "theme": "equipment",
  "themes": [
   "equipment"
  ],
  "parents": [
   "equipment"
  ],
  "fr": "Animaux",
  "en": "Pets",
  "es": "Animales",
  "rank": 400,
  "legacyIds": [
   904
  ],
  "formerIds": [],
  "slugs": [
   "animaux"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "health_access",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health"
  ],
  "fr": "Accès à la santé",
  "en": "Access to health",
  "es": "Acceso a la salud",
  "rank": 100,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": false
 },
 {
  "id": "health_coverage",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_access"
  ],
  "fr": "Obtenir une couverture santé",
  "en": "Get health coverage",
  "es": "Obtención de cobertura sanitaria",
  "rank": 100,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "find_healthcare",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_access"
  ],
  "fr": "Trouver de l'aide pour se soigner",
  "en": "Find help to cure",
  "es": "Encontrar ayuda para recibir atención médica",
  "rank": 200,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "physical_health",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health"
  ],
  "fr": "Santé du corps",
  "en": "Body health",
  "es": "Salud física",
  "rank": 200,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": false
 },
 {
  "id": "general_practitioner",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Médecine générale",
  "en": "General medicine",
  "es": "Consultas de medicina general",
  "rank": 100,
  "legacyIds": [
   105
  ],
  "formerIds": [],
  "slugs": [
   "generaliste"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "health_assessment",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Bilan de santé",
  "en": "Health check-up",
  "es": "Revisión médica",
  "rank": 200,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "child_care",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health",
   "parenthood"
  ],
  "fr": "Soins pour les enfants",
  "en": "Childcare",
  "es": "Atención pediátrica",
  "rank": 300,
  "legacyIds": [
   104
  ],
  "formerIds": [],
  "slugs": [
   "soins-enfants"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "dental_care",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Soins dentaires",
  "en": "Dental care",
  "es": "Atención dental",
  "rank": 400,
  "legacyIds": [
   106
  ],
  "formerIds": [],
  "slugs": [
   "dentaire"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "optical_care",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Soins optiques",
  "en": "Optical care",
  "es": "Atención oftalmológica",
  "rank": 500,
  "legacyIds": [
   1110
  ],
  "formerIds": [
   "ophthalmology"
  ],
  "slugs": [
   "ophtalmologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "hearing_care",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Soins auditifs",
  "en": "Hearing care",
  "es": "Atención auditiva",
  "rank": 600,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "infirmary",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Soins infirmiers",
  "en": "Nursing Care",
  "es": "Cuidados de enfermería",
  "rank": 700,
  "legacyIds": [
   109
  ],
  "formerIds": [],
  "slugs": [
   "infirmerie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "vaccination",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Vaccination",
  "en": "Vaccinations",
  "es": "Vacunación",
  "rank": 800,
  "legacyIds": [
   108
  ],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "std_testing",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Dépistage",
  "en": "Screening",
  "es": "Cribado",
  "rank": 900,
  "legacyIds": [
   102,
   1109
  ],
  "formerIds": [
   "mammography"
  ],
  "slugs": [
   "depistage",
   "mammographie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "chronic_diseases",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Maladies chroniques",
  "en": "Chronic diseases",
  "es": "Enfermedades crónicas",
  "rank": 1000,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "nutrition",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health"
  ],
  "fr": "Nutrition",
  "en": "Nutritionist",
  "es": "Nutrición",
  "rank": 1100,
  "legacyIds": [
   1112
  ],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "medical_accommodation",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "physical_health",
   "mental_health"
  ],
  "fr": "Hébergement médicalisé et thérapeutique",
  "en": "Medical and therapeutic accommodation",
  "es": "Alojamiento medicalizado y terapéutico",
  "rank": 1200,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "mental_health",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health"
  ],
  "fr": "Santé mentale",
  "en": "Mental health",
  "es": "Salud mental",
  "rank": 300,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": false
 },
 {
  "id": "psychological_support",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "mental_health",
   "health_specialists"
  ],
  "fr": "Psychologue",
  "en": "Psychologist",
  "es": "Psicología",
  "rank": 100,
  "legacyIds": [
   103
  ],
  "formerIds": [],
  "slugs": [
   "psychologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "psychiatry",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "mental_health",
   "health_specialists"
  ],
  "fr": "Psychiatre",
  "en": "Psychiatrist",
  "es": "Psiquiatría",
  "rank": 200,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "support_groups",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "mental_health"
  ],
  "fr": "Groupes de parole et d'entraide",
  "en": "Support and discussion groups",
  "es": "Grupos de apoyo mutuo",
  "rank": 300,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "mental_health_education",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "mental_health"
  ],
  "fr": "Information et sensibilisation",
  "en": "Information and awareness-raising",
  "es": "Información y sensibilización",
  "rank": 500,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "therapeutic_activities",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "mental_health"
  ],
  "fr": "Activités thérapeutiques",
  "en": "Therapy activities",
  "es": "Actividades terapéuticas",
  "rank": 600,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "addictions",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health"
  ],
  "fr": "Addictions",
  "en": "Addictions",
  "es": "Adicciones",
  "rank": 400,
  "legacyIds": [
   101
  ],
  "formerIds": [
   "addiction"
  ],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": false
 },
 {
  "id": "addiction_care",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "addictions"
  ],
  "fr": "Consultations et soins",
  "en": "Consultations and care",
  "es": "Consultas y atención",
  "rank": 100,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "addiction_prevention_and_material",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "addictions"
  ],
  "fr": "Prévention et matériel",
  "en": "Prevention and equipment",
  "es": "Prevención y material",
  "rank": 200,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "sexual_health",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health"
  ],
  "fr": "Santé sexuelle",
  "en": "Sexual health",
  "es": "Salud sexual",
  "rank": 500,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": false
 },
 {
  "id": "emergency_contraception",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Contraception d'urgence",
  "en": "Emergency contraception",
  "es": "Anticoncepción de urgencia",
  "rank": 100,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "abortion",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Avortement (IVG)",
  "en": "Abortion (IVG)",
  "es": "Interrupción voluntaria del embarazo (IVE)",
  "rank": 150,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES"
  ],
  "leaf": true
 },
 {
  "id": "contraception",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Contraception",
  "en": "Contraception",
  "es": "Anticoncepción",
  "rank": 200,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "gynecology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Gynécologie",
  "en": "Gynaecology",
  "es": "Ginecología",
  "rank": 300,
  "legacyIds": [
   1107
  ],
  "formerIds": [],
  "slugs": [
   "gynecologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "sti_prevention_testing",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Dépistage et traitement des IST et du VIH",
  "en": "Screening and treatment of STIs and HIV",
  "es": "Cribado y tratamiento de ITS y VIH",
  "rank": 400,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "hiv_prevention",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Prévention du VIH",
  "en": "HIV prevention",
  "es": "Prevención del VIH",
  "rank": 500,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "sexual_health_vaccination",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Vaccination (IST)",
  "en": "Vaccination (STIs)",
  "es": "Vacunación ITS",
  "rank": 600,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "sexual_health_education",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Information et prévention",
  "en": "Information and prevention",
  "es": "Información y prevención",
  "rank": 700,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "sexual_violence_support",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Violences Sexistes et Sexuelles",
  "en": "Gender and gender violence",
  "es": "Violencias sexistas y sexuales",
  "rank": 800,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "affective_life",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "sexual_health"
  ],
  "fr": "Vie affective et sexuelle",
  "en": "Affective and sexual life",
  "es": "Vida afectiva y sexual",
  "rank": 900,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "parenthood",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health"
  ],
  "fr": "Parentalité",
  "en": "Parentality",
  "es": "Parentalidad",
  "rank": 600,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": false
 },
 {
  "id": "pregnancy_care",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "parenthood"
  ],
  "fr": "Suivi de grossesse",
  "en": "Pregnancy monitoring",
  "es": "Seguimiento del embarazo",
  "rank": 200,
  "legacyIds": [
   107,
   1104
  ],
  "formerIds": [
   "echography"
  ],
  "slugs": [
   "planification",
   "echographie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "health_specialists",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health"
  ],
  "fr": "Spécialistes",
  "en": "Specialist medicine",
  "es": "Especialistas",
  "rank": 700,
  "legacyIds": [
   1100
  ],
  "formerIds": [],
  "slugs": [
   "specialistes-medecine"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": false
 },
 {
  "id": "allergology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Allergologue",
  "en": "Allergist",
  "es": "Alergología",
  "rank": 100,
  "legacyIds": [
   1101
  ],
  "formerIds": [],
  "slugs": [
   "allergologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "cardiology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Cardiologue",
  "en": "Cardiologist",
  "es": "Cardiología",
  "rank": 200,
  "legacyIds": [
   1102
  ],
  "formerIds": [],
  "slugs": [
   "cardiologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "dermatology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Dermatologue",
  "en": "Dermatologist",
  "es": "Dermatología",
  "rank": 300,
  "legacyIds": [
   1103
  ],
  "formerIds": [],
  "slugs": [
   "dermatologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "endocrinology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Endocrinologue",
  "en": "Endocrinology",
  "es": "Endocrinología",
  "rank": 400,
  "legacyIds": [
   1105
  ],
  "formerIds": [],
  "slugs": [
   "endocrinologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "gastroenterology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Gastro-entérologue",
  "en": "Gastroenterologist",
  "es": "Gastroenterología",
  "rank": 500,
  "legacyIds": [
   1106
  ],
  "formerIds": [],
  "slugs": [
   "gastro-enterologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "kinesitherapy",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Kinésithérapeute",
  "en": "Physiotherapist",
  "es": "Fisioterapia",
  "rank": 600,
  "legacyIds": [
   1108
  ],
  "formerIds": [],
  "slugs": [
   "kinesitherapie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "otorhinolaryngology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "ORL",
  "en": "ENT",
  "es": "Otorrinolaringología",
  "rank": 700,
  "legacyIds": [
   1111
  ],
  "formerIds": [],
  "slugs": [
   "oto-rhino-laryngologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "speech_therapy",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Orthophoniste",
  "en": "Speech therapist",
  "es": "Logopedia",
  "rank": 800,
  "legacyIds": [
   1119
  ],
  "formerIds": [],
  "slugs": [
   "orthophonie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "osteopathy",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Ostéopathe",
  "en": "Osteopath",
  "es": "Osteópata",
  "rank": 850,
  "legacyIds": [
   1121
  ],
  "formerIds": [],
  "slugs": [
   "osteo"
  ],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "pedicure",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Pédicure-podologue",
  "en": "Pedicurist-podiatrist",
  "es": "Podología",
  "rank": 900,
  "legacyIds": [
   1113
  ],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "phlebology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Phlébologue",
  "en": "Phlebologist",
  "es": "flebólogo",
  "rank": 950,
  "legacyIds": [
   1114
  ],
  "formerIds": [],
  "slugs": [
   "phlebologie"
  ],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "pneumology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Pneumologue",
  "en": "Pulmonologist",
  "es": "Pneumología",
  "rank": 1000,
  "legacyIds": [
   1115
  ],
  "formerIds": [],
  "slugs": [
   "pneumologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "radiology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Radiologue",
  "en": "Radiologist",
  "es": "Radiología",
  "rank": 1300,
  "legacyIds": [
   1116
  ],
  "formerIds": [],
  "slugs": [
   "radiologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "rheumatology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Rhumatologue",
  "en": "Rheumatologist",
  "es": "Reumatología",
  "rank": 1400,
  "legacyIds": [
   1117
  ],
  "formerIds": [],
  "slugs": [
   "rhumatologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "stomatology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Stomatologue",
  "en": "Stomatologist",
  "es": "Estomatología",
  "rank": 1500,
  "legacyIds": [
   1120
  ],
  "formerIds": [],
  "slugs": [
   "stomatologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "urology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Urologue",
  "en": "Urologist",
  "es": "Urología",
  "rank": 1600,
  "legacyIds": [
   1118
  ],
  "formerIds": [],
  "slugs": [
   "urologie"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "vet_care",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Vétérinaire",
  "en": "Veterinarian",
  "es": "Veterinaria",
  "rank": 1700,
  "legacyIds": [
   110
  ],
  "formerIds": [],
  "slugs": [
   "veterinaire"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "neurology",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Neurologue",
  "en": "Neurologist",
  "es": "Neurología",
  "rank": 1800,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "vascular_surgery",
  "theme": "health",
  "themes": [
   "health"
  ],
  "parents": [
   "health_specialists"
  ],
  "fr": "Chirurgien vasculaire",
  "en": "Vascular surgery",
  "es": "Angiología y cirugía vascular",
  "rank": 1900,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "computers_at_your_disposal",
  "theme": "technology",
  "themes": [
   "technology"
  ],
  "parents": [
   "technology"
  ],
  "fr": "Ordinateur",
  "en": "Computer posts",
  "es": "Ordenadores de libre acceso",
  "rank": 100,
  "legacyIds": [
   501
  ],
  "formerIds": [],
  "slugs": [
   "ordinateur"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "wifi",
  "theme": "technology",
  "themes": [
   "technology"
  ],
  "parents": [
   "technology"
  ],
  "fr": "Wifi",
  "en": "WiFi",
  "es": "Wifi",
  "rank": 200,
  "legacyIds": [
   502
  ],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "electrical_outlets_available",
  "theme": "technology",
  "themes": [
   "technology"
  ],
  "parents": [
   "technology"
  ],
  "fr": "Prise",
  "en": "Power/Electricity plugs",
  "es": "Carga de dispositivos",
  "rank": 300,
  "legacyIds": [
   503
  ],
  "formerIds": [],
  "slugs": [
   "prise"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "telephone_at_your_disposal",
  "theme": "technology",
  "themes": [
   "technology"
  ],
  "parents": [
   "technology"
  ],
  "fr": "Téléphone",
  "en": "Phone",
  "es": "Teléfono",
  "rank": 400,
  "legacyIds": [
   504
  ],
  "formerIds": [],
  "slugs": [
   "telephone"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "digital_safe",
  "theme": "technology",
  "themes": [
   "technology"
  ],
  "parents": [
   "technology"
  ],
  "fr": "Coffre-fort numérique",
  "en": "Digital safe",
  "es": "Caja fuerte digital",
  "rank": 500,
  "legacyIds": [
   505
  ],
  "formerIds": [],
  "slugs": [
   "numerisation"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "transportation_mobility",
  "theme": "mobility",
  "themes": [
   "mobility"
  ],
  "parents": [
   "mobility"
  ],
  "fr": "Se déplacer et être transporté",
  "en": "To move around and be transported",
  "es": "Desplazamiento y transporte",
  "rank": 100,
  "legacyIds": [
   1201,
   1203
  ],
  "formerIds": [
   "carpooling",
   "chauffeur_driven_transport"
  ],
  "slugs": [
   "covoiturage",
   "chauffeur"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "personal_vehicle_access",
  "theme": "mobility",
  "themes": [
   "mobility"
  ],
  "parents": [
   "mobility"
  ],
  "fr": "Accès à un véhicule personnel",
  "en": "Access to a personal vehicle",
  "es": "Acceso a un vehículo personal",
  "rank": 200,
  "legacyIds": [
   1202
  ],
  "formerIds": [
   "provision_of_vehicles"
  ],
  "slugs": [
   "vehicule"
  ],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "vehicle_maintenance",
  "theme": "mobility",
  "themes": [
   "mobility"
  ],
  "parents": [
   "mobility"
  ],
  "fr": "Entretien et réparation du véhicule",
  "en": "Vehicle maintenance and repair",
  "es": "Mantenimiento y reparación de vehículos",
  "rank": 300,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "mobility_support",
  "theme": "mobility",
  "themes": [
   "mobility"
  ],
  "parents": [
   "mobility"
  ],
  "fr": "Accompagnement à la mobilité",
  "en": "Mobility support",
  "es": "Apoyo a la movilidad",
  "rank": 400,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 },
 {
  "id": "driving_license",
  "theme": "mobility",
  "themes": [
   "mobility"
  ],
  "parents": [
   "mobility"
  ],
  "fr": "Préparation aux permis",
  "en": "Driving licence preparation",
  "es": "Preparación para el permiso de conducir",
  "rank": 500,
  "legacyIds": [],
  "formerIds": [],
  "slugs": [],
  "countries": [
   "FR"
  ],
  "leaf": true
 },
 {
  "id": "mobility_financing",
  "theme": "mobility",
  "themes": [
   "mobility"
  ],
  "parents": [
   "mobility"
  ],
  "fr": "Financement de la mobilité",
  "en": "Mobility funding",
  "es": "Ayudas económicas a la movilidad",
  "rank": 600,
  "legacyIds": [
   1204
  ],
  "formerIds": [
   "mobility_assistance"
  ],
  "slugs": [
   "permis"
  ],
  "countries": [
   "FR",
   "ES",
   "AD"
  ],
  "leaf": true
 }
];
