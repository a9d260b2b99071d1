// Search analytics domain: calendar periods and comparisons, small-count suppression, peak detection.
export * from './lib/periods.js';
export * from './lib/suppression.js';
export * from './lib/sdc.js';
export * from './lib/peaks.js';
