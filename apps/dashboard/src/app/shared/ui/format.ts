/** Numbers the French way by default: 1 234,5 ; 12 %. */
export function formatNumber(value: number | null | undefined, lang = 'fr', digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
    value,
  );
}

export function formatPercent(ratio: number | null | undefined, lang = 'fr', digits = 0): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}
