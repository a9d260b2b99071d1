import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** A search event of the live feed. Unknown properties (ip, email, userId…) are refused with a 400. */
export class LiveSearchEventDto {
  @ApiPropertyOptional({ description: 'Stable id of the event in the sender (makes re-sending harmless)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  id?: string;

  @ApiProperty({ example: '2026-11-22T10:15:00Z' })
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO 8601 timestamp' })
  occurredAt!: string;

  @ApiPropertyOptional({ description: 'Soliguide category or theme id (legacy numeric ids accepted)', example: 'food_distribution' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value))
  @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'category must be a Soliguide category id' })
  category?: string;

  @ApiPropertyOptional({ enum: ['commune', 'postal_code', 'department', 'region', 'position', 'country', 'unknown'] })
  @IsOptional()
  @IsIn(['commune', 'postal_code', 'department', 'region', 'position', 'country', 'unknown'])
  geoType?: 'commune' | 'postal_code' | 'department' | 'region' | 'position' | 'country' | 'unknown';

  @ApiPropertyOptional({ example: '95500' })
  @IsOptional()
  @Matches(/^[0-9AB]{5}$/i, { message: 'communeCode must be an INSEE code (5 characters)' })
  communeCode?: string;

  @ApiPropertyOptional({ example: '95000' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'postalCode must be 5 digits' })
  postalCode?: string;

  @ApiPropertyOptional({ example: '95' })
  @IsOptional()
  @Matches(/^(\d{2}|2[AB]|97\d)$/i, { message: 'departmentCode must be a department code' })
  departmentCode?: string;

  @ApiPropertyOptional({ example: '11' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be a region code' })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({}, { message: 'lat must be a number' })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({}, { message: 'lon must be a number' })
  @Min(-180)
  @Max(180)
  lon?: number;

  @ApiProperty({ minimum: 0 })
  @IsInt({ message: 'resultCount must be an integer' })
  @Min(0)
  @Max(1_000_000)
  resultCount!: number;

  @ApiPropertyOptional({ enum: ['pro', 'public', 'admin', 'unknown'] })
  @IsOptional()
  @IsIn(['pro', 'public', 'admin', 'unknown'])
  userStatus?: 'pro' | 'public' | 'admin' | 'unknown';

  @ApiPropertyOptional({ enum: ['web', 'widget', 'api', 'mobile', 'unknown'] })
  @IsOptional()
  @IsIn(['web', 'widget', 'api', 'mobile', 'unknown'])
  origin?: 'web' | 'widget' | 'api' | 'mobile' | 'unknown';

  @ApiPropertyOptional({ example: 'fr' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be a language code such as fr' })
  language?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  adminSearch?: boolean;
}

export class SearchEventBatchDto {
  @ApiProperty({ type: [LiveSearchEventDto], maxItems: 10_000 })
  @IsArray()
  @ArrayMinSize(1, { message: 'events must hold at least one event' })
  @ArrayMaxSize(10_000, { message: 'a batch holds at most 10,000 events' })
  @ValidateNested({ each: true })
  @Type(() => LiveSearchEventDto)
  events!: LiveSearchEventDto[];
}
