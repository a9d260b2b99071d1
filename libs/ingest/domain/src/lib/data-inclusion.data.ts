// GENERATED from /work/shared/reference/data-inclusion-schema.json (data·inclusion schema 1.0.8,
// soliguide_mapping @ gip-inclusion/data-inclusion d4969e3). Do not edit by hand.
// Licence of the source: data·inclusion schema and pipeline (MIT / Licence Ouverte).

/** data·inclusion v1 thematiques ("<categorie>--<sous-thematique>"). */
export const DI_THEMATIQUES: readonly string[] = [
  "choisir-un-metier--confirmer-son-choix-de-metier",
  "choisir-un-metier--connaitre-les-opportunites-demploi",
  "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
  "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
  "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
  "creer-une-entreprise--developper-son-entreprise",
  "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise",
  "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
  "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete",
  "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
  "difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte",
  "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination",
  "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
  "difficultes-financieres--acquerir-une-autonomie-budgetaire",
  "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
  "difficultes-financieres--mettre-en-place-une-mesure-de-protection-financiere",
  "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
  "difficultes-financieres--situation-dendettement-surendettement",
  "equipement-et-alimentation--aide-menagere",
  "equipement-et-alimentation--alimentation",
  "equipement-et-alimentation--electromenager",
  "equipement-et-alimentation--habillement",
  "famille--garde-denfants",
  "famille--prise-en-charge-personne-dependante",
  "famille--soutien-a-la-parentalite-et-a-leducation",
  "famille--soutien-aidants",
  "famille--surmonter-conflits-separation-violence",
  "lecture-ecriture-calcul--maitriser-le-calcul",
  "lecture-ecriture-calcul--maitriser-le-francais",
  "logement-hebergement--acheter-un-logement",
  "logement-hebergement--changer-de-logement",
  "logement-hebergement--louer-un-logement",
  "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
  "logement-hebergement--reduire-les-impayes-de-loyer",
  "logement-hebergement--se-maintenir-dans-le-logement",
  "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
  "mobilite--acceder-a-un-vehicule",
  "mobilite--entretenir-reparer-son-vehicule",
  "mobilite--etre-accompagne-dans-son-parcours-mobilite",
  "mobilite--financer-ma-mobilite",
  "mobilite--mobilite-douce-partagee-collective",
  "mobilite--preparer-un-permis",
  "numerique--acceder-a-des-services-en-ligne",
  "numerique--acceder-a-une-connexion-internet",
  "numerique--acquerir-un-equipement",
  "numerique--maitriser-les-fondamentaux-du-numerique",
  "preparer-sa-candidature--developper-son-reseau",
  "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
  "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
  "preparer-sa-candidature--valoriser-ses-competences",
  "remobilisation--activites-sportives-et-culturelles",
  "remobilisation--benevolat-action-citoyenne",
  "remobilisation--bien-etre-confiance-en-soi",
  "remobilisation--lien-social",
  "sante--acces-aux-soins",
  "sante--addictions",
  "sante--constituer-un-dossier-mdph-invalidite",
  "sante--sante-mentale",
  "sante--sante-sexuelle",
  "se-former--monter-son-dossier-de-formation",
  "se-former--trouver-sa-formation",
  "souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger",
  "souvrir-a-linternational--sinformer-sur-les-aides-pour-travailler-a-letranger",
  "souvrir-a-linternational--sorganiser-suite-a-son-retour-en-france",
  "trouver-un-emploi--convaincre-un-recruteur-en-entretien",
  "trouver-un-emploi--faire-des-candidatures-spontanees",
  "trouver-un-emploi--maintien-dans-lemploi",
  "trouver-un-emploi--repondre-a-des-offres-demploi",
  "trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs"
];

