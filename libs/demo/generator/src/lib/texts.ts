/** French text fragments of the demo: place names, addresses, descriptions. All synthetic. */

export const PLACE_NAME_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  welcome: ['Accueil de jour de {c}', 'Point accueil solidarité de {c}', 'Maison des solidarités de {c}', 'Espace d’accueil {c}'],
  activities: ['Centre social de {c}', 'Médiathèque de {c}', 'Association sportive solidaire de {c}', 'Maison de quartier de {c}'],
  food: [
    'Épicerie solidaire de {c}',
    'Distribution alimentaire de {c}',
    'Restaurant solidaire de {c}',
    'Aide alimentaire – antenne de {c}',
  ],
  counseling: ['CCAS de {c}', 'Point d’accès au droit de {c}', 'Espace France Services de {c}', 'Permanence sociale de {c}'],
  training_and_jobs: ['Atelier linguistique de {c}', 'Chantier d’insertion de {c}', 'Espace emploi de {c}'],
  accomodation_and_housing: ['Centre d’hébergement de {c}', 'Halte de nuit de {c}', 'Service logement de {c}'],
  hygiene_and_wellness: ['Bains-douches de {c}', 'Espace hygiène solidaire de {c}', 'Laverie solidaire de {c}'],
  equipment: ['Vestiaire solidaire de {c}', 'Boutique solidaire de {c}', 'Bagagerie de {c}'],
  health: [
    'Centre de santé de {c}',
    'Permanence d’accès aux soins de {c}',
    'Maison de santé de {c}',
    'Centre de santé sexuelle de {c}',
    'CSAPA de {c}',
  ],
  technology: ['Espace numérique de {c}', 'Point numérique solidaire de {c}'],
  mobility: ['Plateforme mobilité de {c}', 'Garage solidaire de {c}'],
};

export const STREETS: readonly string[] = [
  'rue de la République',
  'avenue Jean-Jaurès',
  'rue Victor-Hugo',
  'place de la Mairie',
  'boulevard Gambetta',
  'rue Pasteur',
  'rue de la Gare',
  'allée des Tilleuls',
  'rue du Moulin',
  'chemin des Écoles',
  'rue Jules-Ferry',
  'avenue de la Libération',
  'rue des Lilas',
  'place du Marché',
  'rue Voltaire',
];

export const THEME_SENTENCES: Readonly<Record<string, readonly string[]>> = {
  welcome: ['Accueil sans rendez-vous, boissons chaudes et orientation.', 'Un lieu pour se poser, se reposer et être orienté.'],
  activities: ['Activités gratuites ouvertes à tous, inscription sur place.', 'Ateliers collectifs chaque semaine.'],
  food: [
    'Distribution sur orientation d’un travailleur social.',
    'Repas chauds servis sur place.',
    'Colis alimentaires une fois par semaine.',
  ],
  counseling: ['Accompagnement dans les démarches administratives, sur rendez-vous.', 'Permanence gratuite et confidentielle.'],
  training_and_jobs: ['Ateliers en petits groupes, tous niveaux.', 'Accompagnement individuel vers l’emploi.'],
  accomodation_and_housing: ['Orientation par le 115 ou le SIAO.', 'Accueil de nuit, places limitées.'],
  hygiene_and_wellness: ['Accès libre, produits d’hygiène fournis.', 'Douches et sanitaires, sans rendez-vous.'],
  equipment: ['Vêtements pour adultes et enfants, participation symbolique.', 'Dépôt et retrait de bagages aux heures d’ouverture.'],
  health: ['Consultations gratuites, avec ou sans couverture maladie.', 'Sur rendez-vous, interprétariat possible.'],
  technology: ['Ordinateurs et connexion en accès libre.', 'Recharge de téléphone et wifi gratuit.'],
  mobility: ['Aide au financement du permis et des déplacements.', 'Accompagnement vers la mobilité, sur orientation.'],
};

export const CLOSURE_LABELS = {
  summer: 'Fermeture estivale',
  winter: 'Congés de fin d’année',
  announced: ['Fermeture exceptionnelle', 'Travaux', 'Inventaire', 'Formation de l’équipe'],
  service: ['Service suspendu temporairement', 'Manque de bénévoles', 'Stock épuisé'],
} as const;

export const PUBLIC_TAGS: readonly string[] = [
  'familles',
  'femmes',
  'jeunes 18-25 ans',
  'demandeurs d’asile',
  'personnes en situation de handicap',
  'seniors',
  'sortants de prison',
  'étudiants',
  'personnes sans domicile',
];

/** Slug for synthetic e-mail and web addresses (example.org, reserved for documentation). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
