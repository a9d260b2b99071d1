// The architecture is enforced, not only documented: this test writes forbidden imports into real
// projects and checks that ESLint's @nx/enforce-module-boundaries rejects them (and allows a legal one).
import { ESLint } from 'eslint';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

const cases = [
  {
    file: 'libs/coverage/engine/src/lib/__boundary_probe.ts',
    code: "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    error: /type:domain" is not allowed to import "@nestjs\/common"/,
  },
  {
    file: 'libs/territory/domain/src/lib/__boundary_probe.ts',
    code: "import { Component } from '@angular/core';\nexport const probe = Component;\n",
    error: /type:domain" is not allowed to import "@angular\/core"/,
  },
  {
    file: 'apps/dashboard/src/app/__boundary_probe.ts',
    code: "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n",
    error: /scope:dashboard" is not allowed to import "typeorm"/,
  },
  {
    file: 'apps/api/src/app/__boundary_probe.ts',
    code: "import * as echarts from 'echarts';\nexport const probe = echarts;\n",
    error: /scope:api" is not allowed to import "echarts"/,
  },
  {
    file: 'libs/coverage/engine/src/lib/__boundary_probe_ok.ts',
    code: "import { parseTerritoryRef } from '@vigie/territory-domain';\nexport const probe = parseTerritoryRef;\n",
    error: null,
  },
];

describe('@nx/enforce-module-boundaries', () => {
  const eslint = new ESLint({ cwd: root });
  afterAll(() => {
    for (const c of cases) rmSync(join(root, c.file), { force: true });
  });

  it.each(cases.map((c) => [c.file, c]))('%s', async (_file, c) => {
    const path = join(root, c.file);
    writeFileSync(path, c.code);
    try {
      const [result] = await eslint.lintFiles([path]);
      const messages = result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
      if (c.error) {
        expect(messages.join('\n')).toMatch(c.error);
      } else {
        expect(messages).toEqual([]);
      }
    } finally {
      rmSync(path, { force: true });
    }
  });
});
