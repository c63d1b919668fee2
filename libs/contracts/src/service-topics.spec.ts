import { Topics } from './generated/topics';
import { topicsOf } from './service-topics';

describe('topicsOf', () => {
  it('gives a service the topics it owns and the ones it consumes, from the catalog', () => {
    const topics = topicsOf('order-ingest');
    expect(topics).toEqual(expect.arrayContaining([Topics.channelOrders, Topics.ordersAccepted, Topics.orderIngestDeadLetters]));
    for (const topic of topics) expect(topic.owner === 'order-ingest' || topic.consumers.includes('order-ingest')).toBe(true);
    expect(topics).not.toContain(Topics.reservations);
  });

  it('gives a service the catalog does not name nothing', () => {
    expect(topicsOf('no-such-service')).toEqual([]);
  });
});
