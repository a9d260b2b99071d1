import { Geography1764000000000 } from './1764000000000-geography.js';
import { Ingest1764000000001 } from './1764000000001-ingest.js';
import { Coverage1764000000002 } from './1764000000002-coverage.js';
import { Access1764000000003 } from './1764000000003-access.js';
import { RollupVersion1764000000004 } from './1764000000004-rollup-version.js';
import { RollupMonth1764000000005 } from './1764000000005-rollup-month.js';
import { CoveragePartitions1764000000006 } from './1764000000006-coverage-partitions.js';
import { SearchEventDay1764000000007 } from './1764000000007-search-event-day.js';
import { KeysScopeFreeText1764000000170 } from './1764000000170-keys-scope-free-text.js';
import { ImportScope1764000000171 } from './1764000000171-import-scope.js';
import { DirectoryCoverage1764000000200 } from './1764000000200-directory-coverage.js';
import { AccessibilityPoor1764000000201 } from './1764000000201-accessibility-poor.js';
import { ArrondissementsPoverty1764000000250 } from './1764000000250-arrondissements-poverty.js';
import { DemandSearches1764000000300 } from './1764000000300-demand-searches.js';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [
  Geography1764000000000,
  Ingest1764000000001,
  Coverage1764000000002,
  Access1764000000003,
  RollupVersion1764000000004,
  RollupMonth1764000000005,
  CoveragePartitions1764000000006,
  SearchEventDay1764000000007,
  KeysScopeFreeText1764000000170,
  ImportScope1764000000171,
  DirectoryCoverage1764000000200,
  AccessibilityPoor1764000000201,
  ArrondissementsPoverty1764000000250,
  DemandSearches1764000000300,
];
