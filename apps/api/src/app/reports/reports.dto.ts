import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { ExportCell, ExportFormat, ReportLang, ServicesListSort } from '@vigie/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TERRITORY = /^(national|(region|department|epci|commune):[0-9A-Za-z]{2,9})$/;
const ID = /^[a-z0-9_]{1,64}$/;

export const MAX_EXPORT_ROWS = 100_000;
export const MAX_EXPORT_COLUMNS = 100;

/** `territory=department:95`, or `level=department&code=95` like the other territorial endpoints. */
class TerritoryParams {
  @ApiPropertyOptional({ example: 'department:95', description: 'Territory reference (or level + code)' })
  @IsOptional()
  @Matches(TERRITORY, { message: 'territory must look like national, region:11, department:95, epci:200069409 or commune:95500' })
  territory?: string;

  @ApiPropertyOptional({ enum: ['region', 'department', 'epci', 'commune'], description: 'With code, instead of territory' })
  @IsOptional()
  @IsIn(['region', 'department', 'epci', 'commune'], { message: 'level must be region, department, epci or commune' })
  level?: string;

  @ApiPropertyOptional({ example: '95' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{2,9}$/, { message: 'code must be a territory code such as 95, 2A or 95500' })
  code?: string;
}

export class ReportQuery extends TerritoryParams {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (default: 1 January of the year of `to`)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'Last day, inclusive (default: today)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr' })
  @IsOptional()
  @IsIn(['fr', 'en'], { message: 'lang must be fr or en' })
  lang?: 'fr' | 'en';
}

export class CopilQuery extends ReportQuery {
  @ApiPropertyOptional({ example: 'food', default: 'food', description: 'Theme of the gap map' })
  @IsOptional()
  @Matches(ID, { message: 'theme must be a Soliguide theme id' })
  theme?: string;
}

export class ServicesListQuery extends TerritoryParams {
  @ApiPropertyOptional({ example: 'food' })
  @IsOptional()
  @Matches(ID, { message: 'theme must be a Soliguide theme id' })
  theme?: string;

  @ApiPropertyOptional({ example: 'food_distribution' })
  @IsOptional()
  @Matches(ID, { message: 'category must be a Soliguide category id' })
  category?: string;

  @ApiPropertyOptional({ enum: ['name', 'city', 'postal_code'], default: 'name' })
  @IsOptional()
  @IsIn(['name', 'city', 'postal_code'], { message: 'sort must be name, city or postal_code' })
  sort?: ServicesListSort;

  @ApiPropertyOptional({ enum: ['pdf', 'csv', 'xlsx'], default: 'pdf' })
  @IsOptional()
  @IsIn(['pdf', 'csv', 'xlsx'], { message: 'format must be pdf, csv or xlsx' })
  format?: 'pdf' | 'csv' | 'xlsx';

  @ApiPropertyOptional({ enum: [',', ';'], default: ',' })
  @IsOptional()
  @IsIn([',', ';'], { message: 'separator must be , or ;' })
  separator?: ',' | ';';

  @ApiPropertyOptional({ enum: ['fr', 'en', 'es'], default: 'fr' })
  @IsOptional()
  @IsIn(['fr', 'en', 'es'], { message: 'lang must be fr, en or es' })
  lang?: ReportLang;
}

export class ExportFilterDto {
  @ApiProperty()
  @IsString({ message: 'filter label must be text' })
  @MaxLength(200)
  label!: string;

  @ApiProperty()
  @IsString({ message: 'filter value must be text' })
  @MaxLength(1000)
  value!: string;
}

export class ExportColumnDto {
  @ApiProperty()
  @IsString({ message: 'column key must be text' })
  @MaxLength(100)
  key!: string;

  @ApiProperty()
  @IsString({ message: 'column label must be text' })
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional({ enum: ['text', 'number', 'percent', 'date'] })
  @IsOptional()
  @IsIn(['text', 'number', 'percent', 'date'], { message: 'column type must be text, number, percent or date' })
  type?: 'text' | 'number' | 'percent' | 'date';
}

/** Rows: arrays of cells (text ≤ 32,767 characters, finite number, boolean or null), one cell per column. */
@ValidatorConstraint({ name: 'exportRows' })
class ExportRowsConstraint implements ValidatorConstraintInterface {
  private reason = '';

  validate(rows: unknown, args: ValidationArguments): boolean {
    const columns = (args.object as { columns?: unknown }).columns;
    const width = Array.isArray(columns) ? columns.length : -1;
    if (!Array.isArray(rows)) return this.fail('rows must be an array of arrays');
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!Array.isArray(row)) return this.fail(`rows[${i}] must be an array`);
      if (row.length !== width) return this.fail(`rows[${i}] has ${row.length} cells but there are ${width} columns`);
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        const ok =
          c === null ||
          typeof c === 'boolean' ||
          (typeof c === 'number' && Number.isFinite(c)) ||
          (typeof c === 'string' && c.length <= 32_767);
        if (!ok) return this.fail(`rows[${i}][${j}] must be text (≤ 32,767 characters), a finite number, a boolean or null`);
      }
    }
    return true;
  }

  private fail(reason: string): false {
    this.reason = reason;
    return false;
  }

  defaultMessage(): string {
    return this.reason || 'rows are malformed';
  }
}

/** Body of POST /api/exports (the ExportRequest of @vigie/contracts), validated strictly. */
export class ExportRequestDto {
  @ApiProperty({ example: 'Recherches par thème' })
  @IsString({ message: 'title must be text' })
  @MaxLength(200, { message: 'title is at most 200 characters' })
  title!: string;

  @ApiProperty({ type: [ExportFilterDto] })
  @IsArray({ message: 'filters must be an array' })
  @ArrayMaxSize(50, { message: 'at most 50 filters' })
  @ValidateNested({ each: true })
  @Type(() => ExportFilterDto)
  filters!: ExportFilterDto[];

  @ApiProperty({ type: [ExportColumnDto] })
  @IsArray({ message: 'columns must be an array' })
  @ArrayMinSize(1, { message: 'at least one column' })
  @ArrayMaxSize(MAX_EXPORT_COLUMNS, { message: `at most ${MAX_EXPORT_COLUMNS} columns` })
  @ValidateNested({ each: true })
  @Type(() => ExportColumnDto)
  columns!: ExportColumnDto[];

  @ApiProperty({ type: 'array', items: { type: 'array', items: {} }, description: 'One array per row, cells in the order of columns' })
  @IsArray({ message: 'rows must be an array' })
  @ArrayMaxSize(MAX_EXPORT_ROWS, { message: `at most ${MAX_EXPORT_ROWS} rows` })
  @Validate(ExportRowsConstraint)
  rows!: ExportCell[][];

  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format!: ExportFormat;

  @ApiPropertyOptional({ enum: [',', ';'] })
  @IsOptional()
  @IsIn([',', ';'], { message: 'separator must be , or ;' })
  separator?: ',' | ';';

  @ApiPropertyOptional({ enum: ['fr', 'en'] })
  @IsOptional()
  @IsIn(['fr', 'en'], { message: 'lang must be fr or en' })
  lang?: 'fr' | 'en';
}
