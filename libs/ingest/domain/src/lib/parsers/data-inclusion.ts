import { getCategory, resolveCategory } from '@vigie/taxonomy';
import { lookupCategory, type ServiceCategory } from '../category.js';
import {
  DI_SOLIGUIDE_LABELS,
  DI_THEMATIQUES,
  DI_THEMATIQUE_CATEGORIES,
  DI_V0_PROFILS,
  DI_V0_THEMATIQUES,
  SOLIGUIDE_TO_DI,
} from '../data-inclusion.data.js';
import type { GeoResolver } from '../geo-resolver.js';
import { readCsv } from '../io/csv.js';
import { peekText } from '../io/peek.js';
import { decodeText, type TextSource } from '../io/source.js';
import { resolveLocation } from '../location.js';
import type { Location, ParsedRow, ServiceRecord } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { isoTimestamp, parseDate, text } from '../values.js';
import { get, isDoc, plainText, readMongoDocuments, type Doc } from './common.js';
import { csvFields, jsonFields, type FieldSource } from './fields.js';

/** A data·inclusion structure, kept to locate and name its services. */
export interface DiStructure {
  id: string;
  name: string;
  location: Location;
  phone: string | null;
  email: string | null;
  website: string | null;
  updatedAt: string | null;
}

export interface DataInclusionOptions extends ParseOptions {
  geo: GeoResolver;
}

const knownThematiques = new Set([...DI_THEMATIQUES, ...DI_THEMATIQUE_CATEGORIES]);
/** thematique → Soliguide categories mapped to it, with the size of each category's thematique set. */
const inverse = new Map<string, { category: string; size: number }[]>();
for (const [category, thematiques] of Object.entries(SOLIGUIDE_TO_DI)) {
  for (const t of thematiques) inverse.set(t, [...(inverse.get(t) ?? []), { category, size: thematiques.length }]);
}

/**
 * Inverse of data·inclusion's Soliguide mapping: the Soliguide category that best explains a
 * service's thematiques. Candidates are the categories mapped to any of them (a bare thematique
 * category such as "sante" matches all of its sub-thematiques); the winner covers the most of the
 * service's thematiques, then is the most specific (fewest thematiques of its own), then comes first
 * in the Soliguide taxonomy. Null when no thematique maps (≈29 of 69 have no Soliguide equivalent).
 */
export function categoryFromThematiques(thematiques: readonly string[]): ServiceCategory | null {
  const score = new Map<string, { hits: number; size: number }>();
  for (const t of thematiques) {
    const keys = t.includes('--') ? [t] : [...inverse.keys()].filter((k) => k.startsWith(`${t}--`));
    for (const k of keys) {
      for (const c of inverse.get(k) ?? []) {
        const s = score.get(c.category) ?? { hits: 0, size: c.size };
        s.hits++;
        score.set(c.category, s);
      }
    }
  }
  const rank = (id: string) => getCategory(resolveCategory(id)?.categoryId ?? '')?.rank ?? Number.MAX_SAFE_INTEGER;
  const best = [...score.entries()].sort(
    ([a, x], [b, y]) => y.hits - x.hits || x.size - y.size || rank(a) - rank(b) || a.localeCompare(b),
  )[0];
  const resolved = best ? resolveCategory(best[0]) : null;
  return resolved?.categoryId ? { categoryId: resolved.categoryId, themeId: resolved.themeId } : null;
}

export type DiFormat = 'json' | 'csv' | 'geojson';

/**
 * One data·inclusion row, whatever the layout: a JSON array or NDJSON of services, an API page
 * `{ "items": [...] }` (list or search page, whose items are `{ service, distance }` with the structure
 * inside the service), the data.gouv GeoJSON (`features[].properties`, the point in `geometry`), or CSV.
 * `embedded` is the structure carried by a search result.
 */
type DiRow = { line: number; fields: FieldSource; embedded?: Doc } | { line: number; error: string; field?: string };

