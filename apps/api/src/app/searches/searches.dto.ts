import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { Granularity, SearchDimension, TerritoryLevel } from '@vigie/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9_]{1,64}$/;

export class SearchFiltersQuery {
  @ApiPropertyOptional({
    example: '2025-11-01',
    description: 'First day (default: the first day of the month 11 months before `to`: 12 calendar months, the current one included)',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'Last day, inclusive (default: today)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['region', 'department', 'epci', 'commune'] })
  @IsOptional()
  @IsIn(['region', 'department', 'epci', 'commune'], { message: 'level must be region, department, epci or commune' })
  level?: TerritoryLevel;

  @ApiPropertyOptional({ example: '95' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{2,9}$/, { message: 'code must be a territory code such as 95, 2A or 95500' })
  code?: string;

  @ApiPropertyOptional({ example: 'food_distribution' })
  @IsOptional()
  @Matches(ID, { message: 'category must be a Soliguide category id' })
  category?: string;

  @ApiPropertyOptional({ example: 'food' })
  @IsOptional()
  @Matches(ID, { message: 'theme must be a Soliguide theme id' })
  theme?: string;

  @ApiPropertyOptional({ enum: ['pro', 'public', 'admin', 'unknown'] })
  @IsOptional()
  @IsIn(['pro', 'public', 'admin', 'unknown'], { message: 'status must be pro, public, admin or unknown' })
  status?: string;

  @ApiPropertyOptional({ enum: ['web', 'widget', 'api', 'mobile', 'unknown'] })
  @IsOptional()
  @IsIn(['web', 'widget', 'api', 'mobile', 'unknown'], { message: 'origin must be web, widget, api, mobile or unknown' })
  origin?: string;

  @ApiPropertyOptional({ example: 'fr' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be a language code such as fr' })
  language?: string;
}

export class SeriesQuery extends SearchFiltersQuery {
  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], default: 'month' })
  @IsOptional()
  @IsIn(['day', 'week', 'month'], { message: 'granularity must be day, week or month' })
  granularity?: Granularity;
}

export class BreakdownQuery extends SearchFiltersQuery {
  @ApiPropertyOptional({ enum: ['category', 'theme', 'territory', 'status', 'origin', 'language', 'results'], default: 'theme' })
  @IsOptional()
  @IsIn(['category', 'theme', 'territory', 'status', 'origin', 'language', 'results'], {
    message: 'by must be category, theme, territory, status, origin, language or results',
  })
  by?: SearchDimension;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class PeaksQuery extends SearchFiltersQuery {
  @ApiPropertyOptional({ enum: ['month', 'week'], default: 'month' })
  @IsOptional()
  @IsIn(['month', 'week'], { message: 'granularity must be month or week' })
  granularity?: 'month' | 'week';
}

export class UnmetQuery extends SearchFiltersQuery {
  @ApiPropertyOptional({
    enum: ['region', 'department', 'epci', 'commune'],
    description: 'Level of the rows (default: departments nationally and in a region, communes in a department or an EPCI)',
  })
  @IsOptional()
  @IsIn(['region', 'department', 'epci', 'commune'], { message: 'rows must be region, department, epci or commune' })
  rows?: TerritoryLevel;

  @ApiPropertyOptional({ enum: ['zero_results', 'searches_per_service'], default: 'zero_results' })
  @IsOptional()
  @IsIn(['zero_results', 'searches_per_service'], { message: 'sort must be zero_results or searches_per_service' })
  sort?: 'zero_results' | 'searches_per_service';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;
}
