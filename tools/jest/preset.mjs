// Shared Jest configuration: TypeScript through SWC (decorator metadata on), native ESM
// (Jest runs with --experimental-vm-modules, because NestJS 12 ships ESM only).
// Workspace libraries resolve to their TypeScript sources so tests never need a prior build.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const libSources = {
  '^@vigie/contracts$': join(workspaceRoot, 'libs/shared/contracts/src/index.ts'),
  '^@vigie/territory-domain$': join(workspaceRoot, 'libs/territory/domain/src/index.ts'),
  '^@vigie/coverage-engine$': join(workspaceRoot, 'libs/coverage/engine/src/index.ts'),
  '^@vigie/taxonomy$': join(workspaceRoot, 'libs/shared/taxonomy/src/index.ts'),
  '^@vigie/ingest-domain$': join(workspaceRoot, 'libs/ingest/domain/src/index.ts'),
  '^@vigie/demo-generator$': join(workspaceRoot, 'libs/demo/generator/src/index.ts'),
  '^@vigie/analytics-domain$': join(workspaceRoot, 'libs/analytics/domain/src/index.ts'),
  '^@vigie/reports-domain$': join(workspaceRoot, 'libs/reports/domain/src/index.ts'),
  '^@vigie/calendar$': join(workspaceRoot, 'libs/shared/calendar/src/index.ts'),
};

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** @returns {import('jest').Config} */
export function preset(projectDir, overrides = {}) {
  return {
    rootDir: projectDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', swc] },
    moduleNameMapper: { ...libSources, '^(\\.{1,2}/.*)\\.js$': '$1' },
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    modulePathIgnorePatterns: ['<rootDir>/dist/'],
    ...overrides,
  };
}