async function* readDiRows(source: TextSource, format: DiFormat): AsyncGenerator<DiRow> {
  if (format === 'csv') {
    for await (const item of readCsv(source)) {
      if (item.kind === 'error') yield { line: item.line, error: item.reason, field: item.field };
      else if (item.kind === 'row') yield { line: item.line, fields: csvFields(item.values) };
    }
    return;
  }
  const { head, rest } = await peekText(decodeText(source), (h) => h.length >= 65536);
  const geo = format === 'geojson' || (/^\s*\{/.test(head) && /"features"\s*:\s*\[/.test(head) && !/"items"\s*:\s*\[/.test(head));
  for await (const item of readMongoDocuments(rest, { itemsAt: geo ? 'features' : 'items' })) {
    if (!item.ok) {
      yield { line: item.line, error: item.reason };
      continue;
    }
    let doc = item.value;
    if (!isDoc(doc)) {
      yield { line: item.line, error: 'expected an object' };
      continue;
    }
    if (geo || doc['type'] === 'Feature') {
      const props = get(doc, 'properties');
      const coords = get(doc, 'geometry', 'coordinates');
      if (!isDoc(props)) {
        yield { line: item.line, error: 'expected a GeoJSON Feature with properties' };
        continue;
      }
      doc = Array.isArray(coords) && props['latitude'] == null ? { ...props, longitude: coords[0], latitude: coords[1] } : props;
    } else if (isDoc(doc['service']) && doc['id'] === undefined) {
      doc = doc['service'];
    }
    const d = doc as Doc;
    yield { line: item.line, fields: jsonFields(d), embedded: isDoc(d['structure']) ? d['structure'] : undefined };
  }
}

/** v0 ids are the producer's own: data·inclusion prefixes them with their source (`dora` + `a1` → `dora--a1`). */
function prefixed(id: string | null, source: string | null): string | null {
  if (!id || !source || id.startsWith(`${source}--`)) return id;
  return `${source}--${id}`;
}

/** A service of data·inclusion's schema v0 (presentation_*, profils, types) rather than v1. */
function isV0(f: FieldSource): boolean {
  return f.pick('presentation_resume', 'presentation_detail', 'profils', 'profils_precisions', 'types') !== undefined;
}

/**
 * Thematiques as v1: v1 values as they are, v0 values through data·inclusion's own migration table
 * (DI_V0_THEMATIQUES); the rest are unknown. `dropped` are v0 values the migration maps to nothing.
 */
export function thematiquesV1(values: readonly string[]): { v1: string[]; unknown: string[]; dropped: string[] } {
  const v1 = new Set<string>();
  const unknown: string[] = [];
  const dropped: string[] = [];
  for (const t of values) {
    if (knownThematiques.has(t)) v1.add(t);
    else if (t in DI_V0_THEMATIQUES) {
      const to = DI_V0_THEMATIQUES[t];
      if (!to.length) dropped.push(t);
      for (const x of to) v1.add(x);
    } else unknown.push(t);
  }
  return { v1: [...v1], unknown, dropped };
}

/** A list field: a JSON array, or a CSV cell "a,b", "a|b", "[\"a\", \"b\"]" or "{a,b}". */
function list(v: unknown): string[] {
  if (Array.isArray(v))
    return v
      .filter((x): x is string => typeof x === 'string')
      .map((x) => x.trim())
      .filter(Boolean);
  const s = text(v);
  if (!s) return [];
  return s
    .replace(/^[[{]|[\]}]$/g, '')
    .split(/[,|;]/)
    .map((x) => x.trim().replace(/^["']|["']$/g, ''))
    .filter(Boolean);
}

function diLocation(f: FieldSource, geo: GeoResolver, issues: RowIssues): Location {
  return resolveLocation(
    {
      lat: f.pick('latitude'),
      lon: f.pick('longitude'),
      cityCode: f.pick('code_insee'),
      postalCode: f.pick('code_postal'),
      address: [text(f.pick('adresse')), text(f.pick('complement_adresse'))].filter(Boolean).join(', ') || null,
      city: f.pick('commune'),
    },
    geo,
    issues,
    { lat: 'latitude', lon: 'longitude', cityCode: 'code_insee' },
  );
}

/** data·inclusion v1 structures (`structure` schema): JSON or CSV. */
export async function* parseDataInclusionStructures(
  source: TextSource,
  options: DataInclusionOptions & { format?: DiFormat },
): AsyncGenerator<ParsedRow<DiStructure>> {
  const now = options.now ?? new Date();
  for await (const row of readDiRows(source, options.format ?? 'json')) {
    if ('error' in row) {
      yield unreadable(row.line, row.error, row.field);
      continue;
    }
    const f = row.fields;
    const id = prefixed(text(f.pick('id')), text(f.pick('source')));
    const issues = new RowIssues(row.line, id ?? undefined);
    if (!id) issues.add('id', 'missing id');
    const name = text(f.pick('nom'));
    if (!name) issues.add('nom', 'missing nom');
    const updated = parseDate(f.pick('date_maj'), 'date_maj', issues, now);
    const location = diLocation(f, options.geo, issues);
    yield issues.result(() => ({
      id: id!,
      name: name!,
      location,
      phone: text(f.pick('telephone')),
      email: text(f.pick('courriel')),
      website: text(f.pick('site_web')),
      updatedAt: isoTimestamp(updated),
    }));
  }
}

/** Collects structures by id (they are few and small; services refer to them). Errors are dropped: read them with {@link parseDataInclusionStructures}. */
export async function collectStructures(rows: AsyncIterable<ParsedRow<DiStructure>>): Promise<Map<string, DiStructure>> {
  const out = new Map<string, DiStructure>();
  for await (const r of rows) if (r.ok) out.set(r.record.id, r.record);
  return out;
}

/**
 * data·inclusion v1 services (`service` schema): JSON or CSV. The category comes from
 * `thematiques` through the inverse of data·inclusion's Soliguide mapping (for services whose source
 * is soliguide, `nom` is the Soliguide category label and is used first). The location is the
 * service's own address or point, else its structure's. `contact_nom_prenom` and the service's own
 * courriel/telephone are never copied (they often name a person): the structure's contact is used.
 */
export async function* parseDataInclusionServices(
  source: TextSource,
  options: DataInclusionOptions & { format?: DiFormat; structures?: Map<string, DiStructure> },
): AsyncGenerator<ParsedRow<ServiceRecord>> {
  const now = options.now ?? new Date();
  for await (const row of readDiRows(source, options.format ?? 'json')) {
    if ('error' in row) {
      yield unreadable(row.line, row.error, row.field);
      continue;
    }
    const f = row.fields;
    const v0 = isV0(f);
    const diSource = text(f.pick('source'));
    const id = prefixed(text(f.pick('id')), diSource);
    const issues = new RowIssues(row.line, id ?? undefined);
    if (!id) issues.add('id', 'missing id');
    const name = text(f.pick('nom'));
    if (!name) issues.add('nom', 'missing nom');
    const structureId = prefixed(text(f.pick('structure_id')), diSource);
    if (!structureId) issues.add('structure_id', 'missing structure_id');
    const known = structureId ? options.structures?.get(structureId) : undefined;
    const embedded = structureId && !known ? embeddedStructure(row.embedded, structureId, options.geo) : undefined;
    const structure = known ?? embedded?.structure;
    const updated = parseDate(f.pick('date_maj'), 'date_maj', issues, now);

    const given = list(f.pick('thematiques'));
    const { v1: thematiques, unknown, dropped } = thematiquesV1(given);
    if (unknown.length)
      issues.add('thematiques', `unknown thematique(s): ${unknown.join(', ')} (see the data·inclusion v1 thematiques list)`);
    const fromLabel = diSource === 'soliguide' && name ? soliguideCategoryFromDiLabel(name) : null;
    const category = fromLabel?.categoryId
      ? { categoryId: fromLabel.categoryId, themeId: fromLabel.themeId }
      : categoryFromThematiques(thematiques);
    if (!category && !unknown.length) {
      issues.add(
        'thematiques',
        dropped.length && !thematiques.length
          ? `v0 thematique(s) ${dropped.join(', ')} have no v1 equivalent (data·inclusion's own v0 → v1 migration drops them)`
          : given.length
            ? `no Soliguide category for thematiques ${thematiques.join(', ') || given.join(', ')}`
            : 'missing thematiques',
      );
    }
    const hasOwnPlace = f.pick('latitude') !== undefined || f.pick('code_insee') !== undefined || f.pick('code_postal') !== undefined;
    let location: Location;
    if (hasOwnPlace || !structure || embedded?.located === false) {
      const locIssues = structure && embedded?.located !== false ? new RowIssues(row.line) : issues;
      location = diLocation(f, options.geo, locIssues);
      if (structure && !locIssues.ok) location = structure.location;
    } else {
      location = structure.location;
    }
    const publics = v0 ? publicsFromProfils(list(f.pick('profils'))) : list(f.pick('publics'));
    yield issues.result(() => ({
      source: options.source ?? 'data-inclusion',
      sourceId: id!,
      placeSourceId: structureId!,
      placeName: structure?.name ?? name!,
      name,
      categoryId: category!.categoryId,
      themeId: category!.themeId,
      status: 'ONLINE',
      visibility: 'ALL',
      location,
      closedPeriods: [],
      saturation: null,
      openingHours: null,
      publics: publics.length
        ? {
            accueil: publics.includes('tous-publics') ? 'unconditional' : 'adapted',
            description: text(f.pick('publics_precisions', 'profils_precisions')),
            tags: publics,
            ageMin: null,
            ageMax: null,
          }
        : null,
      languages: [],
      // The structure's contact only: a service's own courriel/telephone is often a named person's.
      phone: structure?.phone ?? null,
      email: structure?.email ?? null,
      website: text(f.pick('lien_source')) ?? structure?.website ?? null,
      description: plainText(v0 ? f.pick('presentation_detail', 'presentation_resume') : f.pick('description')),
      createdAt: null,
      updatedAt: isoTimestamp(updated),
      campaignStatus: null,
    }));
  }
}

/** v0 profils as v1 publics (data·inclusion's own table); a profil without an equivalent is kept as it is. */
function publicsFromProfils(profils: string[]): string[] {
  const out = new Set<string>();
  for (const p of profils) for (const x of p in DI_V0_PROFILS && DI_V0_PROFILS[p].length ? DI_V0_PROFILS[p] : [p]) out.add(x);
  return [...out];
}

/** The structure a search result carries (`service.structure`), as a {@link DiStructure}. */
function embeddedStructure(doc: Doc | undefined, id: string, geo: GeoResolver): { structure: DiStructure; located: boolean } | undefined {
  if (!doc) return undefined;
  const f = jsonFields(doc);
  const issues = new RowIssues(0);
  const location = diLocation(f, geo, issues);
  const structure = {
    id,
    name: text(f.pick('nom')) ?? id,
    location,
    phone: text(f.pick('telephone')),
    email: text(f.pick('courriel')),
    website: text(f.pick('site_web')),
    updatedAt: null,
  };
  return { structure, located: issues.ok };
}

/**
 * The Soliguide category of a Soliguide service republished by data·inclusion: its `nom` is
 * data·inclusion's own label of the category (DI_SOLIGUIDE_LABELS, from their code table), which has
 * drifted from Soliguide's labels ("Soins enfants", "Transport / Mobilité"…). A label shared by two
 * codes takes the current one (a code that is still its own category). Then any Soliguide spelling.
 */
export function soliguideCategoryFromDiLabel(label: string): ServiceCategory | null {
  const codes = DI_SOLIGUIDE_LABELS[label.trim()] ?? [];
  const resolved = codes.map((c) => ({ code: c, r: resolveCategory(c) })).filter((x) => x.r?.categoryId);
  const best = resolved.find((x) => x.r!.categoryId === x.code) ?? resolved[0];
  if (best) return { categoryId: best.r!.categoryId!, themeId: best.r!.themeId };
  const looked = lookupCategory(label);
  return looked?.categoryId ? { categoryId: looked.categoryId, themeId: looked.themeId } : null;
}
