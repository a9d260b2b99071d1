import type { VigieConfig } from './config/config.js';

/** What main.ts resolved before creating the Nest app: validated config and the database in use. */
export interface VigieRuntime {
  config: VigieConfig;
  database: { url: string; mode: 'embedded' | 'external' };
  version: string;
  startedAt: number;
}

export const VIGIE_RUNTIME = Symbol('VIGIE_RUNTIME');
