/**
 * The environment, validated once at boot: a wrong value stops the start with a message
 * naming the variable, instead of failing later on a request.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { resolve } from 'node:path';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  ALLOW_DEV_IDENTITY?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsString()
  TIME_ZONE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES?: number;
}

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  /** Set → that PostgreSQL server; unset → the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  /** The `X-Dev-User`/`X-Dev-Role` identity headers, until real sessions exist. */
  allowDevIdentity: boolean;
  seedDemo: boolean;
  timeZone: string;
  bodyLimitBytes: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvironmentVariables, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const production = parsed.NODE_ENV === 'production';
  const allowDevIdentity = parsed.ALLOW_DEV_IDENTITY ?? !production;
  if (production && allowDevIdentity) {
    throw new ConfigError('ALLOW_DEV_IDENTITY cannot be enabled when NODE_ENV=production.');
  }
  return {
    production,
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '127.0.0.1',
    databaseUrl: parsed.DATABASE_URL,
    dataDir: resolve(parsed.DATA_DIR ?? 'data'),
    poolSize: parsed.DATABASE_POOL_SIZE ?? 10,
    allowDevIdentity,
    seedDemo: parsed.SEED_DEMO ?? false,
    timeZone: parsed.TIME_ZONE ?? 'Europe/Paris',
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES ?? 1024 * 1024,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
