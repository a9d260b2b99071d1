// The day every test run lives on. Tests, the API test app, the e2e server and the demo data they load
// read "today" from Vigie's clock, pinned here through VIGIE_TODAY (libs/shared/calendar), so no test
// depends on the day or the time zone it runs in. `VIGIE_TODAY=2027-01-03 npm test` runs the suites on
// another day (e.g. an ISO week-53 year, a leap February).
export const DEFAULT_TEST_DAY = '2026-11-15';

/** Pins VIGIE_TODAY for this process and the ones it starts (keeps a day already given) and returns it. */
export function pinTestDay(env = process.env) {
  env.VIGIE_TODAY ||= DEFAULT_TEST_DAY;
  return env.VIGIE_TODAY;
}
