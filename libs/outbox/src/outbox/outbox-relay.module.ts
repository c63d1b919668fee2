import { type DynamicModule, type InjectionToken, Module, type ModuleMetadata } from '@nestjs/common';
import { OutboxRelay, type OutboxRelayOptions } from './outbox.relay';

export interface OutboxRelayModuleOptions {
  readonly imports?: ModuleMetadata['imports'];
  /** What `useFactory` is given, in order (the service's database, publisher, config, logger). */
  readonly inject: InjectionToken[];
  readonly useFactory: (...args: never[]) => OutboxRelayOptions;
}

/**
 * The relay as a provider of a service: started after bootstrap (it leads when it can), stopped
 * before the database closes. Global, so writers anywhere in the service can wake it.
 */
@Module({})
export class OutboxRelayModule {
  static forRootAsync(options: OutboxRelayModuleOptions): DynamicModule {
    return {
      module: OutboxRelayModule,
      global: true,
      imports: options.imports ?? [],
      providers: [{ provide: OutboxRelay, inject: options.inject, useFactory: (...args: never[]) => new OutboxRelay(options.useFactory(...args)) }],
      exports: [OutboxRelay],
    };
  }
}
