import pino from 'pino';
import type { SqlStatement } from '@crossdock/persistence';
import { processMetrics } from '@crossdock/observability';
import type { OutboxRelay, PublishedEventsFollower } from '@crossdock/outbox';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import type { PrismaService } from '../prisma/prisma.service';
import { publishedLagFollower } from './published-lag.follower';

const PUBLISHED_AT = new Date('2026-12-07T10:00:00Z');

/** The published rows as the follower's statement returns them: only the payload fields it asked for. */
function row(id: number, topic: string, fields: Partial<Record<'sourceOccurredAt' | 'milestone' | 'source' | 'channel', unknown>>) {
  const payload = { sourceOccurredAt: null, milestone: null, source: null, channel: null, ...fields };
  return { id: BigInt(id), topic, createdAt: PUBLISHED_AT, publishedAt: PUBLISHED_AT, payload };
}

async function histogram(name: string, labels: Record<string, string>): Promise<{ count: number; sum: number }> {
  // A histogram's values carry their series' name (`_bucket`, `_sum`, `_count`).
  const values = ((await processMetrics().registry.getSingleMetric(name)?.get())?.values ?? []) as Array<{
    metricName?: string;
    labels: Record<string, string | number>;
    value: number;
  }>;
  const of = (suffix: string) =>
    values
      .filter((v) => v.metricName === `${name}_${suffix}` && Object.entries(labels).every(([k, l]) => v.labels[k] === l))
      .reduce((total, v) => total + v.value, 0);
  return { count: of('count'), sum: of('sum') };
}

describe('published lag follower', () => {
  it('observes milestone lag by milestone and source, and update timeliness by channel, from the source clock to publishing', async () => {
    const statements: SqlStatement[] = [];
    const published = [
      row(1, 'shipmentMilestones', { sourceOccurredAt: PUBLISHED_AT.getTime() - 90_000, milestone: 'SHIPPED', source: 'WMS' }),
      row(2, 'channelShipmentUpdates', { sourceOccurredAt: PUBLISHED_AT.getTime() - 4_000, channel: 'SHOPIFY' }),
      row(3, 'shipmentMilestones', { sourceOccurredAt: PUBLISHED_AT.getTime() - 2_000 }),
      // No source time: nothing to measure from.
      row(4, 'channelShipmentUpdates', { channel: 'SHOPIFY' }),
    ];
    const db = {
      query: async <T>(statement: SqlStatement): Promise<T[]> => {
        statements.push(statement);
        if (statement.name === 'outbox.published-start') return [{ id: 0n }] as T[];
        return published.splice(0) as T[];
      },
    };
    const before = {
      shipped: await histogram('crossdock_shipment_milestone_lag_seconds', { milestone: 'SHIPPED', source: 'WMS' }),
      unknown: await histogram('crossdock_shipment_milestone_lag_seconds', { milestone: 'UNKNOWN', source: 'UNKNOWN' }),
      shopify: await histogram('crossdock_shipment_channel_update_timeliness_seconds', { channel: 'SHOPIFY' }),
    };

    const follower = publishedLagFollower.useFactory(
      { sql: db } as unknown as PrismaService,
      { leading: true } as OutboxRelay,
      { SHIPMENT_METRICS_REFRESH_MS: 5_000 } as ShipmentEventsConfig,
      pino({ level: 'silent' }),
    ) as PublishedEventsFollower;
    expect(await follower.followOnce()).toBe(4);

    expect(statements[1]?.values.slice(1, 3)).toEqual([
      ['shipmentMilestones', 'channelShipmentUpdates'],
      ['sourceOccurredAt', 'milestone', 'source', 'channel'],
    ]);
    const shipped = await histogram('crossdock_shipment_milestone_lag_seconds', { milestone: 'SHIPPED', source: 'WMS' });
    expect([shipped.count - before.shipped.count, shipped.sum - before.shipped.sum]).toEqual([1, 90]);
    const unknown = await histogram('crossdock_shipment_milestone_lag_seconds', { milestone: 'UNKNOWN', source: 'UNKNOWN' });
    expect([unknown.count - before.unknown.count, unknown.sum - before.unknown.sum]).toEqual([1, 2]);
    const shopify = await histogram('crossdock_shipment_channel_update_timeliness_seconds', { channel: 'SHOPIFY' });
    expect([shopify.count - before.shopify.count, shopify.sum - before.shopify.sum]).toEqual([1, 4]);
  });
});
