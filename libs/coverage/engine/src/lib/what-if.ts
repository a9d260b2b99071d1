import { bandWeight, type CoverageModel } from './model.js';
import { chord2ToMeters, metersToChord2, toUnitVector } from './sphere-index.js';
import type { Level } from './types.js';

export interface HypotheticalService {
  lat: number;
  lon: number;
  categoryId: string;
  themeId: string;
}

export interface WhatIfCommune {
  code: string;
  population: number;
  /** Nearest open service of the key today (null = none anywhere). */
  nearestBeforeMeters: number | null;
  /** Distance to the hypothetical service. */
  newServiceMeters: number;
  /** Within the threshold of the new service and not of any existing one. */
  gainsAccess: boolean;
  accessibilityBefore: number;
  /** Change of the E2SFCA index (services per 10,000 inhabitants). */
  accessibilityDelta: number;
}

export interface WhatIfTerritory {
  level: Level;
  code: string;
  population: number;
  populationGaining: number;
  /** Change of the population-weighted mean accessibility of the territory. */
  accessibilityDelta: number;
}

export interface WhatIfSettlement {
  id: string;
  communeCode: string;
  lat: number;
  lon: number;
  population: number | null;
  nearestBeforeMeters: number | null;
  newServiceMeters: number;
}

export interface WhatIfKeyResult {
  key: string;
  thresholdMeters: number;
  populationGaining: number;
  settlementSitesGaining: number;
  settlementResidentsGaining: number;
  /** Communes within the threshold or the catchment of the new service. */
  communes: WhatIfCommune[];
  territories: WhatIfTerritory[];
  settlementsGaining: WhatIfSettlement[];
}

export interface WhatIfResult {
  keys: WhatIfKeyResult[];
}

/**
 * Effect of adding one hypothetical service, without changing the model. Exact: the E2SFCA ratio of
 * existing services depends only on population, so adding a service changes the index only by its
 * own term R_new·W(d) in the communes of its catchment.
 */
export function whatIf(model: CoverageModel, s: HypotheticalService): WhatIfResult {
  const keyIds = [...new Set([s.categoryId, s.themeId])];
  const [x, y, z] = toUnitVector(s.lat, s.lon);
  const bands = model.config.bands;
  const catchment = model.catchmentMeters;
  const pop = model.territories.commune.population;
  const cfg = model.config;
  const out: WhatIfKeyResult[] = [];
  for (const id of keyIds) {
    const k = model.keyIndex.get(id);
    const isTheme = id === s.themeId && (k === undefined || model.keys[k].type === 'theme');
    const thr =
      k !== undefined
        ? model.keys[k].thresholdMeters
        : (isTheme ? cfg.thresholdsByTheme[id] : cfg.thresholdsByTheme[s.themeId]) || cfg.defaultThresholdMeters;
    const radius = Math.max(thr, catchment);
    const found: { i: number; m: number }[] = [];
    model.communeIndex.within(x, y, z, metersToChord2(radius), (pos, c2) =>
      found.push({ i: model.communeIndex.ids[pos], m: chord2ToMeters(c2) }),
    );
    found.sort((a, b) => a.i - b.i);
    let denom = 0;
    for (const f of found) if (f.m <= catchment) denom += pop[f.i] * bandWeight(bands, f.m);
    const R = denom > 0 ? 1 / denom : 0;
    const nearest = k !== undefined ? model.nearest[k] : null;
    const access = k !== undefined ? model.access[k] : null;
    const communes: WhatIfCommune[] = [];
    let gaining = 0;
    for (const { i, m } of found) {
      const before = nearest ? nearest[i] : Infinity;
      if (Number.isNaN(before)) throw new Error('whatIf needs a full (not incremental) model');
      const gains = m <= thr && !(before <= thr);
      if (gains) gaining += pop[i];
      communes.push({
        code: model.communeCodes[i],
        population: pop[i],
        nearestBeforeMeters: Number.isFinite(before) ? before : null,
        newServiceMeters: m,
        gainsAccess: gains,
        accessibilityBefore: access ? access[i] : 0,
        accessibilityDelta: m <= catchment ? R * bandWeight(bands, m) * 10_000 : 0,
      });
    }
    // Higher levels: population-weighted change of the mean index.
    const territories: WhatIfTerritory[] = [];
    for (const level of ['epci', 'department', 'region', 'country'] as Level[]) {
      const tt = model.territories[level];
      const acc = new Map<number, { gain: number; dA: number }>();
      found.forEach(({ i }, j) => {
        const t = model.parent[level][i];
        if (t < 0) return;
        const c = communes[j];
        const v = acc.get(t) ?? { gain: 0, dA: 0 };
        v.gain += c.gainsAccess ? c.population : 0;
        v.dA += c.population * c.accessibilityDelta;
        acc.set(t, v);
      });
      for (const [t, v] of acc) {
        const P = tt.population[t];
        territories.push({ level, code: tt.codes[t], population: P, populationGaining: v.gain, accessibilityDelta: P > 0 ? v.dA / P : 0 });
      }
    }
    // Settlements (settlement themes only).
    const settlementsGaining: WhatIfSettlement[] = [];
    const sd = k !== undefined ? model.settlementNearest.get(k) : undefined;
    if (sd) {
      for (let j = 0; j < sd.length; j++) {
        const [sx, sy, sz] = toUnitVector(model.settlementLat[j], model.settlementLon[j]);
        const m = chord2ToMeters((sx - x) ** 2 + (sy - y) ** 2 + (sz - z) ** 2);
        if (m <= thr && !(sd[j] <= thr)) {
          const row = model.settlementRows[j];
          settlementsGaining.push({
            id: row.id,
            communeCode: row.communeCode,
            lat: model.settlementLat[j],
            lon: model.settlementLon[j],
            population: row.population,
            nearestBeforeMeters: Number.isFinite(sd[j]) ? sd[j] : null,
            newServiceMeters: m,
          });
        }
      }
    }
    out.push({
      key: id,
      thresholdMeters: thr,
      populationGaining: gaining,
      settlementSitesGaining: settlementsGaining.length,
      settlementResidentsGaining: settlementsGaining.reduce((a, b) => a + (b.population ?? 0), 0),
      communes,
      territories,
      settlementsGaining,
    });
  }
  return { keys: out };
}
