import type { ExportCell, ExportColumn, ExportFilter } from '@vigie/contracts';

/** A table as exported: title, the active filters (printed above the rows), typed columns, rows. */
export interface ExportTable {
  title: string;
  filters: ExportFilter[];
  columns: ExportColumn[];
  rows: ExportCell[][];
}

export type TableLang = 'fr' | 'en' | 'es';

export const TABLE_LABELS: Record<TableLang, { filters: string; generated: string; none: string }> = {
  fr: { filters: 'Filtres', generated: 'Généré le', none: 'aucun' },
  en: { filters: 'Filters', generated: 'Generated on', none: 'none' },
  es: { filters: 'Filtros', generated: 'Generado el', none: 'ninguno' },
};
