import { Topics } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor } from '@crossdock/testing';
import { ShipmentEventsHarness } from '../test-support/shipment-events.harness';
import { acceptedOrder, trackingUpdate, warehouseFact } from '../test-support/shipment-facts.samples';
import type { ShipmentFactDto, ShipmentFactListDto } from './facts.dto';

describe('shipment-events: GET /facts says what became of every warehouse and carrier fact', () => {
  const harness = new ShipmentEventsHarness('shipment-facts-api');
  let service: RunningService;
  let baseUrl: string;
  const since = new Date().toISOString();

  beforeAll(async () => {
    await harness.setUp();
    ({ service, baseUrl } = await harness.startService());
  });

  afterAll(async () => {
    await service?.stop();
    await harness.tearDown();
  });

  const get = async (query: string) => {
    const response = await fetch(`${baseUrl}/facts?${query}`);
    return { status: response.status, body: (await response.json()) as ShipmentFactListDto & { field?: string } };
  };
  const factsOf = async (orderId: string): Promise<ShipmentFactDto[]> => (await get(`orderId=${encodeURIComponent(orderId)}`)).body.facts;

  it('applied, duplicate and waiting facts, each with its reason, paged in business-key order', async () => {
    const shipped = 'SHOPIFY:acme-outdoor:F1';
    const unknown = 'SHOPIFY:acme-outdoor:F2';
    await harness.publish(Topics.ordersAccepted, [acceptedOrder(shipped)]);
    await waitFor(() => harness.latestFulfilment(shipped), { what: `${shipped} released` });
    const fact = warehouseFact(shipped);
    // The same 945/WMS event delivered again under another eventId: one fact, one duplicate.
    await harness.publish(Topics.wmsShipments, [fact, { ...fact, eventId: `${fact.eventId}:again` }, warehouseFact(unknown)]);

    const applied = await waitFor(async () => (await factsOf(shipped)).find((f) => f.duplicateCount === 1), { what: `${shipped}'s fact and its duplicate` });
    expect(applied).toMatchObject({ factId: `warehouse:wms-main:ship-${shipped}`, kind: 'WAREHOUSE', eventId: fact.eventId, status: 'APPLIED', reason: null });
    const waiting = await waitFor(async () => (await factsOf(unknown))[0], { what: `${unknown}'s fact` });
    expect(waiting).toMatchObject({ status: 'WAITING', reason: expect.stringMatching(/ORDER/) });

    const byEvent = await get(`eventId=${encodeURIComponent(fact.eventId)}`);
    expect(byEvent.body.facts.map((f) => f.factId)).toEqual([applied.factId]);

    await harness.publish(Topics.carrierTracking, [trackingUpdate(`1Z-${shipped}`, 'IN_TRANSIT')]);
    const tracking = await waitFor(async () => (await get(`kind=TRACKING&receivedSince=${since}`)).body.facts[0], { what: 'the tracking fact' });
    expect(tracking).toMatchObject({ orderId: shipped, status: 'APPLIED', trackingNumber: `1Z-${shipped}` });

    const all = [tracking.factId, applied.factId, waiting.factId].sort();
    const first = await get(`receivedSince=${since}&limit=2`);
    expect(first.body.facts.map((f) => f.factId)).toEqual(all.slice(0, 2));
    expect(first.body.next).toBe(all[1]);
    const second = await get(`receivedSince=${since}&limit=2&after=${encodeURIComponent(first.body.next ?? '')}`);
    expect(second.body.facts.map((f) => f.factId)).toEqual(all.slice(2));
    expect(second.body.next).toBeNull();
  });

  it('a bad parameter is a 400 naming it', async () => {
    expect(await get('status=LOST')).toMatchObject({ status: 400, body: { code: 'INVALID_PARAMETER', parameter: 'status' } });
    expect(await get('receivedSince=yesterday')).toMatchObject({ status: 400, body: { parameter: 'receivedSince' } });
    expect(await get('limit=0')).toMatchObject({ status: 400, body: { parameter: 'limit', message: 'limit: must be 1 to 1000' } });
  });
});
