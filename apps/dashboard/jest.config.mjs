import { preset } from '../../tools/jest/preset.mjs';
// Unit tests of the dashboard's pure logic (URL filters, formatting, colour scales). Views are tested
// end to end in a real browser (apps/dashboard-e2e).
export default preset(import.meta.dirname);
