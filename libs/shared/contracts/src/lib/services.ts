import type { TerritoryLevel } from './territories.js';

/** One referenced service as a map point (`GET /api/services/points`). */
export interface ServicePoint {
  id: number;
  /** Place name. */
  name: string;
  lat: number;
  lon: number;
  categoryId: string;
  themeId: string;
  /** Open today (ONLINE place, service not closed by a temporary closure covering today). */
  open: boolean;
  communeCode: string | null;
}

export interface ServicePoints {
  filters: { level: TerritoryLevel | null; code: string | null; theme: string | null; category: string | null };
  /** Total matching services (the list is capped at `limit`). */
  total: number;
  truncated: boolean;
  points: ServicePoint[];
}
