import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CoverageModel, CoverageRow } from '@vigie/coverage-engine';
import { isolatedDatabase, testToday } from '../../test/app.js';
import { loadDemo } from '../demo/demo-loader.js';
import { findFormat, type FormatEntry } from '../imports/formats.js';
import { loadGeoResolver } from '../imports/geo-resolver.cache.js';
import { importFile } from '../imports/import-file.js';
import { nextState, refreshCoverage } from './coverage-refresh.js';

describe('incremental coverage recompute (real Postgres)', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    // Its own database: other specs import searches and services concurrently, which would change what a
    // recompute reads between the incremental and the full one.
    pool = new pg.Pool({ connectionString: await isolatedDatabase('vigie_coverage_incremental_test') });
    await loadDemo(pool, {
      scale: 'department',
      department: '2B',
      seed: 3,
      today: new Date(Date.UTC(2026, 10, 1)),
      source: 'demo-incremental-spec',
    });
  }, 400_000);
  afterAll(async () => {
    await pool.end();
  });

  it('recomputes incrementally after an import (searches of one department, then a moved service): the rows of a full recompute', async () => {
    const today = testToday();
    const keys = ['food', 'food_distribution', 'long_term_accomodation'];
    const rowsOf = (m: CoverageModel) => [...m.rows({ keys, skipEmpty: false })];
    // Whole-row equality of ~100,000 rows, compared as JSON (jest's deep equality takes minutes here).
    const same = (a: CoverageRow[], b: CoverageRow[]) => a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
    const before = (await nextState(pool, today, null)).state;

    // 1. New searches in two communes of Haute-Corse, through the file import: only that department's
    // searches are read again, and the spatial model is reused.
    const dir = mkdtempSync(join(tmpdir(), 'vigie-cov-'));
    const file = join(dir, 'searches.csv');
    const lines = [
      'id;created_at;category;word;geo_type;city_code;department_code;region_code;nb_results;user_status;origin;language;admin_search',
    ];
    for (let i = 0; i < 40; i++)
      lines.push(
        `incr-${i};${today}T0${i % 9}:00:00Z;food_distribution;;ville;${i % 2 ? '2B033' : '2B096'};2B;94;${i % 3 ? 4 : 0};pro;web;fr;false`,
      );
    writeFileSync(file, lines.join('\n') + '\n');
    const entry = findFormat('search-events', 'csv', file) as FormatEntry;
    const imported = await importFile(pool, await loadGeoResolver(pool), entry, { path: file }, { source: 'coverage-incremental' });
    rmSync(dir, { recursive: true, force: true });
    expect(imported.inserted).toBe(40);
    const { rows } = await pool.query(
      `SELECT id FROM service WHERE department_code = '2B' AND status = 'ONLINE' AND removed_at IS NULL AND theme_id = 'food' ORDER BY id LIMIT 1`,
    );
    try {
      const afterSearches = await nextState(pool, today, before);
      expect([afterSearches.mode, afterSearches.searchDepartmentsRead]).toEqual(['searches', 1]);
      const full1 = await nextState(pool, today, null);
      expect(full1.mode).toBe('full');
      const got1 = rowsOf(afterSearches.model);
      expect(same(got1, rowsOf(full1.model))).toBe(true);
      const bastia = (m: CoverageRow[]) => m.find((r) => r.level === 'commune' && r.code === '2B033' && r.key === 'food')!.searches;
      expect(bastia(got1)).toBe(bastia(rowsOf(before.model)) + 20);

      // 2. A service moved (services changed, searches not): the model is recomputed, no search read again.
      await pool.query(`UPDATE service SET lat = lat + 0.05 WHERE id = $1`, [rows[0].id]);
      const afterMove = await nextState(pool, today, afterSearches.state);
      expect([afterMove.mode, afterMove.searchDepartmentsRead]).toEqual(['services', 0]);
      const full2 = await nextState(pool, today, null);
      expect(same(rowsOf(afterMove.model), rowsOf(full2.model))).toBe(true);
      expect(same(rowsOf(afterMove.model), got1)).toBe(false);
      expect(afterMove.model.services.find((s) => s.input.id === String(rows[0].id))!.input.lat).toBeCloseTo(
        full2.model.services.find((s) => s.input.id === String(rows[0].id))!.input.lat,
        9,
      );

      // 3. Nothing new: the previous model is reused as it is, and the snapshot records how it was computed.
      const again = await refreshCoverage(pool, 'test: nothing new', { previous: afterMove.state, today });
      expect(again.mode).toBe('searches');
      expect(again.state.model).toBe(afterMove.model);
      const cfg = (await pool.query(`SELECT config FROM coverage_snapshot WHERE id = $1`, [again.snapshotId])).rows[0].config;
      expect(cfg).toMatchObject({ mode: 'searches', searchDepartmentsRead: 0 });
      // `full` ignores the previous state.
      expect((await nextState(pool, today, null)).mode).toBe('full');
    } finally {
      await pool.query(`UPDATE service SET lat = lat - 0.05 WHERE id = $1`, [rows[0].id]);
      await pool.query(`DELETE FROM search_event WHERE source = 'coverage-incremental'`);
    }
  }, 300_000);
});
