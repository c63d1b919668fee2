import { publishedOutboxEventsRule } from '@crossdock/outbox';
import type { RetentionRule } from '@crossdock/persistence';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';

/**
 * The rows of shipment-events whose work is finished: outbox events the relay published.
 *
 * Deliberately never deleted: the books (ShipmentOrder, Shipment, ShipmentPackage, PackageHistory),
 * ShipmentFact (what makes a redelivered fact change nothing), OrderOutcome, the exceptions and
 * their replay audit, the ERP confirmation queue, and InboxReceipt.
 */
export function shipmentEventsRetentionRules(config: Pick<ShipmentEventsConfig, 'RETENTION_OUTBOX_DAYS'>): RetentionRule[] {
  return [publishedOutboxEventsRule('published shipment events', config.RETENTION_OUTBOX_DAYS)];
}
