import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommunesCsv } from '@vigie/territory-domain';
import type { DemoCommune } from '../lib/types.js';

const root = join(import.meta.dirname, '../../../../..');
let cache: DemoCommune[] | null = null;

/** The real geography of data/geo/communes.csv (34,875 communes). */
export function loadCommunes(): DemoCommune[] {
  cache ??= parseCommunesCsv(readFileSync(join(root, 'data/geo/communes.csv'), 'utf8'));
  return cache;
}

/** Fixed "today" of the tests. */
export const TODAY = new Date('2025-06-15T10:00:00Z');

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
