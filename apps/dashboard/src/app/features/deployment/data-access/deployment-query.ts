import { type DeploymentKpi, type DeploymentMetric, kpiFractionDigits } from '@vigie/contracts';
import { formatNumber, formatPercent } from '../../../shared/ui/format';

/** A deployment territory in the URL: null = France; otherwise a region or a department. */
export interface DeploymentTerritoryRef {
  level: 'region' | 'department';
  code: string;
}

/**
 * The "Déploiement" view's state, in the URL: `territory=department:95` (absent = France) and `year`
 * (absent = the current year).
 */
export interface DeploymentQuery {
  territory: DeploymentTerritoryRef | null;
  year: number | null;
}

const CODE = { region: /^\d{2}$/, department: /^(\d{2}|2[AB]|97\d)$/ } as const;

export function parseDeploymentQuery(params: Record<string, string | null | undefined>): DeploymentQuery {
  let territory: DeploymentTerritoryRef | null = null;
  const m = /^(region|department):([0-9A-Za-z]{2,3})$/.exec(params['territory']?.trim() ?? '');
  if (m) {
    const level = m[1] as 'region' | 'department';
    const code = m[2].toUpperCase();
    if (CODE[level].test(code)) territory = { level, code };
  }
  const y = params['year'] ?? '';
  const year = /^\d{4}$/.test(y) && +y >= 2000 && +y <= 2100 ? +y : null;
  return { territory, year };
}

export function toQueryParams(q: DeploymentQuery, currentYear: number): Record<string, string | null> {
  return {
    territory: q.territory ? `${q.territory.level}:${q.territory.code}` : null,
    year: q.year === null || q.year === currentYear ? null : String(q.year),
  };
}

/** level/code parameters of the deployment API. */
export function territoryParams(t: DeploymentTerritoryRef | null): Record<string, string> {
  return t ? { level: t.level, code: t.code } : { level: 'national' };
}

/** The activity period of a year: 1 January → 31 December (to today for the current year). */
export function yearRange(year: number, today: string): { from: string; to: string } {
  const to = `${year}-12-31`;
  return { from: `${year}-01-01`, to: today.startsWith(`${year}-`) ? today : to };
}

/** How a KPI value reads: "1 234", "1 234,5", "12 500 €". */
export function formatKpiValue(metric: DeploymentMetric, value: number | null, lang = 'fr'): string {
  if (value === null) return '—';
  if (metric === 'funds_raised') {
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    }).format(value);
  }
  // The reports print KPIs with the same rule (contracts kpiFractionDigits).
  return formatNumber(value, lang, kpiFractionDigits(metric, value));
}

/** Width of a progress bar (0–100), capped: 130 % of the target fills the bar. */
export function progressWidth(progress: number | null): number {
  if (progress === null || !Number.isFinite(progress)) return 0;
  return Math.max(0, Math.min(100, Math.round(progress * 1000) / 10));
}

export function formatProgress(k: Pick<DeploymentKpi, 'progress'>, lang = 'fr'): string {
  return formatPercent(k.progress, lang);
}
