// Vigie's one calendar (Europe/Paris) and its injectable clock (VIGIE_TODAY pins the day).
export * from './lib/calendar.js';
