import { CATEGORIES, THEMES, getCategory } from '@vigie/taxonomy';
import { lookupCategory } from '../category.js';
import { readCsvChunks } from '../io/csv.js';
import type { TextSource } from '../io/source.js';
import type { ParsedRow, RowError, ServiceRecord } from '../records.js';
import { normaliseLabel } from '../values.js';
import type { Doc } from './common.js';
import { placesFromDocuments, type PlaceDocumentItem, type SoliguidePlace, type SoliguidePlacesOptions } from './soliguide-places.js';

/**
 * Soliguide's CSV export ("autoexport", `packages/api/src/autoexport` in solinumasso/soliguide): json2csv,
 * `,`-separated, every text cell quoted, header labels translated (`packages/common/src/translations/locales`),
 * columns the user unticked left out. Field → normalised header labels, French then English (the English
 * export names both the city and the postal code column "city": the second one is the postal code).
 */
const COLUMNS: Record<string, readonly string[]> = {
  rowId: ['rowid'],
  lieu_id: ['numero_de_la_fiche', 'numero_de_fiche', 'place_id', 'place_number', 'lieu_id', 'id_soliguide'],
  updatedAt: ['derniere_mise_a_jour', 'last_update'],
  name: ['nom_de_la_structure', 'name_of_the_stucture', 'name_of_the_structure', 'nom', 'name'],
  address: ['adresse_postale', 'address', 'adresse'],
  city: ['ville', 'city'],
  postalCode: ['code_postal', 'postal_code'],
  email: ['l_adresse_email', 'email_address', 'email'],
  phoneNumbers: ['numeros_de_telephone', 'phone_numbers'],
  hours: ['les_horaires', 'schedules', 'horaires'],
  modalities: ['les_conditions_d_acces', 'access_conditions'],
  publics: ['le_type_de_public_accueilli', 'the_type_of_audience_welcomed'],
  services: ['les_services', 'services'],
  tempClosure: ['fermeture_temporaire', 'temporary_closure'],
  tempMessage: ['message_temporaire', 'temporary_message'],
  tempHours: ['horaires_temporaires', 'temporary_schedules'],
  linkToSoliguide: ['le_lien_de_la_fiche_soliguide', 'the_link_of_the_soliguide_file', 'lien', 'link'],
  latitude: ['latitude'],
  longitude: ['longitude'],
};

type Field = keyof typeof COLUMNS;

/** Column index of each field, from the header (first column of a label wins; EN "city" twice: city, postal code). */
export function soliguideCsvColumns(keys: string[]): Partial<Record<Field, number>> {
  const out: Partial<Record<Field, number>> = {};
  keys.forEach((k, i) => {
    if (k === 'city' && out.city !== undefined && out.postalCode === undefined) {
      out.postalCode = i;
      return;
    }
    for (const [field, labels] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
      if (out[field] === undefined && labels.includes(k)) {
        out[field] = i;
        return;
      }
    }
  });
  return out;
}

/** Soliguide's own wording in the export (fr.json / en.json), normalised. */
const NO_PHONE = ['aucun numero de telephone indique', 'no phone number given'].map(normaliseLabel);
const PERMANENTLY_CLOSED = ['ferme definitivement', 'permanently closed'].map(normaliseLabel);
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const DAY_NAMES: Record<string, (typeof DAYS)[number]> = {
  lundi: 'monday',
  mardi: 'tuesday',
  mercredi: 'wednesday',
  jeudi: 'thursday',
  vendredi: 'friday',
  samedi: 'saturday',
  dimanche: 'sunday',
  monday: 'monday',
  tuesday: 'tuesday',
  wednesday: 'wednesday',
  thursday: 'thursday',
  friday: 'friday',
  saturday: 'saturday',
  sunday: 'sunday',
};
/** Category labels of the export (CAT_* translations, "Parent: Child" for third-level categories) → ids. */
const LABELS = (() => {
  const m = new Map<string, string[]>();
  const add = (label: string, id: string) => {
    const k = normaliseLabel(label);
    const ids = m.get(k) ?? [];
    if (!ids.includes(id)) ids.push(id);
    m.set(k, ids);
  };
  for (const c of CATEGORIES) {
    for (const l of [c.fr, c.en]) {
      add(l, c.id);
      for (const p of c.parents) {
        const parent = getCategory(p);
        if (parent) for (const pl of [parent.fr, parent.en]) add(`${pl}: ${l}`, c.id);
      }
    }
  }
  for (const t of THEMES) for (const l of [t.fr, t.en]) if (!m.has(normaliseLabel(l))) add(l, t.id);
  return m;
})();

