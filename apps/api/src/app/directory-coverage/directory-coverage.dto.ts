import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export class DirectoryCoverageParams {
  @ApiProperty({ example: '95' })
  @Matches(/^[0-9][0-9AB][0-9]?$/i, { message: 'code must be a department code (e.g. 95, 2A, 971)' })
  code!: string;
}

export class DirectoryCoverageBody {
  @ApiProperty({ example: '2024-01-01', nullable: true, description: 'First day of coverage; null removes the declaration' })
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a day YYYY-MM-DD (or null)' })
  from!: string | null;

  @ApiPropertyOptional({ example: 'Déploiement avec le conseil départemental', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
