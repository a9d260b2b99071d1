import { esc } from './html.js';

/** A territory's contour (GeoJSON Polygon or MultiPolygon, WGS84) with what the map needs to draw and label it. */
export interface MapArea {
  code: string;
  name: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] } | null;
  /** The value to colour by; null: no value ("pas de données"). */
  value: number | null;
  /** false: outside the directory's coverage (hatched, "annuaire non déployé"). */
  covered?: boolean;
}

export interface MapLabel {
  name: string;
  lon: number;
  lat: number;
}

/** One colour class of the legend: values in [from, to) (the last class includes its upper bound). */
export interface MapClass {
  from: number;
  to: number;
  colour: string;
  label: string;
}

const BLUES = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const NO_DATA = '#e6e6e6';

/**
 * Classes of a gap score (0–100): five fixed classes of 20 points, so that the same colour means the same score on
 * every page and every territory ("nice breaks", not quantiles of one map).
 */
export function scoreClasses(format: (v: number) => string): MapClass[] {
  return [0, 20, 40, 60, 80].map((from, i) => ({
    from,
    to: from + 20,
    colour: BLUES[i],
    label: `${format(from)}–${format(from + 20)}`,
  }));
}

export function classOf(classes: readonly MapClass[], v: number | null): MapClass | null {
  if (v === null || !Number.isFinite(v)) return null;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (v >= c.from && (v < c.to || i === classes.length - 1)) return c;
  }
  return v < classes[0].from ? classes[0] : classes[classes.length - 1];
}

type Ring = number[][];

function ringsOf(g: NonNullable<MapArea['geometry']>): Ring[] {
  return g.type === 'Polygon' ? (g.coordinates as number[][][]) : (g.coordinates as number[][][][]).flat();
}

/**
 * A choropleth of territories as a plain SVG string (no ECharts, no script): an equirectangular projection
 * corrected by the cosine of the mean latitude (what a department or a region needs), fitted to the box,
 * points closer than half a unit dropped. Areas without a value are grey, areas outside the directory's coverage
 * hatched; the legend sits under the map, never over it; the main towns are labelled.
 */
export function territoryMapSvg(opts: {
  areas: readonly MapArea[];
  classes: readonly MapClass[];
  title: string;
  noDataLabel: string;
  uncoveredLabel: string;
  labels?: readonly MapLabel[];
  width?: number;
  height?: number;
}): string {
  const width = opts.width ?? 1000;
  const mapHeight = (opts.height ?? 640) - 56;
  const drawn = opts.areas.filter((a) => a.geometry);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const a of drawn)
    for (const ring of ringsOf(a.geometry!))
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
  if (!drawn.length) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40" role="img"></svg>`;
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const pad = 8;
  const scale = Math.min((width - 2 * pad) / ((maxX - minX) * k || 1), (mapHeight - 2 * pad) / (maxY - minY || 1));
  const offX = (width - (maxX - minX) * k * scale) / 2;
  const offY = (mapHeight - (maxY - minY) * scale) / 2;
  const px = (lon: number) => offX + (lon - minX) * k * scale;
  const py = (lat: number) => offY + (maxY - lat) * scale;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const path = (g: NonNullable<MapArea['geometry']>) => {
    let d = '';
    for (const ring of ringsOf(g)) {
      let lastX = NaN;
      let lastY = NaN;
      let n = 0;
      for (let i = 0; i < ring.length; i++) {
        const x = r1(px(ring[i][0]));
        const y = r1(py(ring[i][1]));
        if (i > 0 && i < ring.length - 1 && Math.abs(x - lastX) < 0.5 && Math.abs(y - lastY) < 0.5) continue;
        d += `${n ? 'L' : 'M'}${x} ${y}`;
        lastX = x;
        lastY = y;
        n++;
      }
      if (n) d += 'Z';
    }
    return d;
  };
  const shapes = drawn
    .map((a) => {
      const c = classOf(opts.classes, a.value);
      const fill = a.covered === false ? 'url(#uncovered)' : (c?.colour ?? NO_DATA);
      return `<path d="${path(a.geometry!)}" fill="${fill}" stroke="#ffffff" stroke-width="0.6" fill-rule="evenodd"><title>${esc(a.name)}</title></path>`;
    })
    .join('');
  const labels = (opts.labels ?? [])
    .map((l) => {
      const x = r1(px(l.lon));
      const y = r1(py(l.lat));
      return `<circle cx="${x}" cy="${y}" r="2.2" fill="#1d2430"/><text x="${x + 4}" y="${y - 3}" font-size="12" fill="#1d2430" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(l.name)}</text>`;
    })
    .join('');
  // Legend under the map: the classes, then "no data" and, when some area is outside the coverage, "not deployed".
  const entries: { fill: string; label: string }[] = [
    ...opts.classes.map((c) => ({ fill: c.colour, label: c.label })),
    { fill: NO_DATA, label: opts.noDataLabel },
    ...(drawn.some((a) => a.covered === false) ? [{ fill: 'url(#uncovered)', label: opts.uncoveredLabel }] : []),
  ];
  let x = pad;
  const legend = entries
    .map((e) => {
      const w = 20 + 7 * e.label.length + 18;
      const out = `<rect x="${x}" y="${mapHeight + 28}" width="16" height="12" fill="${e.fill}" stroke="#8a96a8" stroke-width="0.5"/><text x="${x + 21}" y="${mapHeight + 38}" font-size="12" fill="#1d2430">${esc(e.label)}</text>`;
      x += w;
      return out;
    })
    .join('');
  const h = mapHeight + 56;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${esc(opts.title)}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">` +
    `<defs><pattern id="uncovered" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9aa3ad" stroke-width="2"/></pattern></defs>` +
    `<g>${shapes}</g><g>${labels}</g>` +
    `<text x="${pad}" y="${mapHeight + 18}" font-size="12" font-weight="bold" fill="#12355b">${esc(opts.title)}</text>${legend}</svg>`
  );
}

/** The main towns to label: the most populated areas (at most `n`), at their centre. */
export function mainTowns(
  features: readonly { name: string; population?: number | null; lat?: number | null; lon?: number | null }[],
  n = 8,
): MapLabel[] {
  return features
    .filter((f) => typeof f.lat === 'number' && typeof f.lon === 'number')
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
    .slice(0, n)
    .map((f) => ({ name: f.name, lon: f.lon!, lat: f.lat! }));
}
