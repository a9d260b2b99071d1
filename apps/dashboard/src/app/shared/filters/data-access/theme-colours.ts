/**
 * One colour per Soliguide theme (Okabe–Ito and Paul Tol's qualitative palettes, distinguishable with
 * the common colour-vision deficiencies). Used by the filter bar and the services layer of the map;
 * colour is never the only cue (labels, shapes and decals go with it).
 */
export const THEME_COLOURS: Readonly<Record<string, string>> = {
  welcome: '#0072b2',
  activities: '#e69f00',
  food: '#009e73',
  counseling: '#cc79a7',
  training_and_jobs: '#56b4e9',
  accomodation_and_housing: '#d55e00',
  hygiene_and_wellness: '#44aa99',
  equipment: '#999933',
  health: '#882255',
  technology: '#332288',
  mobility: '#aa4499',
};

export function themeColour(themeId: string | null | undefined): string {
  return (themeId && THEME_COLOURS[themeId]) || '#666666';
}
