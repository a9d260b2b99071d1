import { ConfigError, loadConfig, redactUrl } from './config.js';

const defaults = { geoDir: 'data/geo', dashboardDir: 'dist/apps/dashboard/browser' };

describe('configuration', () => {
  it('defaults to the embedded database on port 3000', () => {
    const c = loadConfig({}, defaults);
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, dataDir: '.data', embeddedPgPort: 54329 });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer between 1 and 65535/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /must start with postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /not a valid URL/],
    [{ DATABASE_URL: 'postgres://host' }, /must name a host and a database/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ CORS_ORIGINS: 'evil' }, /CORS_ORIGINS/],
  ])('rejects %p with one clear line', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv, defaults)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv, defaults)).toThrow(message);
  });

  it('never prints a database password', () => {
    expect(redactUrl('postgres://vigie:secret@db:5432/vigie')).toBe('postgres://vigie:***@db:5432/vigie');
  });
});
