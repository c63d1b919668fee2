import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ChannelAccounts } from './config/channel-accounts';
import { ReadinessChecks } from './health/readiness-checks.service';
import { ChannelOrderPublisher } from './publishing/channel-order.publisher';
import { ChannelRejectionRepository } from './rejections/channel-rejection.repository';
import { RejectionsController } from './rejections/rejections.controller';

/**
 * What every channel front shares: the channel accounts (validated with the config, in channel-gateway.app.ts), the
 * publisher of the channel-orders topic, the rejection log, readiness checks.
 */
@Global()
@Module({})
export class GatewayCoreModule {
  static register(accounts: ChannelAccounts): DynamicModule {
    return {
      module: GatewayCoreModule,
      controllers: [RejectionsController],
      providers: [{ provide: ChannelAccounts, useValue: accounts }, ChannelOrderPublisher, ChannelRejectionRepository, ReadinessChecks],
      exports: [ChannelAccounts, ChannelOrderPublisher, ChannelRejectionRepository],
    };
  }
}
