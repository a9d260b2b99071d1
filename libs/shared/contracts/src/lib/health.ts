export interface HealthStatus {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: {
    ok: boolean;
    /** 'embedded' when Vigie started its own Postgres under .data/, 'external' for DATABASE_URL. */
    mode: 'embedded' | 'external';
    serverVersion: string | null;
    latencyMs: number | null;
    error?: string;
  };
  geography: { loaded: boolean; communes: number; datasetHash: string | null };
}
