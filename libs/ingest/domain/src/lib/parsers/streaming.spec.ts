import { createGeoResolver } from '../geo-resolver.js';
import { parseSoliguideSearches } from './soliguide-searches.js';

const geo = createGeoResolver({
  communes: [{ code: '95127', departmentCode: '95', regionCode: '11', lat: 49.04, lon: 2.06 }],
  postalCodes: [{ postalCode: '95000', communeCode: '95127' }],
  aliases: [],
});

describe('streaming', () => {
  it('parses 200,000 NDJSON lines one by one, without waiting for the end of the input', async () => {
    const total = 200_000;
    let produced = 0;
    async function* source() {
      // Chunks of ~100 lines cut at arbitrary offsets, like a file stream.
      let pending = '';
      for (let i = 0; i < total; i++) {
        pending += `{"_id":{"$oid":"${i.toString(16).padStart(24, '0')}"},"createdAt":{"$date":"2024-01-01T00:00:00Z"},"categorie":601,"location":{"geoType":"codePostal","postalCode":"95000"},"nbResults":${i % 50}}\n`;
        produced++;
        if (pending.length > 16_000) {
          yield Buffer.from(pending.slice(0, 15_997));
          pending = pending.slice(15_997);
        }
      }
      yield Buffer.from(pending);
    }
    let count = 0;
    let producedAtFirst = -1;
    let sum = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    for await (const row of parseSoliguideSearches(source(), { geo, now: new Date('2025-01-01') })) {
      if (producedAtFirst < 0) producedAtFirst = produced;
      if (!row.ok) throw new Error(JSON.stringify(row.errors));
      sum += row.record.resultCount;
      count++;
    }
    expect(count).toBe(total);
    expect(sum).toBe((total / 50) * ((49 * 50) / 2));
    // The first record came out while the source had produced only its first chunks.
    expect(producedAtFirst).toBeLessThan(1000);
    // Nothing accumulated: 200k records kept in memory would need well over 100 MB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});
