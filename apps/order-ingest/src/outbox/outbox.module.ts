import { Global, Module } from '@nestjs/common';
import { EventOutboxRelay } from './event-outbox.relay';

@Global()
@Module({ providers: [EventOutboxRelay], exports: [EventOutboxRelay] })
export class OutboxModule {}
