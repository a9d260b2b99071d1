import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { TerritoryLevel } from '@vigie/contracts';

export class ServicePointsQuery {
  @ApiPropertyOptional({ enum: ['region', 'department', 'epci', 'commune'] })
  @IsOptional()
  @IsIn(['region', 'department', 'epci', 'commune'], { message: 'level must be region, department, epci or commune' })
  level?: TerritoryLevel;

  @ApiPropertyOptional({ example: '95' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{2,9}$/, { message: 'code must be a territory code such as 95, 2A or 95500' })
  code?: string;

  @ApiPropertyOptional({ example: 'food' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'theme must be a Soliguide theme id' })
  theme?: string;

  @ApiPropertyOptional({ example: 'food_distribution' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'category must be a Soliguide category id' })
  category?: string;

  @ApiPropertyOptional({ default: 5000, minimum: 1, maximum: 20000 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(20000)
  limit?: number;
}
