import { DynamicModule, Module } from '@nestjs/common';
import { z } from 'zod';
import { loadConfig } from './load-config';

/** Injection token for the validated config object of the running service. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Module({})
export class ConfigModule {
  /** Validates once at module construction; a bad environment stops the app before it connects anywhere. */
  static forRoot<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): DynamicModule {
    return ConfigModule.forConfig(loadConfig(schema, env));
  }

  /** An already validated config (the service kit validates once and builds its modules from it). */
  static forConfig(config: unknown): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
