import { realGeo } from '../../fixtures/real-geo.js';
import type { RowError, ServiceRecord } from '../records.js';
import { parseExportHours, parseSoliguideCsvServices, soliguideCsvColumns } from './soliguide-csv.js';
import { emptyPlacesReport } from './soliguide-places.js';
import { collect, errorsOf, fixture, records } from './testing.js';
import { columnKey } from '../io/csv.js';

const now = new Date('2026-11-22T00:00:00Z');

async function read(file: string, extra: Record<string, unknown> = {}) {
  const warnings: RowError[] = [];
  const report = emptyPlacesReport();
  const csvReport = { repeatedRows: 0 };
  const rows = await collect(
    parseSoliguideCsvServices(fixture(`soliguide-csv/${file}`), {
      geo: realGeo(),
      now,
      report,
      csvReport,
      onWarning: (w) => warnings.push(w),
      ...extra,
    }),
  );
  const byId = new Map<string, ServiceRecord>(records(rows).map((r) => [r.sourceId, r]));
  return { rows, warnings, report, csvReport, byId, rejected: rows.filter((r) => !r.ok) };
}

describe('Soliguide CSV export (autoexport)', () => {
  it('reads the French export sorted by place: one service per listed category, with the place’s fields', async () => {
    const { rows, byId, rejected, warnings, report } = await read('autoexport-fr.csv');
    expect([...byId.keys()].sort()).toEqual(
      [
        '101:day_hosting',
        '101:shower',
        '101:psychiatry',
        '102:domiciliation',
        '102:social_accompaniment',
        '103:food_distribution',
        '104:food_packages',
        '105:shower',
        '108:emergency_accommodation',
        '109:laundry',
      ].sort(),
    );
    expect(rows.filter((r) => r.ok)).toHaveLength(10);
    const s = byId.get('101:shower')!;
    expect(s).toMatchObject({
      source: 'soliguide',
      placeSourceId: '101',
      placeName: 'Accueil de jour Bouret',
      categoryId: 'shower',
      status: 'ONLINE',
      email: 'accueil@example.org',
      phone: '01 23 45 67 89',
      updatedAt: '2026-10-12T00:00:00.000Z',
      location: { lat: 48.8817267, lon: 2.3742211, communeCode: '75056', departmentCode: '75' },
      publics: { accueil: 'unconditional' },
      closedPeriods: [{ start: '2026-12-24', end: '2027-01-02', scope: 'place' }],
      openingHours: {
        monday: [
          ['09:00', '12:00'],
          ['14:00', '17:00'],
        ],
        friday: [
          ['09:00', '12:00'],
          ['14:00', '17:00'],
        ],
        saturday: [['09:30', '12:00']],
        sunday: [],
      },
    });
    // "Santé mentale: Psychiatre": a third-level category is written with its parent.
    expect(byId.get('101:psychiatry')!.themeId).toBe('health');
    expect(byId.get('103:food_distribution')!.status).toBe('PERMANENTLY_CLOSED');
    // 44640 serves five communes: the city column chooses (no coordinates in this row).
    expect(byId.get('102:domiciliation')!.location).toMatchObject({ lat: null, communeCode: '44166', postalCode: '44640' });
    expect(byId.get('102:domiciliation')!.publics).toMatchObject({ accueil: 'adapted' });
    expect(byId.get('104:food_packages')!.publics).toMatchObject({ accueil: 'exclusive' });
    // "Attention, fermé les jours fériés" then "Lundi au dimanche: ouvert 24/24h".
    expect(byId.get('108:emergency_accommodation')!.openingHours!.sunday).toEqual([['00:00', '23:59']]);
    expect(byId.get('109:laundry')!.openingHours).toBeNull();

    expect(rejected.map((r) => [r.line, errorsOf(r)])).toEqual([
      [10, [['Les services', 'unknown category "Téléportation" (not a Soliguide id, legacy id, slug or label)']]],
      [11, [['Nom de la structure', 'missing name']]],
    ]);
    expect(warnings.map((w) => [w.line, w.field, w.reason])).toEqual([
      [2, 'Le lien de la fiche soliguide', 'foreign place skipped (country "es", Soliguía): only French places are imported'],
      [13, 'Les horaires', 'unreadable opening hours "Sur rendez-vous" (expected "Lundi au vendredi: 9h à 17h"): opening hours left empty'],
      [
        14,
        'Latitude',
        expect.stringMatching(
          /^coordinates are .* km from the stated commune 69256 \(Vaulx-en-Velin\): kept the commune at the coordinates, 69123/,
        ),
      ],
    ]);
    expect(report.foreignSkipped).toEqual({ es: 1 });
  });

  it('reads the English export sorted by service: the second "city" column is the postal code, repeated places once', async () => {
    const { byId, rejected, warnings, csvReport } = await read('autoexport-en-by-service.csv');
    expect([...byId.keys()].sort()).toEqual(['201:laundry', '201:shower', '202:food_distribution', '203:addiction_care']);
    expect(rejected).toEqual([]);
    expect(byId.get('201:shower')).toMatchObject({ location: { postalCode: '67000', communeCode: '67482' }, email: null, phone: null });
    expect(byId.get('202:food_distribution')!.openingHours).toMatchObject({
      monday: [['11:30', '13:00']],
      tuesday: [],
      wednesday: [['11:30', '13:00']],
      thursday: [['11:30', '13:00']],
    });
    expect(csvReport.repeatedRows).toBe(1);
    expect(warnings).toEqual([
      {
        line: 6,
        field: 'Place ID',
        reason:
          "1 row repeats a place already read (an export sorted by service has one row per service, and each lists all the place's services): read once",
      },
    ]);
  });

  it('reads an older export: the id from the link, 2020 names of the categories', async () => {
    const { byId, rejected } = await read('export-2020-fr.csv');
    expect(rejected.map(errorsOf)).toEqual([]);
    expect([...byId.keys()].sort()).toEqual(
      [
        '301:legal_advice',
        '301:access_to_housing',
        '302:infirmary',
        '302:vaccination',
        '303:overnight_stop',
        '303:emergency_accommodation',
      ].sort(),
    );
  });

  it('reads numeric codes by era: ambiguous without one, resolved with --category-era', async () => {
    const csv = '"Numéro de la fiche","Nom de la structure","Les services","Latitude","Longitude"\n1,"A","110, 601","48.85","2.35"\n';
    const without = await collect(parseSoliguideCsvServices([csv], { geo: realGeo(), now }));
    expect(records(without).map((r) => r.categoryId)).toEqual(['food_distribution']);
    expect(without.filter((r) => !r.ok).map(errorsOf)).toEqual([
      [
        [
          'Les services',
          expect.stringMatching(/^ambiguous legacy category 110: INFIRMERIE → infirmary in 2020-era exports, vet_care since/),
        ],
      ],
    ]);
    const old = await collect(parseSoliguideCsvServices([csv], { geo: realGeo(), now, categoryEra: '2020' }));
    expect(records(old).map((r) => r.categoryId)).toEqual(['infirmary', 'food_distribution']);
    const current = await collect(parseSoliguideCsvServices([csv], { geo: realGeo(), now, categoryEra: 'current' }));
    expect(records(current).map((r) => r.categoryId)).toEqual(['vet_care', 'food_distribution']);
  });

  it('says what is missing when the export cannot be read', async () => {
    const noServices = await collect(
      parseSoliguideCsvServices(['"Numéro de la fiche","Nom de la structure"\n1,"A"\n'], { geo: realGeo(), now }),
    );
    expect(noServices.map(errorsOf)).toEqual([
      [['*', 'the "Les services" / "Services" column was left out of the export: nothing to import (export it with the services)']],
    ]);
  });

  it('maps the header labels of both languages, the English "city" twice', () => {
    const en = ['rowId', 'Place ID', 'Address', 'city', 'city', 'Services'].map(columnKey);
    expect(soliguideCsvColumns(en)).toMatchObject({ lieu_id: 1, address: 2, city: 3, postalCode: 4, services: 5 });
    expect(parseExportHours('Monday to Sunday: closed')).toMatchObject({ monday: { open: false } });
    expect(parseExportHours('Lundi au mardi: 9h à 17h')).toMatchObject({ monday: { open: true, timeslot: [{ start: 900, end: 1700 }] } });
  });
});
