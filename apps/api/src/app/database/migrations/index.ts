import { Geography1764000000000 } from './1764000000000-geography.js';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [Geography1764000000000];
