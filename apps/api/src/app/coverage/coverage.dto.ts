import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { COVERAGE_METRICS, type CoverageMetric, type TerritoryLevel } from '@vigie/contracts';

const LEVELS = ['region', 'department', 'epci', 'commune'];
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class CoverageMapQuery {
  @ApiPropertyOptional({ enum: LEVELS, default: 'department' })
  @IsOptional()
  @IsIn(LEVELS, { message: 'level must be region, department, epci or commune' })
  level?: TerritoryLevel;

  @ApiPropertyOptional({ example: 'region:11' })
  @IsOptional()
  @Matches(/^(region|department|epci):[0-9A-Za-z]{2,9}$/, { message: 'parent must look like region:11, department:95 or epci:200069193' })
  parent?: string;

  @ApiPropertyOptional({ example: 'food', description: 'A theme id; or use category' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'theme must be a Soliguide theme id' })
  theme?: string;

  @ApiPropertyOptional({ example: 'food_distribution' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'category must be a Soliguide category id' })
  category?: string;

  @ApiPropertyOptional({ enum: COVERAGE_METRICS.map((m) => m.id), default: 'gap_score' })
  @IsOptional()
  @IsIn(COVERAGE_METRICS.map((m) => m.id), { message: `metric must be one of ${COVERAGE_METRICS.map((m) => m.id).join(', ')}` })
  metric?: CoverageMetric;
}

export class ProfileParams {
  @ApiProperty({ enum: ['country', ...LEVELS] })
  @IsIn(['country', ...LEVELS], { message: 'level must be country, region, department, epci or commune' })
  level!: TerritoryLevel | 'country';

  @ApiProperty({ example: '95' })
  @Matches(/^[0-9A-Za-z]{2,9}$/, { message: 'code must be a territory code' })
  code!: string;
}

export class PrioritiesQuery {
  @ApiPropertyOptional({ enum: LEVELS, default: 'department' })
  @IsOptional()
  @IsIn(LEVELS, { message: 'level must be region, department, epci or commune' })
  level?: TerritoryLevel;

  @ApiPropertyOptional({ example: 'region:11' })
  @IsOptional()
  @Matches(/^(region|department|epci):[0-9A-Za-z]{2,9}$/, { message: 'parent must look like region:11 or department:95' })
  parent?: string;

  @ApiPropertyOptional({ example: 'food' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'theme must be a Soliguide theme id' })
  theme?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 500 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;
}

export class TerritoryFilterQuery {
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS, { message: 'level must be region, department, epci or commune' })
  level?: TerritoryLevel;

  @ApiPropertyOptional({ example: '95' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{2,9}$/, { message: 'code must be a territory code' })
  code?: string;
}

export class SeasonalQuery {
  @ApiPropertyOptional({ enum: ['country', 'region', 'department'], default: 'country' })
  @IsOptional()
  @IsIn(['country', 'region', 'department'], { message: 'level must be country, region or department' })
  level?: 'country' | 'region' | 'department';

  @ApiPropertyOptional({ example: '95' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{2,9}$/, { message: 'code must be a territory code' })
  code?: string;
}

export class WhatIfBody {
  @ApiProperty({ example: 49.05 })
  @IsNumber({}, { message: 'lat must be a number' })
  @Min(-90)
  @Max(90)
  lat!: number;

  @ApiProperty({ example: 2.1 })
  @IsNumber({}, { message: 'lon must be a number' })
  @Min(-180)
  @Max(180)
  lon!: number;

  @ApiProperty({ example: 'food_distribution', description: 'Soliguide category id (the service is counted for it and its theme)' })
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'category must be a Soliguide category id' })
  category!: string;

  @ApiPropertyOptional({
    example: '95541',
    description: 'INSEE code of the commune clicked or chosen: the point counts as inside it near its outline',
  })
  @IsOptional()
  @Matches(/^[0-9][0-9AB][0-9]{3}$/i, { message: 'commune must be an INSEE commune code' })
  commune?: string;
}

export class RefreshQuery {
  @ApiPropertyOptional({
    enum: ['auto', 'full'],
    default: 'auto',
    description:
      'auto: re-read only the searches of departments that changed and reuse the spatial model when services, communes and settlements are unchanged (same result); full: read and compute everything',
  })
  @IsOptional()
  @IsIn(['auto', 'full'], { message: 'mode must be auto or full' })
  mode?: 'auto' | 'full';
}
