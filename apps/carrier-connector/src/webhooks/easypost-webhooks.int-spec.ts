import { Topics, type TrackingUpdate } from '@crossdock/contracts';
import { easyPostSignature } from '@crossdock/connectors/domain';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor, type TopicRecorder } from '@crossdock/testing';
import { PrismaService } from '../prisma/prisma.service';
import { CarrierConnectorWorld, postEasyPost, trackerUpdate, WEBHOOK_SECRET } from '../test-support/carrier-connector.harness';

const world = new CarrierConnectorWorld('easypost');
let codes = 0;
const newTrackingCode = () => `1Z999AA1${Date.now().toString().slice(-8)}${(codes += 1).toString().padStart(2, '0')}`;

describe('EasyPost webhooks on the real stack', () => {
  let service: RunningService;
  let baseUrl: string;
  let topic: TopicRecorder<TrackingUpdate>;
  const recordsOf = (trackingCode: string) => topic.records.filter((r) => r.value.trackingCode === trackingCode);
  const sql = <T>(text: string, ...values: unknown[]) => service.app.get(PrismaService).sql.$queryRawUnsafe<T>(text, ...values);

  /** Sends a valid update for a fresh code and waits until it is on the topic: everything sent before it has been relayed. */
  async function marker(): Promise<TrackingUpdate> {
    const code = newTrackingCode();
    expect(await postEasyPost(baseUrl, trackerUpdate(code, 'in_transit'))).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const record = await waitFor(() => recordsOf(code).at(0), { what: `marker ${code} on the topic` });
    return record.value;
  }

  beforeAll(async () => {
    await world.setUp();
    topic = await world.record(Topics.carrierTracking);
    ({ service, baseUrl } = await world.startCarrierConnector());
  });

  afterAll(async () => {
    await service?.stop();
    await world.tearDown();
  });

  it('publishes a signed tracker.updated as a TrackingUpdate keyed by carrier and tracking code', async () => {
    const code = newTrackingCode();
    const event = trackerUpdate(code, 'out_for_delivery', { carrier: 'UPS' });
    const answer = await postEasyPost(baseUrl, event);
    expect(answer).toEqual({
      status: 200,
      body: { status: 'accepted', sourceEventId: event.id, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), trackingCode: code, carrier: 'UPS' },
    });

    const record = await waitFor(() => recordsOf(code).at(0), { what: `update ${code} on the topic` });
    expect(record.key).toBe(`UPS/${code}`);
    expect(record.headers['crossdock-idempotency-key']).toBe(answer.body['eventId']);
    const newest = event.result.tracking_details.at(-1);
    expect(record.value).toEqual({
      eventId: answer.body['eventId'],
      sourceEventId: event.id,
      trackerId: event.result.id,
      carrier: 'UPS',
      trackingCode: code,
      status: 'OUT_FOR_DELIVERY',
      rawStatus: 'out_for_delivery',
      statusDetail: 'arrived_at_facility',
      estDeliveryDate: Date.parse(event.result.est_delivery_date ?? ''),
      trackingDetails: event.result.tracking_details.map((d) => ({
        datetime: Date.parse(d.datetime),
        status: d.status,
        statusDetail: d.status_detail,
        message: d.message,
        city: d.tracking_location.city,
        state: d.tracking_location.state,
        country: d.tracking_location.country,
        zip: d.tracking_location.zip,
      })),
      occurredAt: Date.parse(newest?.datetime ?? ''),
      receivedAt: expect.any(Number),
    });
    expect(Math.abs(record.value.receivedAt - Date.now())).toBeLessThan(60_000);
  });

  it('publishes a webhook delivered four times (three redeliveries) once', async () => {
    const code = newTrackingCode();
    const bytes = Buffer.from(JSON.stringify(trackerUpdate(code, 'delivered')));
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await postEasyPost(baseUrl, bytes));
    expect(answers.map((a) => [a.status, a.body['status']])).toEqual([
      [200, 'accepted'],
      [200, 'duplicate'],
      [200, 'duplicate'],
      [200, 'duplicate'],
    ]);
    expect(new Set(answers.map((a) => a.body['eventId'])).size).toBe(1);

    await marker();
    expect(recordsOf(code)).toHaveLength(1);
    const rows = await sql<Array<{ n: bigint }>>('SELECT count(*) AS n FROM "EventOutbox" WHERE "eventId" = $1', answers[0]?.body['eventId']);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('answers 401 to a missing or wrong signature and stores and publishes nothing', async () => {
    const code = newTrackingCode();
    const event = trackerUpdate(code, 'delivered');
    const bytes = Buffer.from(JSON.stringify(event));
    expect(await postEasyPost(baseUrl, bytes, null)).toEqual({
      status: 401,
      body: { status: 'rejected', code: 'SIGNATURE_MISSING', field: 'header:X-Hmac-Signature', message: expect.any(String) },
    });
    expect(await postEasyPost(baseUrl, bytes, easyPostSignature(bytes, 'not-the-secret'))).toMatchObject({ status: 401, body: { code: 'SIGNATURE_INVALID' } });
    // The right signature over other bytes (a body altered in transit).
    const altered = Buffer.from(JSON.stringify({ ...event, description: 'tracker.updated ' }));
    expect(await postEasyPost(baseUrl, altered, easyPostSignature(bytes, WEBHOOK_SECRET))).toMatchObject({ status: 401 });

    await marker();
    expect(recordsOf(code)).toEqual([]);
    const receipts = await sql<Array<{ n: bigint }>>('SELECT count(*) AS n FROM "InboxReceipt" WHERE "messageId" = $1', `easypost:${event.id}`);
    expect(Number(receipts[0]?.n)).toBe(0);
    const rejections = await sql<Array<{ n: bigint }>>('SELECT count(*) AS n FROM "CarrierWebhookRejection" WHERE "sourceEventId" = $1', event.id);
    expect(Number(rejections[0]?.n)).toBe(0);
  });

  it('answers 400 naming the problem to a signed body it cannot use, and lists it at GET /rejections', async () => {
    const notJson = Buffer.from(`{"id": "evt_broken_${Date.now()}", "object": "Event",`);
    expect(await postEasyPost(baseUrl, notJson)).toEqual({
      status: 400,
      body: { status: 'rejected', code: 'PAYLOAD_MALFORMED', field: '(body)', message: expect.stringContaining('not JSON') },
    });
    const code = newTrackingCode();
    const event = trackerUpdate(code, 'in_transit');
    const withoutCode = { ...event, result: { ...event.result, tracking_code: null } };
    for (let i = 0; i < 2; i += 1) {
      expect(await postEasyPost(baseUrl, withoutCode)).toEqual({
        status: 400,
        body: { status: 'rejected', code: 'FIELD_MISSING', field: 'result.tracking_code', message: 'result.tracking_code is missing or empty' },
      });
    }

    const listed = (await (await fetch(`${baseUrl}/rejections?limit=10`)).json()) as { rejections: Array<Record<string, unknown>> };
    const missing = listed.rejections.find((r) => r['sourceEventId'] === event.id);
    expect(missing).toMatchObject({ provider: 'easypost', code: 'FIELD_MISSING', field: 'result.tracking_code', deliveries: 2 });
    expect(Buffer.from(String(missing?.['bodyBase64']), 'base64').equals(Buffer.from(JSON.stringify(withoutCode)))).toBe(true);
    const malformed = listed.rejections.find((r) => r['code'] === 'PAYLOAD_MALFORMED');
    expect(Buffer.from(String(malformed?.['bodyBase64']), 'base64').equals(notJson)).toBe(true);
    expect(malformed).toMatchObject({ sourceEventId: null, deliveries: 1 });

    const onlyMalformed = (await (await fetch(`${baseUrl}/rejections?code=PAYLOAD_MALFORMED`)).json()) as { rejections: Array<Record<string, unknown>> };
    expect(onlyMalformed.rejections.map((r) => r['code'])).toEqual(['PAYLOAD_MALFORMED']);
    const badQuery = await fetch(`${baseUrl}/rejections?limit=0`);
    expect(badQuery.status).toBe(400);
    expect(await badQuery.json()).toMatchObject({ code: 'QUERY_INVALID', field: 'limit' });

    await marker();
    expect(recordsOf(code)).toEqual([]);
  });

  it('acknowledges an Event that is not about a tracker, records it once, and publishes nothing', async () => {
    const id = `evt_batch_${Date.now()}`;
    const batchEvent = { id, object: 'Event', mode: 'test', description: 'batch.updated', result: { id: 'batch_1', object: 'Batch', state: 'purchased' } };
    expect(await postEasyPost(baseUrl, batchEvent)).toEqual({
      status: 200,
      body: { status: 'ignored', sourceEventId: id, description: 'batch.updated', duplicate: false },
    });
    expect(await postEasyPost(baseUrl, batchEvent)).toMatchObject({ status: 200, body: { status: 'ignored', duplicate: true } });
    const before = topic.records.length;
    const last = await marker();
    expect(topic.records.slice(before).map((r) => r.value.eventId)).toEqual([last.eventId]);
    const receipts = await sql<Array<{ outcome: string }>>('SELECT "outcome" FROM "InboxReceipt" WHERE "messageId" = $1', `easypost:${id}`);
    expect(receipts).toEqual([{ outcome: 'IGNORE batch.updated' }]);
  });

  it('answers 413 to a body over WEBHOOK_MAX_BODY_BYTES without reading it', async () => {
    const answer = await postEasyPost(baseUrl, Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect(answer).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('documents the webhook and the rejections in its OpenAPI document, and counts outcomes and publish lag', async () => {
    const document = (await (await fetch(`${baseUrl}/docs-json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(document.paths['/webhooks/easypost']?.['post']?.responses ?? {}).sort()).toEqual(['200', '400', '401', '413', '503']);
    expect(document.paths['/rejections']?.['get']).toBeDefined();
    const metrics = await waitFor(
      async () => {
        const text = await (await fetch(`${baseUrl}/metrics`)).text();
        return /crossdock_carrier_connector_publish_lag_seconds_count\{[^}]*\} [1-9]/.test(text) ? text : undefined;
      },
      { what: 'publish lag observations' },
    );
    for (const outcome of ['accepted', 'duplicate', 'ignored', 'bad_signature', 'malformed']) {
      expect(metrics).toMatch(new RegExp(`crossdock_carrier_connector_webhooks_total\\{[^}]*outcome="${outcome}"[^}]*\\} [1-9]`));
    }
  });
});
