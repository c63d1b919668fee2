import { Client } from 'pg';
import { Topics, type TrackingUpdate } from '@crossdock/contracts';
import { LEADER_LOCKS } from '@crossdock/outbox';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor, type TopicRecorder } from '@crossdock/testing';
import { PrismaService } from '../prisma/prisma.service';
import { CarrierConnectorWorld, postEasyPost, trackerUpdate } from '../test-support/carrier-connector.harness';

const world = new CarrierConnectorWorld('easypost-restart');

describe('a webhook accepted but not yet published when the connector goes away', () => {
  let topic: TopicRecorder<TrackingUpdate>;
  const running: RunningService[] = [];

  beforeAll(async () => {
    await world.setUp();
    topic = await world.record(Topics.carrierTracking);
  });

  afterAll(async () => {
    for (const service of running) await service.stop();
    await world.tearDown();
  });

  it('is published by the next instance, once, and its redelivery there is a duplicate', async () => {
    // Another session holds the relay's leader lock: this instance accepts webhooks but can never publish.
    const lockHolder = new Client({ connectionString: world.database.url });
    await lockHolder.connect();
    await lockHolder.query('SELECT pg_advisory_lock($1)', [LEADER_LOCKS.outboxRelay]);
    const first = await world.startCarrierConnector();
    running.push(first.service);

    const code = `1ZRESTART${Date.now()}`;
    const bytes = Buffer.from(JSON.stringify(trackerUpdate(code, 'delivered')));
    const answer = await postEasyPost(first.baseUrl, bytes);
    expect(answer).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const pending = await first.service.app
      .get(PrismaService)
      .sql.$queryRawUnsafe<Array<{ publishedAt: Date | null }>>('SELECT "publishedAt" FROM "EventOutbox" WHERE "eventId" = $1', answer.body['eventId']);
    expect(pending).toEqual([{ publishedAt: null }]);

    await first.service.stop();
    running.pop();
    await lockHolder.end();

    const second = await world.startCarrierConnector();
    running.push(second.service);
    const record = await waitFor(() => topic.records.find((r) => r.value.trackingCode === code), {
      what: `update ${code} published after the restart`,
    });
    expect(record?.value).toMatchObject({ eventId: answer.body['eventId'], status: 'DELIVERED' });

    expect(await postEasyPost(second.baseUrl, bytes)).toMatchObject({ status: 200, body: { status: 'duplicate', eventId: answer.body['eventId'] } });
    const markerCode = `1ZMARKER${Date.now()}`;
    await postEasyPost(second.baseUrl, trackerUpdate(markerCode, 'in_transit'));
    await waitFor(() => topic.records.find((r) => r.value.trackingCode === markerCode), { what: 'the marker on the topic' });
    expect(topic.records.filter((r) => r.value.trackingCode === code)).toHaveLength(1);
  });
});
