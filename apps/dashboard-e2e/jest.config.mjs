import { preset } from '../../tools/jest/preset.mjs';

// End-to-end: the built API serves the built dashboard on a real Postgres; Debian's Chromium drives it.
export default preset(import.meta.dirname, {
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.mjs',
  globalTeardown: '<rootDir>/src/support/global-teardown.mjs',
  testTimeout: 90000,
  forceExit: true,
});