/** The longest label starting at token i (labels can contain ", "), or null. */
function labelAt(tokens: string[], i: number): { label: string; next: number } | null {
  for (let j = Math.min(tokens.length, i + 6); j > i; j--) {
    const label = tokens.slice(i, j).join(', ');
    if (LABELS.has(normaliseLabel(label)) || (j === i + 1 && lookupCategory(label))) return { label, next: j };
  }
  return null;
}

/** A service of the `services` cell: a label (current or legacy spelling), or a numeric code read by era. */
function serviceDoc(label: string, field: string): Doc {
  if (/^\d{3,4}$/.test(label)) return { categorie: label, serviceObjectId: `code-${label}`, _field: field };
  const ids = LABELS.get(normaliseLabel(label));
  // A label shared by several categories (drifted translations): the first one that is a category, else as given.
  const id = ids?.find((x) => getCategory(x)) ?? ids?.[0];
  const resolved = id ?? lookupCategory(label)?.categoryId ?? null;
  return {
    category: resolved ?? label,
    serviceObjectId: resolved ?? `label-${normaliseLabel(label)}`,
    name: label,
    _label: label,
    _field: field,
  };
}

/** "9h", "9h30", "09h30" → 930. */
function slot(s: string): number | null {
  const m = /^(\d{1,2})h(\d{2})?$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  return h <= 24 && min < 60 ? h * 100 + min : null;
}

/**
 * The export's opening hours (`parse-hours.parser.ts`): one line per run of days with the same hours,
 * "Lundi au vendredi: 9h à 12h - 14h à 17h", "Sunday: open 24 hours a day"; closed days left out; an
 * optional first line "Attention, fermé les jours fériés". Returns Soliguide's hours document, or a reason.
 */
export function parseExportHours(cell: string): Doc | string | null {
  const lines = cell
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return null;
  const hours: Doc = {};
  for (const d of DAYS) hours[d] = { open: false, timeslot: [] };
  let any = false;
  for (const line of lines) {
    if (/^(attention, fermé les jours fériés|please note, closed on public holidays)/i.test(line)) continue;
    const m = /^([^\s:]+)(?:\s+(?:au|to)\s+([^\s:]+))?\s*:\s*(.+)$/i.exec(line);
    const from = m && DAY_NAMES[normaliseLabel(m[1])];
    const to = m && (m[2] ? DAY_NAMES[normaliseLabel(m[2])] : from);
    if (!m || !from || !to) return `unreadable opening hours "${line}" (expected "Lundi au vendredi: 9h à 17h")`;
    const what = normaliseLabel(m[3]);
    let timeslot: { start: number; end: number }[];
    if (what === 'ouvert 24 24h' || what === 'open 24 hours a day') timeslot = [{ start: 0, end: 2359 }];
    else if (what === 'ferme' || what === 'closed') timeslot = [];
    else {
      timeslot = [];
      for (const part of m[3].split(/\s+-\s+/)) {
        const r = /^(\S+)\s+(?:à|a|to)\s+(\S+)$/i.exec(part.trim());
        const a = r && slot(r[1]);
        const b = r && slot(r[2]);
        if (a === null || b === null || !r) return `unreadable opening hours "${line}" (expected "9h à 17h")`;
        timeslot.push({ start: a, end: b });
      }
    }
    const i = DAYS.indexOf(from);
    const j = DAYS.indexOf(to);
    if (j < i) return `unreadable opening hours "${line}" (days out of order)`;
    for (let k = i; k <= j; k++) hours[DAYS[k]] = { open: timeslot.length > 0, timeslot };
    any = true;
  }
  return any ? hours : null;
}

