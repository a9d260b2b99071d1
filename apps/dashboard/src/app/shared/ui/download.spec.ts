import { fileNameOf, slug } from './download';

describe('downloads', () => {
  it('reads the file name of a Content-Disposition header', () => {
    expect(fileNameOf(`attachment; filename="zones.csv"; filename*=UTF-8''zones%20prioritaires.csv`, 'x')).toBe('zones prioritaires.csv');
    expect(fileNameOf('attachment; filename="zones.xlsx"', 'x')).toBe('zones.xlsx');
    expect(fileNameOf(null, 'fallback.csv')).toBe('fallback.csv');
  });
  it('makes file-name slugs without accents', () => {
    expect(slug("Zones prioritaires — Val-d'Oise")).toBe('zones-prioritaires-val-d-oise');
    expect(slug('***')).toBe('export');
  });
});
