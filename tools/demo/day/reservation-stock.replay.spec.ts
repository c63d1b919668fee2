import { noReservationBeyondStock } from './reservation-stock.replay';

describe('noReservationBeyondStock', () => {
  const position = (onHand: number, at: number, source: 'ERP' | 'WMS' = 'ERP', version = at) => ({
    source,
    sku: 'A',
    locationId: 'DC',
    onHand,
    inbound: 0,
    version,
    asOf: at,
    at,
  });
  const reserve = (id: string, qty: number, at: number, version = 1) => ({
    reservationId: id,
    orderId: `order-${id}`,
    lineId: '1',
    sku: 'A',
    locationId: 'DC',
    openQuantity: qty,
    version,
    at,
  });
  const issue = (id: string, quantity: number, postedAt: number) => ({ orderId: `order-${id}`, lineId: '1', sku: 'A', locationId: 'DC', quantity, postedAt });

  it('accepts reservations within the stock known when they were made', () => {
    expect(noReservationBeyondStock({ positions: [position(5, 1)], reservations: [reserve('r1', 3, 2), reserve('r2', 2, 3)] }).ok).toBe(true);
  });

  it('flags the reservation that took more than the stock', () => {
    const result = noReservationBeyondStock({ positions: [position(5, 1)], reservations: [reserve('r1', 3, 2), reserve('r2', 3, 3)] });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('A@DC: 6 reserved > 5 in stock');
  });

  it('does not blame earlier reservations for stock adjusted down later, and counts releases', () => {
    const result = noReservationBeyondStock({
      positions: [position(5, 1), position(2, 4)],
      reservations: [reserve('r1', 5, 2), reserve('r1', 0, 5, 2), reserve('r2', 2, 6)],
    });
    expect(result.ok).toBe(true);
  });

  it('prefers the ERP on-hand, uses the WMS where the ERP has none, and needs some stock figure', () => {
    expect(noReservationBeyondStock({ positions: [position(1, 1, 'ERP'), position(9, 1, 'WMS')], reservations: [reserve('r1', 3, 2)] }).ok).toBe(false);
    expect(noReservationBeyondStock({ positions: [position(9, 1, 'WMS')], reservations: [reserve('r1', 3, 2)] }).ok).toBe(true);
    expect(noReservationBeyondStock({ positions: [], reservations: [reserve('r1', 1, 2)] }).ok).toBe(false);
  });

  it('does not count twice a unit the ERP issued before availability consumed its reservation', () => {
    // r1 reserved 4 of 5; 3 of them shipped: the ERP says 2 on hand (as of 10) before r1's consumption reaches Kafka.
    const facts = {
      positions: [position(5, 1), position(2, 10)],
      reservations: [reserve('r1', 4, 2), reserve('r2', 1, 11)],
      goodsIssues: [issue('r1', 3, 9)],
    };
    expect(noReservationBeyondStock(facts).ok).toBe(true);
    expect(noReservationBeyondStock({ ...facts, reservations: [...facts.reservations, reserve('r3', 1, 12)] }).detail).toContain(
      'A@DC: 3 reserved > 2 in stock',
    );
  });

  it('counts an issued unit as reserved until the ERP position that reflects it arrives', () => {
    const facts = {
      positions: [position(5, 1), position(5, 8)],
      reservations: [reserve('r1', 4, 2), reserve('r2', 2, 11)],
      goodsIssues: [issue('r1', 3, 9)],
    };
    expect(noReservationBeyondStock(facts).detail).toContain('A@DC: 6 reserved > 5 in stock');
  });

  it('does not take issued units off twice once the reservation consumed them', () => {
    const facts = {
      positions: [position(5, 1), position(2, 10)],
      reservations: [reserve('r1', 4, 2), reserve('r1', 1, 10.5, 2), reserve('r2', 2, 11)],
      goodsIssues: [issue('r1', 3, 9)],
    };
    expect(noReservationBeyondStock(facts).detail).toContain('A@DC: 3 reserved > 2 in stock');
  });
});
