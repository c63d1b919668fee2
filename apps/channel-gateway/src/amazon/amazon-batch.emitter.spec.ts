import pino from 'pino';
import type { AdapterRejection, PolledOrder } from '@crossdock/channel-adapters';
import type { ChannelOrder } from '@crossdock/contracts';
import type { ChannelOrderPublisher } from '../publishing/channel-order.publisher';
import type { ChannelRejectionRepository } from '../rejections/channel-rejection.repository';
import { AmazonBatchEmitter } from './amazon-batch.emitter';

const order = (id: string, eventType: 'CREATED' | 'CANCELLED'): PolledOrder => ({
  amazonOrderId: id,
  lastUpdateDate: '2026-11-27T10:00:00Z',
  outcome: { kind: 'ORDER', order: { orderId: `AMAZON:amazon-us:${id}`, eventType, channel: 'AMAZON' } as ChannelOrder },
});
const rejection: AdapterRejection = { code: 'AMOUNT_INVALID', field: 'OrderItems[0].ItemPrice.Amount', message: 'bad', channelOrderId: '113-1' };

function setUp(failRecording = false) {
  const log: string[] = [];
  const publisher = { publish: async (orders: readonly ChannelOrder[]) => void log.push(...orders.map((o) => `publish ${o.orderId} ${o.eventType}`)) };
  const rejections = {
    record: async (_channel: string, _account: string, ref: string, r: AdapterRejection) => {
      if (failRecording) throw new Error('database down');
      log.push(`reject ${ref} ${r.code}`);
    },
  };
  const emitter = new AmazonBatchEmitter(
    'amazon-us',
    publisher as unknown as ChannelOrderPublisher,
    rejections as unknown as ChannelRejectionRepository,
    pino({ level: 'silent' }),
  );
  return { emitter, log };
}

describe('AmazonBatchEmitter', () => {
  it('publishes orders in batch order, records refusals per document version, passes skips over', async () => {
    const { emitter, log } = setUp();
    await emitter.emit([
      order('113-1', 'CREATED'),
      { amazonOrderId: '113-2', lastUpdateDate: '2026-11-27T10:01:00Z', outcome: { kind: 'REJECTED', rejection } },
      { amazonOrderId: '113-3', lastUpdateDate: '2026-11-27T10:02:00Z', outcome: { kind: 'SKIPPED', channelOrderId: '113-3', reason: 'Pending' } },
      order('113-1', 'CANCELLED'),
    ]);
    expect(log).toEqual([
      'publish AMAZON:amazon-us:113-1 CREATED',
      'reject 113-2@2026-11-27T10:01:00Z AMOUNT_INVALID',
      'publish AMAZON:amazon-us:113-1 CANCELLED',
    ]);
  });

  it('fails the batch when a refusal cannot be recorded, so the poller keeps its cursor', async () => {
    const { emitter } = setUp(true);
    await expect(emitter.emit([{ amazonOrderId: '113-2', lastUpdateDate: 'x', outcome: { kind: 'REJECTED', rejection } }])).rejects.toThrow('database down');
  });
});
