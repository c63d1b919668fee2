import { Client } from 'pg';
import { Topics } from '@crossdock/contracts';
import { sampleAcceptedLine, sampleInventoryPosition, sampleOrderAccepted, sampleOrderCancelled, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, http } from '../test-support/availability.harness';
import { ReservationRepository } from './reservation.repository';
import { ReservationsService } from './reservations.service';

describe('order outcomes: an acceptance older than a processed cancellation does not reserve', () => {
  const harness = new AvailabilityHarness('order-outcome');
  let started: Awaited<ReturnType<AvailabilityHarness['startService']>>;
  let db: Client;

  beforeAll(async () => {
    await harness.setUp();
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'LATE-1', locationId: 'DC-RENO', onHand: 5, asOf: Date.now(), version: 1 }),
    ]);
    started = await harness.startService();
    await waitFor(async () => ((await http(`${started.baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: 'ready' });
    db = new Client({ connectionString: harness.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await started?.service.stop();
    await harness.tearDown();
  });

  function accepted(orderId: string, outcomeSequence: number) {
    return sampleOrderAccepted({
      orderId,
      eventId: `accepted:${orderId}:${outcomeSequence}`,
      outcomeSequence,
      occurredAt: Date.now(),
      lines: [sampleAcceptedLine({ lineId: '1', sku: 'LATE-1', quantity: 1, locationId: 'DC-RENO' })],
    });
  }

  it('ignores the older acceptance and acts on a later one', async () => {
    const service = started.service.app.get(ReservationsService);
    const cancelled = sampleOrderCancelled({ orderId: 'LATE:1', outcomeSequence: 2, cancelledLines: [{ lineId: '1', sku: 'LATE-1', quantity: 1 }] });
    expect(await service.applyCancellation(cancelled)).toEqual([]);
    expect(await service.reserveOrder(accepted('LATE:1', 1))).toEqual([]);
    const none = await db.query(`SELECT 1 FROM "LineReservation" WHERE "orderId" = 'LATE:1'`);
    expect(none.rowCount).toBe(0);

    const later = await service.reserveOrder(accepted('LATE:1', 3));
    expect(later.map((d) => d.kind)).toEqual(['RESERVED']);
  });

  it("keeps the higher outcome when both topics deliver an order's first outcomes at once", async () => {
    const repository = started.service.app.get(ReservationRepository);
    const orderIds = Array.from({ length: 20 }, (_, i) => `RACE-OUTCOME:${i}`);
    const results = await Promise.all(
      orderIds.map((orderId) => Promise.all([repository.recordOutcome(orderId, 2, 'CANCELLED'), repository.recordOutcome(orderId, 1, 'ACCEPTED')])),
    );
    expect(results.every(([cancellationActs]) => cancellationActs)).toBe(true);
    const kept = await db.query<{ sequence: number; kind: string }>(`SELECT "sequence", "kind" FROM "OrderOutcome" WHERE "orderId" LIKE 'RACE-OUTCOME:%'`);
    expect(kept.rows).toHaveLength(20);
    expect(kept.rows.every((row) => row.sequence === 2 && row.kind === 'CANCELLED')).toBe(true);
  });
});
