import { realGeo } from '../../fixtures/real-geo.js';
import { categoryFromThematiques, collectStructures, parseDataInclusionServices, parseDataInclusionStructures } from './data-inclusion.js';
import { parsePlainServicesCsv } from './plain-services.js';
import { collect, errorsOf, fixture, NOW as now, outline, records } from './testing.js';

describe('plain services CSV', () => {
  it('maps every Soliguide spelling of a category and resolves communes', async () => {
    const rows = await collect(parsePlainServicesCsv(fixture('services.csv'), { geo: realGeo(), now }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      [6, false],
      [7, false],
      [8, false],
      [9, false],
    ]);
    const [p1, p2, p3] = records(rows);
    expect(p1).toMatchObject({
      sourceId: 'p1',
      categoryId: 'food_distribution',
      status: 'ONLINE',
      updatedAt: '2024-05-02T00:00:00.000Z',
      phone: '01 30 00 00 00',
    });
    expect(p1.location).toMatchObject({ lat: 49.0508, lon: 2.1008, communeCode: '95500', departmentCode: '95', postalCode: '95300' });
    expect(p2).toMatchObject({ categoryId: 'food_distribution', status: 'ONLINE', updatedAt: '2024-05-02T00:00:00.000Z' }); // legacy 601, "en ligne", DD/MM/YYYY
    expect(p2.location).toMatchObject({ lat: null, communeCode: '95127' });
    expect(p3).toMatchObject({ categoryId: 'shower', status: 'OFFLINE' }); // French label "Douche"
    expect(p3.location.communeCode).toBe('13055'); // postal code 13001 → Marseille
  });

  it('reports every problem of a row with its line and field', async () => {
    const rows = await collect(parsePlainServicesCsv(fixture('services.csv'), { geo: realGeo(), now }));
    expect(errorsOf(rows[3])).toEqual([['commune_code', 'missing coordinates and no resolvable commune']]);
    expect(errorsOf(rows[4])).toEqual([['category', 'unknown category "teleportation" (not a Soliguide id, legacy id, slug or label)']]);
    expect(errorsOf(rows[5])).toEqual([
      ['status', 'unknown value "ARCHIVED" (allowed: ONLINE, OFFLINE, DRAFT, PERMANENTLY_CLOSED)'],
      ['updated_at', 'date in the future: 2031-01-01 is after 2026-11-22'],
    ]);
    expect(errorsOf(rows[6]).map((e) => e[0])).toEqual(['id', 'lat', 'commune_code', 'updated_at']);
    // line 9 holds a quoted name spanning two lines; "food" is a theme, not a category.
    expect(errorsOf(rows[7])).toEqual([['category', '"food" names the theme "food", not a category']]);
  });

  it('stops on a header without the required columns', async () => {
    const rows = await collect(parsePlainServicesCsv(['nom,lat\nx,1\n'], { geo: realGeo(), now }));
    expect(rows).toEqual([
      {
        ok: false,
        line: 1,
        errors: [{ line: 1, field: 'id,name,category', reason: expect.stringContaining('missing column(s): id, name, category') }],
      },
    ]);
  });
});

describe('data·inclusion v1', () => {
  it('maps thematiques to Soliguide categories through the inverse of the d·i mapping', () => {
    expect(categoryFromThematiques(['equipement-et-alimentation--alimentation'])?.categoryId).toBe('food_distribution');
    expect(categoryFromThematiques(['sante--addictions'])?.themeId).toBe('health');
    // access_to_housing explains all three thematiques, better than any other category.
    expect(
      categoryFromThematiques([
        'logement-hebergement--acheter-un-logement',
        'logement-hebergement--louer-un-logement',
        'logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement',
      ])?.categoryId,
    ).toBe('access_to_housing');
    expect(categoryFromThematiques(['numerique'])).not.toBeNull();
    expect(categoryFromThematiques(['creer-une-entreprise--developper-son-entreprise'])).toBeNull();
  });

  it('reads structures and services (JSON page), locating services at their structure', async () => {
    const geo = realGeo();
    const structureRows = await collect(parseDataInclusionStructures(fixture('data-inclusion-structures.json'), { geo, now }));
    expect(outline(structureRows)).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    const structures = await collectStructures(parseDataInclusionStructures(fixture('data-inclusion-structures.json'), { geo, now }));
    const rows = await collect(parseDataInclusionServices(fixture('data-inclusion-services.json'), { geo, now, structures }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, false],
      [6, false],
      [7, false],
    ]);
    const [a1, a2, sol] = records(rows);
    expect(a1).toMatchObject({
      source: 'data-inclusion',
      sourceId: 'dora--a1',
      placeSourceId: 'dora--s1',
      placeName: 'CCAS de Pontoise',
      categoryId: 'food_distribution',
      email: 'ccas@example.org',
    });
    expect(a1.location.communeCode).toBe('95500');
    expect(a1.publics).toMatchObject({ accueil: 'unconditional', tags: ['tous-publics'] });
    expect(a2).toMatchObject({ categoryId: 'access_to_housing', location: expect.objectContaining({ communeCode: '95127' }) });
    expect(sol).toMatchObject({ categoryId: 'emergency_accommodation', location: expect.objectContaining({ communeCode: '93008' }) });
    // contact_nom_prenom and the service's own e-mail may name a person: only the structure's contact is kept.
    expect(JSON.stringify(rows)).not.toMatch(/Marie|curie/i);
    expect(errorsOf(rows[3])).toEqual([
      ['thematiques', 'no Soliguide category for thematiques creer-une-entreprise--developper-son-entreprise'],
    ]);
    expect(errorsOf(rows[4])).toEqual([
      ['date_maj', 'date in the future: 2030-03-01 is after 2026-11-22'],
      ['thematiques', 'unknown thematique(s): sante--teleportation (see the data·inclusion v1 thematiques list)'],
    ]);
    expect(errorsOf(rows[5])).toEqual([['code_insee', 'missing coordinates and no resolvable commune']]);
  });

  it('reads services as CSV (";" and list cells)', async () => {
    const geo = realGeo();
    const structures = await collectStructures(parseDataInclusionStructures(fixture('data-inclusion-structures.json'), { geo, now }));
    const rows = await collect(parseDataInclusionServices(fixture('data-inclusion-services.csv'), { geo, now, structures, format: 'csv' }));
    expect(outline(rows)).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(records(rows).map((r) => [r.categoryId, r.location.communeCode])).toEqual([
      ['digital_tools_training', '95500'],
      [expect.any(String), '69123'],
    ]);
    expect(errorsOf(rows[2]).map((e) => e[0])).toEqual(['structure_id', 'date_maj', 'thematiques', 'code_insee']);
    expect(JSON.stringify(rows)).not.toContain('Jean Dupont');
  });
});
