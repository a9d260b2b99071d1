import type { Count } from '@vigie/contracts';
import { DEFAULT_K } from './suppression.js';

/**
 * Statistical disclosure control (SDC) of published counts, as INSEE practises statistical secrecy
 * (docs/PRIVACY.md, "Small counts"):
 *
 * - primary secrecy: a count of 1 to k−1 people or searches is never published (k = 11); 0 is published;
 * - secondary (complementary) secrecy: a table's margins (totals) and the cells that are not published
 *   by nature (the "rest" of a top-N list, searches with results = searches − zero-result searches) are
 *   linear relations an attacker can solve; more cells are hidden until no primary cell can be pinned
 *   down to fewer than `MIN_RANGE` possible values by interval propagation over every relation;
 * - every value derived from a hidden count (rate, share, per 10,000, per service, sentence) is hidden.
 *
 * Pure: no I/O, deterministic (ties broken by cell index).
 */

/** How a cell is shown: exact; primary secret (`{ lt: k }`); secondary secret (`{ secret: true }`); never published by nature. */
export type Secrecy = 'shown' | 'primary' | 'secondary' | 'unpublished';

export interface SdcCell {
  value: number;
  /** False for cells that are never published (a rest, a complement): the attacker only infers them. Default true. */
  published?: boolean;
}

/** total = Σ parts (indices into the cells). */
export interface SdcRelation {
  total: number;
  parts: readonly number[];
}

/** An attacker must not narrow a primary-secret count to fewer than this many possible values. */
export const MIN_RANGE = 3;

export function isSmall(n: number, k: number = DEFAULT_K): boolean {
  return n >= 1 && n < k;
}

interface Bounds {
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * What an attacker knows from a published table: exact shown cells, primary secrets in [1, k−1],
 * secondary secrets in [k, ∞), unpublished cells in [0, ∞), tightened through every relation until stable.
 */
export function attackBounds(cells: readonly SdcCell[], relations: readonly SdcRelation[], secrecy: readonly Secrecy[], k: number): Bounds {
  const n = cells.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = secrecy[i];
    if (s === 'shown') lo[i] = hi[i] = cells[i].value;
    else if (s === 'primary') [lo[i], hi[i]] = [1, k - 1];
    else if (s === 'secondary') [lo[i], hi[i]] = [k, Infinity];
    else [lo[i], hi[i]] = [0, Infinity];
  }
  for (let pass = 0; pass < 100; pass++) {
    let changed = false;
    for (const r of relations) {
      let sumLo = 0;
      let sumHi = 0;
      for (const p of r.parts) {
        sumLo += lo[p];
        sumHi += hi[p];
      }
      if (sumLo > lo[r.total]) [lo[r.total], changed] = [sumLo, true];
      if (sumHi < hi[r.total]) [hi[r.total], changed] = [sumHi, true];
      for (const p of r.parts) {
        const othersLo = sumLo - lo[p];
        const othersHi = sumHi - hi[p];
        const nlo = Number.isFinite(othersHi) ? lo[r.total] - othersHi : -Infinity;
        const nhi = hi[r.total] - othersLo;
        if (nlo > lo[p]) [lo[p], changed] = [nlo, true];
        if (nhi < hi[p]) [hi[p], changed] = [nhi, true];
      }
    }
    if (!changed) break;
  }
  return { lo, hi };
}

/** Cells an attacker narrows to fewer than MIN_RANGE values although their count is small (1 … k−1). */
export function disclosedCells(
  cells: readonly SdcCell[],
  relations: readonly SdcRelation[],
  secrecy: readonly Secrecy[],
  k: number,
): number[] {
  const { lo, hi } = attackBounds(cells, relations, secrecy, k);
  const out: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (secrecy[i] === 'shown' || !isSmall(cells[i].value, k)) continue;
    if (hi[i] - lo[i] + 1 < MIN_RANGE) out.push(i);
  }
  return out;
}

/**
 * Primary then secondary secrecy for a table of cells linked by additive relations. `k = null`: the
 * viewer may see exact counts (everything shown but the unpublished cells).
 */
export function protectTable(cells: readonly SdcCell[], relations: readonly SdcRelation[], k: number | null = DEFAULT_K): Secrecy[] {
  const secrecy: Secrecy[] = cells.map((c) =>
    c.published === false ? 'unpublished' : k !== null && isSmall(c.value, k) ? 'primary' : 'shown',
  );
  if (k === null) return secrecy;
  const byCell = new Map<number, SdcRelation[]>();
  for (const r of relations)
    for (const c of [r.total, ...r.parts]) {
      const list = byCell.get(c);
      if (list) list.push(r);
      else byCell.set(c, [r]);
    }
  for (let guard = 0; guard <= cells.length; guard++) {
    const leaks = disclosedCells(cells, relations, secrecy, k);
    if (!leaks.length) return secrecy;
    // Hide the smallest shown positive part of a relation through which the first leaking cell is pinned
    // down; a total only when no part is left (hiding a total hides more information than a part).
    const around = byCell.get(leaks[0]) ?? [];
    const smallest = (candidates: number[]) =>
      candidates
        .filter((c) => secrecy[c] === 'shown' && cells[c].value > 0)
        .reduce((b, c) => (b < 0 || cells[c].value < cells[b].value ? c : b), -1);
    let best = smallest(around.flatMap((r) => [...r.parts]));
    if (best < 0) best = smallest(around.map((r) => r.total));
    if (best < 0) {
      // Nothing left to hide around it: hide every shown positive member of the relations that pin it down.
      let any = false;
      for (const r of relations)
        for (const c of [r.total, ...r.parts]) if (secrecy[c] === 'shown' && cells[c].value > 0) [secrecy[c], any] = ['secondary', true];
      if (!any) return secrecy; // the attacker already knows every member: nothing more can be done in this table
    } else secrecy[best] = 'secondary';
  }
  return secrecy;
}

