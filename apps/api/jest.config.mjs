import { preset } from '../../tools/jest/preset.mjs';

export default preset(import.meta.dirname, {
  globalSetup: '<rootDir>/src/test/global-setup.mjs',
  globalTeardown: '<rootDir>/src/test/global-teardown.mjs',
  testTimeout: 120000,
  maxWorkers: 2,
});
