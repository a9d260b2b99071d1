// Pure territorial domain: levels and codes, the French geography dataset builder, map insets and the poverty rule.
// No framework, no I/O: callers pass file contents in and get records out.
export * from './lib/codes.js';
export * from './lib/geometry.js';
export * from './lib/dataset.js';
export * from './lib/simplify.js';
export * from './lib/poverty.js';
