import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ActivityKindName, DeploymentLevel } from '@vigie/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class DeploymentTerritoryQuery {
  @ApiPropertyOptional({ enum: ['national', 'region', 'department'], default: 'national' })
  @IsOptional()
  @IsIn(['national', 'region', 'department'], { message: 'level must be national, region or department' })
  level?: DeploymentLevel;

  @ApiPropertyOptional({ example: '95', description: 'Region or department code (omit, or FR, for national)' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{2,3}$/, { message: 'code must be a region or department code such as 11, 95 or 2A' })
  code?: string;
}

export class YearQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year (default: the current one)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'year must be an integer such as 2026' })
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year?: number;
}

export class KpisQuery extends DeploymentTerritoryQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year (default: the current one)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'year must be an integer such as 2026' })
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year?: number;
}

export class ActivitiesQuery extends DeploymentTerritoryQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (default: 1 January of the year of `to`)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day, inclusive (default: today)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['training', 'sensitisation', 'copil', 'funding'] })
  @IsOptional()
  @IsIn(['training', 'sensitisation', 'copil', 'funding'], { message: 'kind must be training, sensitisation, copil or funding' })
  kind?: ActivityKindName;
}
