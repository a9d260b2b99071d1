import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { USER_ROLES, type UserRole } from '@vigie/contracts';

export class LoginDto {
  @ApiProperty({ example: 'admin@vigie.demo' })
  @IsString({ message: 'email must be a string' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString({ message: 'password must be a string' })
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'a password has 12 to 200 characters' })
  @MaxLength(200, { message: 'a password has 12 to 200 characters' })
  newPassword!: string;
}

const TERRITORY = /^(national|(region|department|epci|commune):[0-9A-Za-z]{1,9})$/;

export class CreateUserDto {
  @ApiProperty({ example: 'coordinatrice@exemple.org' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES as UserRole[], { message: `role must be one of ${USER_ROLES.join(', ')}` })
  role!: UserRole;

  @ApiProperty({ example: ['department:95'], description: "'national', 'region:11', 'department:95', 'epci:…', 'commune:…'" })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TERRITORY, { each: true, message: 'each territory is national or a reference such as department:95' })
  territories!: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES as UserRole[], { message: `role must be one of ${USER_ROLES.join(', ')}` })
  role?: UserRole;

  @ApiPropertyOptional({ example: ['department:95'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TERRITORY, { each: true, message: 'each territory is national or a reference such as department:95' })
  territories?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'disabled must be true or false' })
  disabled?: boolean;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Soliguide prod' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'soliguide' })
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'source must be 1–40 characters among a-z 0-9 _ -' })
  source!: string;

  @ApiPropertyOptional({
    example: ['department:95'],
    description: "Where the key may write events (default ['national']): events located elsewhere are rejected",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TERRITORY, { each: true, message: 'each territory is national or a reference such as department:95' })
  territories?: string[];
}

export class AuditQuery {
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class IdParam {
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'id must be a positive integer' })
  @Min(1, { message: 'id must be a positive integer' })
  id!: number;
}
