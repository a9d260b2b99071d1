import fc from 'fast-check';
import { disclose, isSmall, MIN_RANGE, protectParts, protectRows, type Secrecy, suppressSentence } from './sdc.js';

const K = 11;
/** Counts as a directory's search logs give them: many small ones, zeros, a few large. */
const count = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 11, max: 60 }), fc.constant(0));

/**
 * Independent attacker 1 (brute force): the hidden cells of a breakdown given its published total. Every
 * assignment allowed by what is shown (primary secret in [1, k−1], secondary secret ≥ k) that adds up to the
 * total minus the shown rows; returns the possible values of each hidden cell.
 */
function feasibleValues(total: number, shown: (number | null)[], secrecy: Secrecy[]): Map<number, Set<number>> {
  const hidden = secrecy.map((s, i) => (s === 'shown' ? -1 : i)).filter((i) => i >= 0);
  const left = total - shown.reduce<number>((a, b) => a + (b ?? 0), 0);
  const out = new Map<number, Set<number>>(hidden.map((i) => [i, new Set<number>()]));
  const cur: number[] = [];
  const walk = (j: number, rest: number) => {
    if (j === hidden.length) {
      if (rest === 0) hidden.forEach((h, x) => out.get(h)!.add(cur[x]));
      return;
    }
    const [lo, hi] = secrecy[hidden[j]] === 'primary' ? [1, K - 1] : [K, rest];
    for (let v = lo; v <= Math.min(hi, rest); v++) {
      cur[j] = v;
      walk(j + 1, rest - v);
    }
  };
  walk(0, left);
  return out;
}

/**
 * Independent attacker 2 (linear differencing): Gaussian elimination on every published relation; a hidden
 * cell is recovered exactly when its unit vector lies in the row space of the equations on hidden cells.
 */
function recoveredExactly(equations: { coef: Map<number, number>; value: number }[], unknowns: number[]): Map<number, number> {
  const idx = new Map(unknowns.map((u, i) => [u, i]));
  const rows = equations
    .map((e) => {
      const a = new Array<number>(unknowns.length + 1).fill(0);
      for (const [c, v] of e.coef) if (idx.has(c)) a[idx.get(c)!] += v;
      a[unknowns.length] = e.value;
      return a;
    })
    .filter((a) => a.slice(0, -1).some((v) => v !== 0));
  let r = 0;
  const pivots: number[] = [];
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    const pv = rows[r][c];
    rows[r] = rows[r].map((v) => v / pv);
    for (let i = 0; i < rows.length; i++)
      if (i !== r && Math.abs(rows[i][c]) > 1e-9) rows[i] = rows[i].map((v, j) => v - rows[i][c] * rows[r][j]);
    pivots.push(c);
    r++;
  }
  const out = new Map<number, number>();
  pivots.forEach((c, i) => {
    const row = rows[i];
    const others = row.slice(0, -1).filter((v, j) => j !== c && Math.abs(v) > 1e-9);
    if (!others.length) out.set(unknowns[c], Math.round(row[unknowns.length]));
  });
  return out;
}

