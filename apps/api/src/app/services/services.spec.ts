import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import type { ServicePoints } from '@vigie/contracts';
import { addDays } from '@vigie/calendar';
import { as, loginAs, testApp, testDatabaseUrl, testToday } from '../../test/app.js';

/** Hand-made services in Lozère (48), a department no other spec uses. */
describe('service points for the map (real Postgres)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let api: ReturnType<typeof as>;
  // "Open today" is read on the API's clock (the test day, VIGIE_TODAY), not on the machine's date.
  const today = testToday();
  const day = (offset: number) => addDays(today, offset);

  beforeAll(async () => {
    app = await testApp();
    api = as(app, await loginAs(app, 'admin'));
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    const rows: [string, string, string, string, string, object[], boolean][] = [
      // id, category, theme, status, commune, closed periods, removed
      ['p1', 'food_distribution', 'food', 'ONLINE', '48095', [], false], // Mende, open
      ['p2', 'food_distribution', 'food', 'ONLINE', '48095', [{ start: day(-3), end: day(3) }], false], // closed today
      ['p3', 'shower', 'hygiene_and_wellness', 'ONLINE', '48095', [{ start: day(10), end: null }], false], // closes later: open
      ['p4', 'food_distribution', 'food', 'OFFLINE', '48095', [], false], // not shown
      ['p5', 'food_distribution', 'food', 'ONLINE', '48095', [], true], // removed: not shown
      ['p6', 'food_distribution', 'food', 'ONLINE', '48061', [{ start: day(-30), end: null }], false], // Marvejols, closed until further notice
    ];
    for (const [id, cat, theme, status, commune, closed, removed] of rows) {
      await pool.query(
        `INSERT INTO service (source, source_id, place_source_id, place_name, category_id, theme_id, status, visibility, lat, lon, commune_code, department_code, region_code, closed_periods, row_hash, removed_at)
         SELECT 'spec-points', $1, $1, 'Lieu ' || $1, $2, $3, $4, 'ALL', c.lat, c.lon, c.code, c.department_code, c.region_code, $6::jsonb, 'h', CASE WHEN $7 THEN now() END
         FROM commune c WHERE c.code = $5
         ON CONFLICT (source, source_id) DO NOTHING`,
        [id, cat, theme, status, commune, JSON.stringify(closed), removed],
      );
    }
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it("lists ONLINE services of the territory with today's open state from temporary closures", async () => {
    const res = (await api.get('/api/services/points?level=department&code=48').expect(200)).body as ServicePoints;
    const mine = res.points.filter((p) => p.name.startsWith('Lieu p'));
    expect(mine.map((p) => [p.name, p.open]).sort()).toEqual([
      ['Lieu p1', true],
      ['Lieu p2', false],
      ['Lieu p3', true],
      ['Lieu p6', false],
    ]);
    expect(res.filters).toMatchObject({ level: 'department', code: '48' });
    expect(today).toMatch(/^\d{4}/);
  });

  it('filters by commune and theme, caps the list and says so', async () => {
    const food = (await api.get('/api/services/points?level=commune&code=48095&theme=food').expect(200)).body as ServicePoints;
    expect(
      food.points
        .filter((p) => p.name.startsWith('Lieu p'))
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Lieu p1', 'Lieu p2']);
    expect(food.points.every((p) => p.themeId === 'food' && p.communeCode === '48095')).toBe(true);
    const capped = (await api.get('/api/services/points?level=department&code=48&limit=1').expect(200)).body as ServicePoints;
    expect(capped.points).toHaveLength(1);
    expect(capped.total).toBeGreaterThanOrEqual(4);
    expect(capped.truncated).toBe(true);
  });

  it("is scoped to the viewer's territories and validates its query", async () => {
    const copil = as(app, await loginAs(app, 'copil', ['department:48']));
    const own = (await copil.get('/api/services/points').expect(200)).body as ServicePoints;
    expect(own.filters).toMatchObject({ level: 'department', code: '48' });
    await copil.get('/api/services/points?level=department&code=95').expect(403);
    await api.get('/api/services/points?theme=food&category=shower').expect(400);
    await api.get('/api/services/points?theme=pizza').expect(400);
    await api.get('/api/services/points?limit=0').expect(400);
    await api.get('/api/services/points?level=department').expect(400);
    await api.get('/api/services/points?level=department&code=98').expect(404);
  });
});