/** data·inclusion v1 thematique categories (accepted alone, as v0 did). */
export const DI_THEMATIQUE_CATEGORIES: readonly string[] = [
  "choisir-un-metier",
  "creer-une-entreprise",
  "difficultes-administratives-ou-juridiques",
  "difficultes-financieres",
  "equipement-et-alimentation",
  "famille",
  "lecture-ecriture-calcul",
  "logement-hebergement",
  "mobilite",
  "numerique",
  "preparer-sa-candidature",
  "remobilisation",
  "sante",
  "se-former",
  "souvrir-a-linternational",
  "trouver-un-emploi"
];

/** Soliguide category → the data·inclusion thematiques the d·i pipeline maps it to (kept categories only). */
export const SOLIGUIDE_TO_DI: Readonly<Record<string, readonly string[]>> = {
  "abortion": [
    "sante--sante-sexuelle"
  ],
  "access_to_housing": [
    "logement-hebergement--acheter-un-logement",
    "logement-hebergement--louer-un-logement",
    "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement"
  ],
  "addiction_care": [
    "sante--addictions"
  ],
  "addiction_prevention_and_material": [
    "sante--addictions"
  ],
  "administrative_assistance": [
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
  ],
  "affective_life": [
    "famille--surmonter-conflits-separation-violence"
  ],
  "baby_parcel": [
    "famille--soutien-a-la-parentalite-et-a-leducation"
  ],
  "babysitting": [
    "famille--garde-denfants"
  ],
  "budget_advice": [
    "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
    "difficultes-financieres--acquerir-une-autonomie-budgetaire",
    "difficultes-financieres--situation-dendettement-surendettement"
  ],
  "carpooling": [
    "mobilite--mobilite-douce-partagee-collective"
  ],
  "chauffeur_driven_transport": [
    "mobilite--etre-accompagne-dans-son-parcours-mobilite"
  ],
  "child_care": [
    "famille--garde-denfants"
  ],
  "citizen_housing": [
    "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"
  ],
  "clothing": [
    "equipement-et-alimentation--habillement"
  ],
  "community_garden": [
    "remobilisation--activites-sportives-et-culturelles"
  ],
  "computers_at_your_disposal": [
    "numerique--acceder-a-des-services-en-ligne",
    "numerique--acceder-a-une-connexion-internet"
  ],
  "contraception": [
    "sante--sante-sexuelle"
  ],
  "cooking_workshop": [
    "remobilisation--activites-sportives-et-culturelles"
  ],
  "day_hosting": [
    "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
    "remobilisation--lien-social"
  ],
  "dental_care": [
    "sante--acces-aux-soins"
  ],
  "digital_tools_training": [
    "numerique--maitriser-les-fondamentaux-du-numerique"
  ],
  "disability_advice": [
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    "sante--constituer-un-dossier-mdph-invalidite",
    "difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte"
  ],
  "domiciliation": [
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
  ],
  "driving_license": [
    "mobilite--preparer-un-permis"
  ],
  "emergency_accommodation": [
    "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"
  ],
  "emergency_contraception": [
    "sante--sante-sexuelle"
  ],
  "family_area": [
    "famille--soutien-a-la-parentalite-et-a-leducation",
    "remobilisation--lien-social"
  ],
  "food_distribution": [
    "equipement-et-alimentation--alimentation"
  ],
  "food_packages": [
    "equipement-et-alimentation--alimentation"
  ],
  "food_voucher": [
    "equipement-et-alimentation--alimentation"
  ],
  "french_course": [
    "lecture-ecriture-calcul--maitriser-le-francais"
  ],
  "general_practitioner": [
    "sante--acces-aux-soins"
  ],
  "health_specialists": [
    "sante--acces-aux-soins"
  ],
  "infirmary": [
    "sante--acces-aux-soins"
  ],
  "information_point": [
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement"
  ],
  "integration_through_economic_activity": [
    "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    "trouver-un-emploi--maintien-dans-lemploi",
    "preparer-sa-candidature--valoriser-ses-competences"
  ],
  "job_coaching": [
    "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    "trouver-un-emploi--maintien-dans-lemploi",
    "preparer-sa-candidature--valoriser-ses-competences"
  ],
  "legal_advice": [
    "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
    "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination",
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
  ],
  "libraries": [
    "remobilisation--activites-sportives-et-culturelles",
    "numerique--acceder-a-une-connexion-internet",
    "lecture-ecriture-calcul--maitriser-le-francais"
  ],
  "long_term_accomodation": [
    "logement-hebergement--acheter-un-logement",
    "logement-hebergement--louer-un-logement"
  ],
  "mental_health_education": [
    "sante--sante-mentale"
  ],
  "mobility_assistance": [
    "mobilite--etre-accompagne-dans-son-parcours-mobilite"
  ],
  "mobility_financing": [
    "mobilite--financer-ma-mobilite"
  ],
  "mobility_support": [
    "mobilite--etre-accompagne-dans-son-parcours-mobilite"
  ],
  "museums": [
    "remobilisation--activites-sportives-et-culturelles"
  ],
  "other_activities": [
    "remobilisation--activites-sportives-et-culturelles",
    "remobilisation--lien-social",
    "remobilisation--bien-etre-confiance-en-soi"
  ],
  "overnight_stop": [
    "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"
  ],
  "parent_assistance": [
    "famille--soutien-a-la-parentalite-et-a-leducation",
    "famille--garde-denfants",
    "remobilisation--lien-social"
  ],
  "personal_vehicle_access": [
    "mobilite--acceder-a-un-vehicule"
  ],
  "pregnancy_care": [
    "sante--sante-sexuelle",
    "sante--acces-aux-soins",
    "famille--soutien-a-la-parentalite-et-a-leducation"
  ],
  "psychological_support": [
    "sante--sante-mentale",
    "remobilisation--bien-etre-confiance-en-soi"
  ],
  "public_writer": [
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
  ],
  "rest_area": [
    "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"
  ],
  "seated_catering": [
    "equipement-et-alimentation--alimentation"
  ],
  "sexual_health_education": [
    "sante--sante-sexuelle"
  ],
  "sexual_health_vaccination": [
    "sante--sante-sexuelle"
  ],
  "sexual_violence_support": [
    "sante--sante-sexuelle"
  ],
  "shared_kitchen": [
    "equipement-et-alimentation--alimentation"
  ],
  "social_accompaniment": [
    "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
    "equipement-et-alimentation--alimentation",
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    "remobilisation--lien-social"
  ],
  "social_grocery_stores": [
    "equipement-et-alimentation--alimentation"
  ],
  "solidarity_fridge": [
    "equipement-et-alimentation--alimentation"
  ],
  "solidarity_store": [
    "equipement-et-alimentation--alimentation",
    "equipement-et-alimentation--electromenager",
    "equipement-et-alimentation--habillement"
  ],
  "sport_activities": [
    "remobilisation--activites-sportives-et-culturelles"
  ],
  "std_testing": [
    "sante--sante-sexuelle"
  ],
  "sti_prevention_testing": [
    "sante--sante-sexuelle"
  ],
  "support_groups": [
    "sante--acces-aux-soins"
  ],
  "transportation_mobility": [
    "mobilite--etre-accompagne-dans-son-parcours-mobilite"
  ],
  "tutoring": [
    "lecture-ecriture-calcul--maitriser-le-francais",
    "lecture-ecriture-calcul--maitriser-le-calcul",
    "famille--soutien-a-la-parentalite-et-a-leducation"
  ],
  "vaccination": [
    "sante--acces-aux-soins"
  ],
  "vehicle_maintenance": [
    "mobilite--entretenir-reparer-son-vehicule"
  ],
  "wellness": [
    "remobilisation--bien-etre-confiance-en-soi",
    "sante--sante-mentale",
    "remobilisation--lien-social"
  ],
  "wifi": [
    "numerique--acceder-a-des-services-en-ligne"
  ]
};