describe('statistical disclosure control (attacked)', () => {
  it('primary secrecy: 1 … 10 hidden, 0 and ≥ 11 shown, exact for authorised viewers', () => {
    expect(disclose(0, 'shown', K)).toBe(0);
    expect(disclose(7, 'primary', K)).toEqual({ lt: 11 });
    expect(disclose(12, 'secondary', K)).toEqual({ secret: true });
    expect(disclose(7, 'primary', null)).toBe(7);
    const p = protectRows({ total: 40, rows: [{ count: 0 }, { count: 10 }, { count: 11 }, { count: 19 }], rest: { count: 0 } });
    expect(p.rows.map((r) => r.count)).toEqual(['shown', 'primary', 'secondary', 'shown']);
    expect(protectRows({ total: 40, rows: [{ count: 10 }, { count: 30 }], rest: { count: 0 } }, null).rows[0].count).toBe('shown');
  });

  it('differencing against the total: a single suppressed row hides the next smallest (the attack recovers nothing)', () => {
    // Today's rule (primary only): 5 = 40 − 12 − 23.
    const p = protectRows({ total: 40, rows: [{ count: 23 }, { count: 12 }, { count: 5 }], rest: { count: 0 } });
    expect(p.rows.map((r) => r.count)).toEqual(['shown', 'secondary', 'primary']);
    const f = feasibleValues(
      40,
      [23, null, null],
      p.rows.map((r) => r.count),
    );
    expect(f.get(2)!.size).toBeGreaterThanOrEqual(MIN_RANGE);
  });

  it('property: no breakdown row under 11 can be narrowed to fewer than 3 values from the total and its siblings', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 7 }), (rows) => {
        const total = rows.reduce((a, b) => a + b, 0);
        const p = protectRows({ total, rows: rows.map((c) => ({ count: c })), rest: { count: 0 } });
        if (isSmall(total, K)) expect(p.total).not.toBe('shown');
        if (p.total !== 'shown') return; // no relation published: each row stands alone
        const s = p.rows.map((r) => r.count);
        const shown = rows.map((c, i) => (s[i] === 'shown' ? c : null));
        const f = feasibleValues(total, shown, s);
        rows.forEach((c, i) => {
          if (isSmall(c, K)) {
            expect(s[i]).toBe('primary');
            expect(f.get(i)!.size).toBeGreaterThanOrEqual(Math.min(MIN_RANGE, K - 1));
            expect(f.get(i)!.has(c)).toBe(true);
          }
        });
      }),
      { numRuns: 400, seed: 17 },
    );
  });

  it('property: rows × (zero-result, other) with both totals — linear differencing recovers no small count', () => {
    const row = fc.record({ zero: count, other: count });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.array(row, { maxLength: 3 }), (listed, unlisted) => {
        const all = [...listed, ...unlisted];
        const total = all.reduce((a, r) => a + r.zero + r.other, 0);
        const totalZero = all.reduce((a, r) => a + r.zero, 0);
        const rest = { count: unlisted.reduce((a, r) => a + r.zero + r.other, 0), zero: unlisted.reduce((a, r) => a + r.zero, 0) };
        const p = protectRows({ total, totalZero, rows: listed.map((r) => ({ count: r.zero + r.other, zero: r.zero })), rest });
        // Cells: 0 total, 1 totalZero, then per listed row (count, zero, other), then rest count/zero, totals' other.
        const cells: { value: number; shown: boolean }[] = [
          { value: total, shown: p.total === 'shown' },
          { value: totalZero, shown: p.totalZero === 'shown' },
        ];
        listed.forEach((r, i) => {
          cells.push({ value: r.zero + r.other, shown: p.rows[i].count === 'shown' });
          cells.push({ value: r.zero, shown: p.rows[i].zero === 'shown' });
          cells.push({ value: r.other, shown: false });
        });
        const restCount = cells.push({ value: rest.count, shown: rest.count === 0 }) - 1;
        const restZero = cells.push({ value: rest.zero, shown: rest.zero === 0 }) - 1;
        const totalOther = cells.push({ value: total - totalZero, shown: false }) - 1;
        const eq: { coef: Map<number, number>; value: number }[] = [];
        const relation = (t: number, parts: number[]) => {
          const coef = new Map<number, number>([[t, -1]]);
          for (const q of parts) coef.set(q, (coef.get(q) ?? 0) + 1);
          let value = 0;
          for (const [c, v] of coef)
            if (cells[c].shown) {
              value -= v * cells[c].value;
              coef.delete(c);
            }
          eq.push({ coef, value });
        };
        relation(
          0,
          listed.map((_, i) => 2 + 3 * i),
        );
        eq[eq.length - 1].coef.set(restCount, (eq[eq.length - 1].coef.get(restCount) ?? 0) + (cells[restCount].shown ? 0 : 1));
        relation(1, [...listed.map((_, i) => 3 + 3 * i), ...(cells[restZero].shown ? [] : [restZero])]);
        listed.forEach((_, i) => relation(2 + 3 * i, [3 + 3 * i, 4 + 3 * i]));
        relation(0, [1, totalOther]);
        const unknowns = cells.map((c, i) => (c.shown ? -1 : i)).filter((i) => i >= 0);
        const got = recoveredExactly(eq, unknowns);
        for (const [c, v] of got) {
          expect(v).toBe(cells[c].value); // the attack is right about what it recovers …
          expect(isSmall(v, K)).toBe(false); // … and never recovers a count under 11
        }
        // Shown zero-result counts and rates never give a small complement (searches − zero-result searches).
        listed.forEach((r, i) => {
          if (p.rows[i].zero === 'shown' && p.rows[i].count === 'shown') expect(isSmall(r.other, K)).toBe(false);
        });
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('derived values × population: a per-10k rate is only published with its count, so rate × population never gives a count under 11', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ n: count, pop: fc.integer({ min: 50, max: 200_000 }) }), { minLength: 1, maxLength: 6 }), (rows) => {
        const total = rows.reduce((a, r) => a + r.n, 0);
        const p = protectRows({ total, rows: rows.map((r) => ({ count: r.n })), rest: { count: 0 } });
        rows.forEach((r, i) => {
          const published = p.rows[i].count === 'shown' ? (r.n / r.pop) * 10_000 : null;
          if (published !== null) expect(isSmall(Math.round((published * r.pop) / 10_000), K)).toBe(false);
        });
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('settlement residents: populations under 11 hidden and not recoverable from the residents total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 6 }), (pops) => {
        const total = pops.reduce((a, b) => a + b, 0);
        const p = protectParts(total, pops);
        if (p.total !== 'shown') return;
        const f = feasibleValues(
          total,
          pops.map((v, i) => (p.parts[i] === 'shown' ? v : null)),
          p.parts,
        );
        pops.forEach((v, i) => {
          if (isSmall(v, K)) expect(f.get(i)!.size).toBeGreaterThanOrEqual(MIN_RANGE);
        });
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('explanation sentences: small counts and what is computed from them are removed', () => {
    expect(suppressSentence('30 % du score : 7 recherches pour 2 services accessibles (3,5 recherches par service)', K)).toBe(
      '30 % du score : < 11 recherches pour 2 services accessibles',
    );
    expect(suppressSentence('25 % du score : 43 % des 7 recherches sans résultat', K)).toBe(
      '25 % du score : part non diffusée des < 11 recherches sans résultat',
    );
    expect(suppressSentence('25% of the score: 43% of 7 searches returned no result', K)).toBe(
      '25% of the score: undisclosed share of < 11 searches returned no result',
    );
    expect(suppressSentence('20 % du score : 8 personnes dans 1 lieux de vie informels à plus de 5 km', K)).toMatch(
      /^20 % du score : < 11 personnes/,
    );
    expect(suppressSentence('30 % du score : 1 234 recherches pour 2 services accessibles (617 recherches par service)', K)).toBe(
      '30 % du score : 1 234 recherches pour 2 services accessibles (617 recherches par service)',
    );
    expect(suppressSentence('25 % du score : 20 % des 15 recherches sans résultat', K, { rateHidden: true })).toBe(
      '25 % du score : part non diffusée des 15 recherches sans résultat',
    );
    expect(suppressSentence('30 % du score : 7 recherches', null)).toBe('30 % du score : 7 recherches');
  });
});
