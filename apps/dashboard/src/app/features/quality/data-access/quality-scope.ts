export type QualityLevel = 'country' | 'region' | 'department';

/** `territory=department:95` → the quality level and code; anything finer or malformed → France. */
export function qualityScope(territory: string | null): { level: QualityLevel; code: string } {
  const m = /^(region|department):([0-9AB]{2,3})$/i.exec(territory ?? '');
  return m ? { level: m[1] as QualityLevel, code: m[2].toUpperCase() } : { level: 'country', code: 'FR' };
}
