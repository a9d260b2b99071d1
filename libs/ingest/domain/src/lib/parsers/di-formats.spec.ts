import { realGeo } from '../../fixtures/real-geo.js';
import { parseDataInclusionServices, soliguideCategoryFromDiLabel, thematiquesV1 } from './data-inclusion.js';
import { collect, errorsOf, fixture, NOW as now, outline, records } from './testing.js';

const parse = (file: string, format: 'json' | 'csv' | 'geojson' = 'json') =>
  collect(parseDataInclusionServices(fixture(`data-inclusion/${file}`), { geo: realGeo(), now, format }));

describe('data·inclusion layouts (v0, search pages, data.gouv)', () => {
  it('reads v0 services: thematiques and profils through d·i’s own v0 → v1 tables, description kept, ids prefixed', async () => {
    const rows = await parse('services-v0.json');
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      [6, false],
    ]);
    const [a1, a2, a3] = records(rows);
    expect(a1).toMatchObject({
      sourceId: 'dora--a1',
      placeSourceId: 'dora--s1',
      categoryId: 'food_distribution',
      description: 'Colis alimentaires chaque mardi sur inscription.', // presentation_detail, HTML dropped
      publics: { accueil: 'adapted', description: 'Sur orientation du CCAS', tags: ['familles', 'beneficiaires-des-minimas-sociaux'] },
      location: expect.objectContaining({ communeCode: '95500' }),
    });
    expect(a2).toMatchObject({
      categoryId: 'administrative_assistance',
      description: 'Accompagnement aux démarches',
      publics: { accueil: 'unconditional' },
    });
    expect(a3).toMatchObject({
      sourceId: 'dora--a3',
      themeId: 'accomodation_and_housing',
      publics: { tags: ['personnes-en-situation-durgence'] },
    });
    expect(errorsOf(rows[3])).toEqual([
      [
        'thematiques',
        "v0 thematique(s) acces-aux-droits-et-citoyennete--aide-aux-victimes have no v1 equivalent (data·inclusion's own v0 → v1 migration drops them)",
      ],
    ]);
    expect(errorsOf(rows[4])).toEqual([
      ['thematiques', 'unknown thematique(s): sante--teleportation (see the data·inclusion v1 thematiques list)'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Marie|curie/i);
  });

  it('maps the v0 thematiques data·inclusion migrates: 142 of 148 have a v1 equivalent', async () => {
    const { DI_V0_THEMATIQUES } = await import('../data-inclusion.data.js');
    const all = Object.keys(DI_V0_THEMATIQUES);
    const { v1, unknown, dropped } = thematiquesV1(all);
    expect(all).toHaveLength(148);
    expect(unknown).toEqual([]);
    expect(dropped).toHaveLength(6);
    expect(v1.length).toBeGreaterThan(50);
  });

  it('reads an API search page: items are {service, distance}, the structure comes with the service', async () => {
    const rows = await parse('search-page.json');
    expect(outline(rows)).toEqual([
      [3, true],
      [14, true],
    ]);
    const [b1, b2] = records(rows);
    expect(b1).toMatchObject({
      sourceId: 'dora--b1',
      placeSourceId: 'dora--s9',
      placeName: 'Épicerie du Vexin',
      categoryId: 'food_distribution',
      email: 'contact@epicerie.example.org', // the structure's, never the service's named contact
      website: 'https://epicerie.example.org',
      publics: { tags: ['familles'], description: 'Quotient familial < 600' },
    });
    // No place of its own: located at its structure.
    expect(b2).toMatchObject({
      placeName: 'Accueil de jour',
      categoryId: 'shower',
      location: expect.objectContaining({ communeCode: '93008' }),
    });
    expect(JSON.stringify(rows)).not.toContain('Jean Dupont');
  });

  it('reads the data.gouv GeoJSON (point in geometry) and CSV (Python list cells)', async () => {
    const geo = await parse('services-datagouv.geojson');
    expect(outline(geo)).toEqual([
      [6, true],
      [7, true],
      [8, false],
    ]);
    expect(records(geo).map((r) => [r.sourceId, r.categoryId, r.location.communeCode, r.location.lat])).toEqual([
      ['dora--g1', 'digital_tools_training', '95500', 49.0508],
      ['dora--g2', 'long_term_accomodation', '69123', 45.764],
    ]);
    expect(errorsOf(geo[2])).toEqual([['code_insee', 'missing coordinates and no resolvable commune']]);
    const csv = await parse('services-datagouv.csv', 'csv');
    expect(records(csv).map((r) => [r.sourceId, r.categoryId, r.location.communeCode, r.publics?.tags ?? null])).toEqual([
      ['dora--d1', 'food_distribution', '95500', ['familles', 'etudiants']],
      ['dora--d2', 'driving_license', '69123', null],
    ]);
  });

  it('gives Soliguide services republished by data·inclusion their category from d·i’s own label table, not a guess', async () => {
    const rows = await parse('soliguide-services.json');
    expect(records(rows).map((r) => [r.name, r.categoryId])).toEqual([
      ['Soins enfants', 'child_care'],
      ['Transport / Mobilité', 'transportation_mobility'],
      ['Aide à la mobilité', 'mobility_support'], // labels two codes: the current one
      ['Restauration assise', 'food_distribution'], // former seated_catering
      ['Permis de conduire', 'driving_license'],
      ['Fontaine à eau', 'fountain'],
      ['Douche', 'shower'],
    ]);
    const { DI_SOLIGUIDE_LABELS } = await import('../data-inclusion.data.js');
    const unresolved = Object.keys(DI_SOLIGUIDE_LABELS).filter((label) => !soliguideCategoryFromDiLabel(label));
    // 114 of d·i's 125 labels give a category; the rest name a whole theme ("Santé", "Accueil"…) or a code Vigie's taxonomy lacks.
    expect(Object.keys(DI_SOLIGUIDE_LABELS)).toHaveLength(125);
    expect(unresolved).toHaveLength(11);
    expect(unresolved).toEqual(expect.arrayContaining(['Santé', 'Accueil', 'Alimentation', 'Acupuncture']));
  });
});