/** A count as published: exact, `{ lt: k }` (primary secret) or `{ secret: true }` (hidden to protect another cell). */
export function disclose(value: number, secrecy: Secrecy, k: number | null): Count {
  if (secrecy === 'shown' || k === null) return value;
  if (secrecy === 'primary') return { lt: k };
  return { secret: true };
}

/** A ratio is published only when both of its counts are (or the viewer sees exact counts). */
export function ratioIf(shown: boolean, num: number, den: number): number | null {
  return shown && den > 0 ? num / den : null;
}

/**
 * Counts of a table with rows, each row split into zero-result searches and the others, under a total
 * (and a zero-result total): the shape of search breakdowns, series and unmet-demand tables.
 * `partition`: the rows (with their unlisted rest) add up to the totals, so the totals are relations.
 */
export interface RowTable {
  total: number;
  totalZero?: number;
  rows: readonly { count: number; zero?: number }[];
  /** Sum of the rows that exist but are not listed (top-N), null when the rows do not partition the total. */
  rest?: { count: number; zero?: number } | null;
}

export interface ProtectedRows {
  total: Secrecy;
  totalZero: Secrecy;
  rows: { count: Secrecy; zero: Secrecy }[];
}

export function protectRows(t: RowTable, k: number | null = DEFAULT_K): ProtectedRows {
  const cells: SdcCell[] = [];
  const relations: SdcRelation[] = [];
  const add = (value: number, published = true) => cells.push({ value, published }) - 1;
  const total = add(t.total);
  const hasZero = t.totalZero !== undefined;
  const totalZero = add(t.totalZero ?? 0, hasZero);
  const rows = t.rows.map((r) => {
    const count = add(r.count);
    const zero = add(r.zero ?? 0, r.zero !== undefined);
    if (r.zero !== undefined) relations.push({ total: count, parts: [zero, add(r.count - r.zero, false)] });
    return { count, zero };
  });
  if (hasZero) relations.push({ total, parts: [totalZero, add(t.total - (t.totalZero ?? 0), false)] });
  if (t.rest !== null) {
    const restCount = t.rest?.count ?? 0;
    const restZero = t.rest?.zero ?? 0;
    const rc = restCount > 0 ? [add(restCount, false)] : [];
    relations.push({ total, parts: [...rows.map((r) => r.count), ...rc] });
    if (hasZero) {
      const rz = restZero > 0 ? [add(restZero, false)] : [];
      relations.push({ total: totalZero, parts: [...rows.map((r) => r.zero), ...rz] });
    }
  }
  const s = protectTable(cells, relations, k);
  return { total: s[total], totalZero: s[totalZero], rows: rows.map((r) => ({ count: s[r.count], zero: s[r.zero] })) };
}

/** Counts of people (settlement residents) under their total: the same rules, one column. */
export function protectParts(total: number, parts: readonly number[], k: number | null = DEFAULT_K): { total: Secrecy; parts: Secrecy[] } {
  const sum = parts.reduce((x, y) => x + y, 0);
  const p = protectRows({ total, rows: parts.map((count) => ({ count })), rest: sum <= total ? { count: total - sum } : null }, k);
  return { total: p.total, parts: p.rows.map((r) => r.count) };
}

/** A count of people or searches in the coverage engine's explanation sentences (integers: "1 234", "1,234"). */
const COUNTED =
  /(?<![\d.,])(\d{1,3}(?:[\s\u00a0\u202f,]\d{3})*)(?![\d.,]?\d)\s+(recherches|searches|personnes|people)\b(?!\s+p[ae]r service)/gi;
const NUMBER_SEP = /[\s\u00a0\u202f,]/g;

/**
 * An explanation sentence with the counts of people or searches under k replaced by "< k" and the values
 * computed from them (rates, per-service figures) removed. `rateHidden`: the zero-result searches behind a
 * rate are secret although the searches are not (the rate × the searches would give them). `k = null`: unchanged.
 */
export function suppressSentence(sentence: string, k: number | null, opts: { rateHidden?: boolean } = {}): string {
  if (k === null) return sentence;
  let small = false;
  let out = sentence.replace(COUNTED, (m, num: string, word: string) => {
    const n = Number(num.replace(NUMBER_SEP, ''));
    if (!Number.isFinite(n) || !isSmall(n, k)) return m;
    small = true;
    return `< ${k} ${word}`;
  });
  if (small) out = out.replace(/\s*\([^)]*p[ae]r service\)/gi, '');
  if (small || opts.rateHidden)
    out = out.replace(/\d[\d\s\u00a0\u202f.,]*%\s*(des|of)\s(?!the score)/gi, (_m, w: string) =>
      w.toLowerCase() === 'of' ? 'undisclosed share of ' : 'part non diffusée des ',
    );
  return out;
}
