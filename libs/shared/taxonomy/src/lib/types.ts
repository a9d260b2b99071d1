export type Lang = 'fr' | 'en' | 'es';

export interface ThemeDef {
  id: string;
  fr: string;
  en: string;
  es: string;
  rank: number;
  legacyIds: number[];
  slugs: string[];
}

export interface CategoryDef {
  id: string;
  /** Primary theme (first place in the Soliguide graph). */
  theme: string;
  /** Every theme under which the category appears (the graph is a DAG). */
  themes: string[];
  parents: string[];
  fr: string;
  en: string;
  es: string;
  rank: number;
  legacyIds: number[];
  formerIds: string[];
  slugs: string[];
  countries: string[];
  leaf: boolean;
}
