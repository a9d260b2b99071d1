import type { ExportFilter, ServiceListItem, ServicesListSort } from '@vigie/contracts';
import { categoryLabel } from '@vigie/taxonomy';
import { formatDay, html, htmlDocument } from './html.js';
import { WORDS, type ReportWords } from './i18n.js';
import type { ExportTable } from './table.js';

export interface ServicesListData {
  lang: 'fr' | 'en' | 'es';
  generatedAt: string;
  territory: { ref: string; name: string };
  /** Theme or category the list is about (id), null for every service. */
  subject: { kind: 'theme' | 'category'; id: string } | null;
  sort: ServicesListSort;
  filters: ExportFilter[];
  items: ServiceListItem[];
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Sorts the items in place-independent order: by service (then city), city (then name) or postal code. */
export function sortServices(items: ServiceListItem[], sort: ServicesListSort, lang: 'fr' | 'en' | 'es' = 'fr'): ServiceListItem[] {
  const coll = new Intl.Collator(lang === 'en' ? 'en-GB' : lang === 'es' ? 'es-ES' : 'fr-FR', { sensitivity: 'base', numeric: true });
  const name = (s: ServiceListItem) => s.placeName;
  const keys: ((s: ServiceListItem) => string)[] =
    sort === 'city'
      ? [(s) => s.city ?? '', name]
      : sort === 'postal_code'
        ? [(s) => s.postalCode ?? '', (s) => s.city ?? '', name]
        : [name, (s) => s.city ?? ''];
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const c = coll.compare(k(a), k(b));
      if (c) return c;
    }
    return a.id - b.id;
  });
}

/** "lun. 09:00–12:00, 14:00–17:00 ; mar. …" (closed days omitted). */
export function formatHours(h: ServiceListItem['openingHours'], w: ReportWords): string {
  if (!h) return '';
  return DAYS.filter((d) => h[d]?.length)
    .map((d) => `${w.days[d]} ${h[d]!.map(([a, b]) => `${a}–${b}`).join(', ')}`)
    .join(' ; ');
}

export function formatPublics(p: ServiceListItem['publics'], w: ReportWords): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.accueil) parts.push(w.accueil[p.accueil]);
  if (p.tags.length) parts.push(p.tags.join(', '));
  if (p.ageMin !== null || p.ageMax !== null) parts.push(w.age(p.ageMin, p.ageMax));
  if (p.description) parts.push(p.description);
  return parts.join(' · ');
}

export function formatClosures(c: ServiceListItem['closures'], w: ReportWords, lang: 'fr' | 'en' | 'es'): string {
  return c
    .map(
      (x) => w.closedFrom(formatDay(x.start, lang), x.end ? formatDay(x.end, lang) : null) + (x.description ? ` (${x.description})` : ''),
    )
    .join(' ; ');
}

export function servicesListTitle(d: Pick<ServicesListData, 'lang' | 'territory' | 'subject'>): string {
  const w = WORDS[d.lang];
  return `${d.subject ? categoryLabel(d.subject.id, d.lang) : w.servicesTitle} — ${d.territory.name}`;
}

/** The list as a table (CSV / XLSX): one row per service, labels in the list's language. */
export function servicesListTable(d: ServicesListData): ExportTable {
  const w = WORDS[d.lang];
  const items = sortServices(d.items, d.sort, d.lang);
  return {
    title: servicesListTitle(d),
    filters: d.filters,
    columns: [
      { key: 'service', label: w.service, type: 'text' },
      { key: 'category', label: w.category, type: 'text' },
      { key: 'address', label: w.address, type: 'text' },
      { key: 'postalCode', label: w.postalCode, type: 'text' },
      { key: 'city', label: w.city, type: 'text' },
      { key: 'phone', label: w.phone, type: 'text' },
      { key: 'hours', label: w.hours, type: 'text' },
      { key: 'publics', label: w.publics, type: 'text' },
      { key: 'closures', label: w.closures, type: 'text' },
    ],
    rows: items.map((s) => [
      s.name ? `${s.placeName} — ${s.name}` : s.placeName,
      categoryLabel(s.categoryId, d.lang),
      s.address ?? '',
      s.postalCode ?? '',
      s.city ?? '',
      s.phone ?? '',
      formatHours(s.openingHours, w),
      formatPublics(s.publics, w),
      formatClosures(s.closures, w, d.lang),
    ]),
  };
}

/** The printable list (PDF): a table grouped as sorted, with closures highlighted. */
export function servicesListHtml(d: ServicesListData): string {
  const w = WORDS[d.lang];
  const table = servicesListTable(d);
  const title = table.title;
  const body = html` <h1>${title}</h1>
    <p class="meta">
      ${w.territory} : ${d.territory.name} (${d.territory.ref}) · ${w.sortedBy} : ${w.sorts[d.sort]} · ${w.count(table.rows.length)} ·
      ${w.generated} ${formatDay(d.generatedAt, d.lang)}
    </p>
    ${d.filters.length ? html`<p class="meta">${w.filters} : ${d.filters.map((f, i) => html`${i ? ' · ' : ''}${f.label} = ${f.value}`)}</p>` : ''}
    <p class="note">${w.onlineOnly}</p>
    ${
      table.rows.length
        ? html`<table class="services">
            <thead>
              <tr>
                <th>${w.service}</th>
                <th>${w.address}</th>
                <th>${w.phone}</th>
                <th>${w.hours}</th>
                <th>${w.publics}</th>
              </tr>
            </thead>
            <tbody>
              ${table.rows.map(
                (r) =>
                  html`<tr>
                    <td>
                      <strong>${r[0]}</strong><br /><span class="meta">${r[1]}</span
                      >${r[8] ? html`<br /><span class="closure">${r[8]}</span>` : ''}
                    </td>
                    <td>${r[2]}<br />${r[3]} ${r[4]}</td>
                    <td class="nowrap">${r[5]}</td>
                    <td>${r[6]}</td>
                    <td>${r[7]}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${w.noService}</p>`
    }`;
  return htmlDocument(title, d.lang, body, 'table.services td { font-size: 8.5pt; } .nowrap { white-space: nowrap; }');
}