/** dd/MM/yyyy dates of a closure text ("Fermeture temporaire: du 01/12/2026 au 15/12/2026"). */
function closureOf(cell: string): Doc | null {
  const dates = [...cell.matchAll(/(\d{2})\/(\d{2})\/(\d{4})/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}T12:00:00Z`);
  if (!dates.length) return null;
  const oneDay = /\b(le|on)\s+\d{2}\//i.test(cell) && dates.length === 1;
  return { actif: true, dateDebut: dates[0], dateFin: dates[1] ?? (oneDay ? dates[0] : null) };
}

/** "Accueil inconditionnel" / "Accueil exclusif: …" / "Accueil inconditionnel adapté aux …" (translatePublics). */
function publicsOf(cell: string): Doc | null {
  const n = normaliseLabel(cell);
  if (!n) return null;
  const accueil =
    n.startsWith('accueil exclusif') || n.startsWith('exclusive welcome')
      ? 2
      : n.startsWith('accueil inconditionnel adapte') || n.startsWith('unconditional welcome adapted')
        ? 1
        : n === 'accueil inconditionnel' || n === 'unconditional welcome'
          ? 0
          : null;
  return { accueil, description: cell };
}

/** First phone number of "Accueil: 01 23 45 67 89\nPort: 06…" (parse-phones.parser.ts); none for "no phone". */
function phoneOf(cell: string): string | null {
  if (!cell || NO_PHONE.includes(normaliseLabel(cell))) return null;
  const line = cell.split(/\r?\n/)[0];
  const number = line.includes(': ') ? line.slice(line.lastIndexOf(': ') + 2) : line;
  return /\d/.test(number) ? number.trim() : null;
}

/** "05-12-2026" (date-fns dd-MM-yyyy) → ISO. */
function exportDay(cell: string): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(cell.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : cell || null;
}

/** The fiche link: `${frontUrl}/${lang}/fiche/${lieu_id}` (today) or `soliguide.fr/fiche/<id or seo url>` (older exports). */
function fromLink(cell: string): { id: string | null; country: string | null } {
  const m = /^(?:https?:\/\/)?(?:www\.)?([^/\s]+)\/(?:[a-z]{2}\/)?fiche\/(?:[^/\s]*-)?(\d+)\/?$/i.exec(cell.trim());
  if (!m) return { id: null, country: null };
  const host = m[1].toLowerCase();
  const country = /soliguia\.(es|ad)$/.exec(host)?.[1] ?? (/soliguia\./.test(host) ? 'es' : null);
  return { id: m[2], country };
}

export interface SoliguideCsvReport {
  /** Rows repeating a place already read (an export sorted by service has one row per service). */
  repeatedRows: number;
}

export interface SoliguideCsvOptions extends SoliguidePlacesOptions {
  csvReport?: SoliguideCsvReport;
}

/**
 * Soliguide's CSV export (autoexport: French or English headers, sorted by place or by service, any
 * columns left out). Each place is read once — an export sorted by service repeats the place on one row
 * per service, and every row lists all the place's services in "Les services" — and becomes one service
 * per listed category, with the place's id, name, address, point, hours, publics, first phone, e-mail and
 * last update; "Fermé définitivement" in the temporary closure column is the PERMANENTLY_CLOSED status,
 * and a dated temporary closure a closed period. Every other rule is the JSON places': territory, foreign
 * (Soliguía) places, category era of numeric codes. A service's id is `<lieu_id>:<category>`.
 */
export async function* parseSoliguideCsv(source: TextSource, options: SoliguideCsvOptions): AsyncGenerator<ParsedRow<SoliguidePlace>> {
  const report = options.csvReport ?? { repeatedRows: 0 };
  const names: ColumnNames = {};
  // Errors name the export's columns, not the JSON paths of the place rebuilt from the row.
  const rename = (e: RowError): RowError => ({ ...e, field: names[JSON_FIELD[e.field] ?? ''] ?? e.field });
  const onWarning = options.onWarning && ((w: RowError) => options.onWarning!(rename(w)));
  for await (const row of placesFromDocuments(csvPlaceDocuments(source, report, names, onWarning), { ...options, onWarning })) {
    if (!row.ok) yield { ...row, errors: row.errors.map(rename) };
    else yield { ...row, record: { ...row.record, serviceErrors: row.record.serviceErrors.map(rename) } };
  }
}

type ColumnNames = Partial<Record<Field, string>>;

/** JSON path of the rebuilt place → the export's field. */
const JSON_FIELD: Record<string, Field> = {
  lieu_id: 'lieu_id',
  name: 'name',
  status: 'tempClosure',
  'position.location.coordinates': 'latitude',
  'position.cityCode': 'postalCode',
  position: 'latitude',
  updatedByUserAt: 'updatedAt',
};

/** The same, one row per service (what the services table stores). */
export async function* parseSoliguideCsvServices(
  source: TextSource,
  options: SoliguideCsvOptions,
): AsyncGenerator<ParsedRow<ServiceRecord>> {
  for await (const row of parseSoliguideCsv(source, options)) {
    if (!row.ok) {
      yield row;
      continue;
    }
    for (const record of row.record.services) yield { ok: true, line: row.line, record };
    for (const e of row.record.serviceErrors) yield { ok: false, line: row.line, errors: [e] };
  }
}

async function* csvPlaceDocuments(
  source: TextSource,
  report: SoliguideCsvReport,
  names: ColumnNames,
  onWarning?: (w: RowError) => void,
): AsyncGenerator<PlaceDocumentItem> {
  let cols: Partial<Record<Field, number>> = {};
  let header: string[] = [];
  const seen = new Set<string>();
  let firstRepeat: number | null = null;
  for await (const items of readCsvChunks(source)) {
    for (const item of items) {
      if (item.kind === 'error') {
        yield { ok: false, line: item.line, reason: item.reason, field: item.field };
        continue;
      }
      if (item.kind === 'header') {
        header = item.columns;
        cols = soliguideCsvColumns(item.keys);
        for (const [f, i] of Object.entries(cols) as [Field, number][]) names[f] = header[i] || f;
        if (cols.lieu_id === undefined && cols.linkToSoliguide === undefined) {
          yield {
            ok: false,
            line: 1,
            field: '*',
            reason: 'not a Soliguide export: no "Numéro de la fiche" / "Place ID" column and no link to the fiche',
          };
          return;
        }
        if (cols.services === undefined) {
          yield {
            ok: false,
            line: 1,
            field: '*',
            reason: 'the "Les services" / "Services" column was left out of the export: nothing to import (export it with the services)',
          };
          return;
        }
        continue;
      }
      const cell = (f: Field) => (cols[f] === undefined ? '' : (item.cells[cols[f]!] ?? '').trim());
      const column = (f: Field) => (cols[f] === undefined ? f : header[cols[f]!] || f);
      const link = fromLink(cell('linkToSoliguide'));
      const lieuId = cell('lieu_id') || link.id;
      if (lieuId && seen.has(lieuId)) {
        report.repeatedRows++;
        firstRepeat ??= item.line;
        continue;
      }
      if (lieuId) seen.add(lieuId);
      const warnings: RowError[] = [];
      const hoursCell = cell('hours');
      let newhours: Doc | null = null;
      if (hoursCell) {
        const h = parseExportHours(hoursCell);
        if (typeof h === 'string') warnings.push({ line: item.line, field: column('hours'), reason: `${h}: opening hours left empty` });
        else newhours = h;
      }
      const tokens = cell('services')
        .split(/,\s*/)
        .map((t) => t.trim())
        .filter(Boolean);
      const services: Doc[] = [];
      for (let i = 0; i < tokens.length;) {
        const hit = labelAt(tokens, i);
        services.push(serviceDoc(hit ? hit.label : tokens[i], column('services')));
        i = hit ? hit.next : i + 1;
      }
      const closureCell = cell('tempClosure');
      const closed = closureCell.split(/\r?\n/).some((l) => PERMANENTLY_CLOSED.includes(normaliseLabel(l)));
      const lat = cell('latitude');
      const lon = cell('longitude');
      const doc: Doc = {
        lieu_id: lieuId || null,
        name: cell('name') || null,
        status: closed ? 'PERMANENTLY_CLOSED' : 'ONLINE',
        position: {
          ...(lat && lon ? { location: { coordinates: [lon, lat] } } : {}),
          postalCode: cell('postalCode') || null,
          city: cell('city') || null,
          address: cell('address').split(',')[0] || null,
          country: link.country,
        },
        entity: { mail: cell('email') || null, phones: [{ phoneNumber: phoneOf(cell('phoneNumbers')) }] },
        newhours,
        publics: publicsOf(cell('publics')),
        tempInfos: closed ? undefined : { closure: closureOf(closureCell) },
        updatedByUserAt: exportDay(cell('updatedAt')),
        services_all: services,
        _positionField: link.country ? column('linkToSoliguide') : column('latitude'),
      };
      for (const w of warnings) onWarning?.(lieuId ? { ...w, sourceId: lieuId } : w);
      yield { ok: true, line: item.line, value: doc };
    }
  }
  if (report.repeatedRows && firstRepeat !== null)
    onWarning?.({
      line: firstRepeat,
      field: header[cols.lieu_id ?? cols.linkToSoliguide ?? 0] ?? '*',
      reason: `${report.repeatedRows} ${report.repeatedRows > 1 ? 'rows repeat' : 'row repeats'} a place already read (an export sorted by service has one row per service, and each lists all the place's services): read once`,
    });
}
