import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { TerritoryFilterQuery } from '../coverage/coverage.dto.js';

/** Territory (level + code, as everywhere) and theme or category of the map's services layer. */
export class ServicePointsQuery extends TerritoryFilterQuery {
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
