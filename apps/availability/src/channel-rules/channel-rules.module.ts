import { Module } from '@nestjs/common';
import { ChannelRulesService } from './channel-rules.service';

@Module({ providers: [ChannelRulesService], exports: [ChannelRulesService] })
export class ChannelRulesModule {}
