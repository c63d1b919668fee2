import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { KAFKA_PRODUCER } from '@crossdock/messaging';
import { ReadinessRegistry } from '@crossdock/observability';
import { PrismaService } from '../prisma/prisma.service';

/**
 * Ready = able to take a delivery end to end: the Kafka producer connected (a webhook is answered
 * only after Kafka acknowledged it) and the database reachable (cursors, 997 numbers). A channel
 * being down is NOT unreadiness: Shopify webhooks must keep flowing while SP-API is out; that shows
 * in the poll metrics instead.
 */
@Injectable()
export class ReadinessChecks implements OnModuleDestroy {
  private producerConnected = false;
  private readonly unregister: Array<() => void> = [];

  constructor(@Inject(KAFKA_PRODUCER) producer: Producer, prisma: PrismaService, readiness: ReadinessRegistry) {
    producer.on(producer.events.CONNECT, () => (this.producerConnected = true));
    producer.on(producer.events.DISCONNECT, () => (this.producerConnected = false));
    this.unregister.push(readiness.register('kafka-producer', () => this.producerConnected));
    this.unregister.push(readiness.register('database', async () => (await prisma.$queryRaw<unknown[]>`SELECT 1`).length === 1));
  }

  onModuleDestroy(): void {
    for (const unregister of this.unregister) unregister();
  }
}
