/**
 * Directory coverage (*couverture de l'annuaire*, issue 16): the departments where the directory is actually
 * deployed, from a date, as an admin declared them. Territories outside it have no data, which is not the same as
 * having no services: they are hatched « annuaire non déployé » on maps, left out of priority rankings, and the
 * figures of a region or of France are computed over their covered part (docs/METRICS.md, "Directory coverage").
 */

/** Where the covered departments of a snapshot come from. */
export type DirectoryCoverageSource =
  /** The admin-declared table (at least one department declared). */
  | 'declared'
  /** Nothing declared yet: every territory counts as covered (the behaviour before issue 16). */
  | 'all';

/**
 * A check of a department's declaration against the data: `few_services`, declared covered but with fewer active
 * services than `thresholds.fewServices`; `undeclared_with_services`, not declared but with at least
 * `thresholds.manyServices` active services.
 */
export type DirectoryCoverageFlag = 'few_services' | 'undeclared_with_services';

export interface DirectoryCoverageDepartment {
  code: string;
  name: string;
  regionCode: string;
  population: number;
  /** First day of coverage declared by an admin (YYYY-MM-DD); null when not declared. */
  from: string | null;
  /** Declared and `from` ≤ the reference day (or nothing is declared at all: source 'all'). */
  covered: boolean;
  /** Active services located in the department (places online, not removed). */
  services: number;
  flag: DirectoryCoverageFlag | null;
  /** Admin's note on the declaration (free text), null when none. */
  note: string | null;
  /** Who declared it and when (ISO timestamp); null when not declared. */
  declaredBy: string | null;
  declaredAt: string | null;
}

/** GET /api/directory-coverage (every signed-in role; departments limited to the viewer's territories). */
export interface DirectoryCoverage {
  /** The day `covered` is read for (today of the API's calendar). */
  referenceDay: string;
  source: DirectoryCoverageSource;
  /** Declared departments, then undeclared departments that are flagged, by code (within the viewer's scope). */
  departments: DirectoryCoverageDepartment[];
  /** Over the viewer's scope (France for national users). */
  coveredDepartments: number;
  totalDepartments: number;
  coveredPopulation: number;
  totalPopulation: number;
  /** coveredPopulation / totalPopulation (0–1), null when totalPopulation is 0. */
  populationShare: number | null;
  thresholds: { fewServices: number; manyServices: number };
  /**
   * Departments the deployment data (targets, activities) name, with the first day they do: a starting point for
   * the admin's declaration when nothing is declared yet (`vigie coverage declare --from-deployment`).
   */
  suggested: { code: string; from: string }[];
}

/** PUT /api/directory-coverage/:code (admins only). `from` null removes the declaration. */
export interface DirectoryCoverageDeclaration {
  from: string | null;
  note?: string | null;
}

/**
 * How much of a territory the directory covers, on every coverage row, profile and map value. A commune or a
 * department is covered or not; an EPCI across departments, a region or France may be partly covered: its figures
 * are then computed over its covered communes only (population = covered population).
 */
export interface TerritoryCoverage {
  status: 'covered' | 'partial' | 'uncovered';
  /** Departments of the territory with coverage, out of `of` (1 of 1 for a commune or a department). */
  departments: number;
  of: number;
  /** Covered population / total population of the territory (0–1). */
  populationShare: number;
  /** Total population of the territory (covered or not); the row's `population` is the covered part when partial. */
  totalPopulation: number;
}
