import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type OrderFulfilment } from '@crossdock/contracts';
import { OnEvent, PoisonMessageError } from '@crossdock/messaging';
import { readFulfilmentProgress } from '@crossdock/order-ingest/domain';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { FulfilmentProgressRepository } from './fulfilment-progress.repository';

/**
 * shipment-events' per-order fulfilment, read for one thing: whether the warehouse has picked or
 * shipped any of the order, which makes a cancellation too late. A tombstone (shipment-events
 * forgetting a finished order) is taken and ignored: the order's progress does not go back.
 */
@Controller()
export class FulfilmentProgressHandler {
  constructor(private readonly progress: FulfilmentProgressRepository) {}

  @OnEvent(Topics.orderFulfilment, { tombstones: true })
  async onFulfilment(@Payload() fulfilment: OrderFulfilment | null): Promise<void> {
    if (!fulfilment) return;
    const reading = readFulfilmentProgress(fulfilment.lines);
    if (reading.kind === 'INVALID') throw new PoisonMessageError(reading.code, `order ${fulfilment.orderId}: ${reading.message}`);
    const applied = await this.progress.record(fulfilment.orderId, reading.progress, fulfilment.version);
    orderIngestMetrics.fulfilmentRecords.inc({ outcome: applied ? reading.progress : 'STALE' });
  }
}
