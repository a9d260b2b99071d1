import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { TERRITORY_LEVELS, type TerritoryLevel } from '@vigie/contracts';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class LevelParam {
  @ApiProperty({ enum: TERRITORY_LEVELS })
  @IsIn(TERRITORY_LEVELS as TerritoryLevel[], { message: `level must be one of ${TERRITORY_LEVELS.join(', ')}` })
  level!: TerritoryLevel;
}

export class TerritoryParams extends LevelParam {
  @ApiProperty({ example: '95' })
  @Matches(/^[0-9A-Za-z]{2,9}$/, { message: 'code must be an INSEE/SIREN code such as 95, 2A, 976, 95500 or 200069193' })
  code!: string;
}

export class ListTerritoriesQuery {
  @ApiPropertyOptional({ description: 'Parent territory as level:code, e.g. department:95 or region:11', example: 'department:95' })
  @IsOptional()
  @IsString()
  @Matches(/^(region|department|epci):[0-9A-Za-z]{2,9}$/, { message: 'parent must look like department:95, region:11 or epci:200069193' })
  parent?: string;

  @ApiPropertyOptional({ description: 'Include contours (GeoJSON). Default true.', default: true })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'geometry must be true or false' })
  geometry?: boolean;

  @ApiPropertyOptional({
    enum: ['geo', 'insets'],
    description: 'insets: overseas departments moved next to metropolitan France (national maps)',
  })
  @IsOptional()
  @IsIn(['geo', 'insets'], { message: 'layout must be geo or insets' })
  layout?: 'geo' | 'insets';
}

export class SearchTerritoriesQuery {
  @ApiProperty({ description: 'Name or code prefix', example: 'pontoi' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  q!: string;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: 'Comma-separated levels to search', example: 'department,commune' })
  @IsOptional()
  @Matches(/^(region|department|epci|commune)(,(region|department|epci|commune))*$/, {
    message: 'levels must be a comma-separated list of region, department, epci, commune',
  })
  levels?: string;
}
