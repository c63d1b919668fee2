import { OutboxHandover, type RelayedEvent } from './outbox-handover';

function event(id: number, eventId = `evt-${id}`): RelayedEvent {
  return { id: BigInt(id), topic: 'ordersAccepted', messageKey: `O-${id}`, eventId, payload: { id }, traceparent: null, correlationId: null, causationId: null };
}

function leadingRelay() {
  const asked = { publish: 0, scan: 0 };
  const handover = new OutboxHandover({ readyToPublish: () => (asked.publish += 1), scanNeeded: () => (asked.scan += 1) });
  handover.lead();
  return { handover, asked };
}

describe('OutboxHandover', () => {
  it('takes nothing while its relay does not lead: the leader scans for those events', () => {
    const handover = new OutboxHandover({ readyToPublish: () => undefined, scanNeeded: () => undefined });
    expect(handover.reserve(['evt-1'])).toBeNull();
    handover.lead();
    handover.resign();
    expect(handover.reserve(['evt-1'])).toBeNull();
  });

  it('hands committed events to the relay in id order, once, and asks it to publish', () => {
    const { handover, asked } = leadingRelay();
    const ticket = handover.reserve(['evt-7', 'evt-5']);
    ticket?.committed([event(7), event(5)]);
    ticket?.close();

    expect(asked).toEqual({ publish: 1, scan: 0 });
    expect(handover.hasReady).toBe(true);
    expect(handover.takeReady().map((e) => e.id)).toEqual([5n, 7n]);
    expect(handover.takeReady()).toEqual([]);
  });

  it('stops a scan at an event committed but not yet handed over, so it is neither published twice nor overtaken', () => {
    const { handover } = leadingRelay();
    const ticket = handover.reserve(['evt-2']);
    // The statement committed; a scan runs before the writer hands the event over.
    const first = handover.releasable([event(1), event(2), event(3, 'evt-3-same-order-later')]);
    expect(first).toEqual({ rows: [event(1)], cut: true });

    ticket?.committed([event(2)]);
    // The next scan publishes it with what followed, and takes it out of the hand-over.
    expect(handover.releasable([event(2), event(3, 'evt-3-same-order-later')])).toEqual({ rows: [event(2), event(3, 'evt-3-same-order-later')], cut: false });
    expect(handover.takeReady()).toEqual([]);
  });

  it('gives back what the statement did not hand over and asks for a scan, however often it is closed', () => {
    const { handover, asked } = leadingRelay();
    const ticket = handover.reserve(['evt-1', 'evt-2']);
    ticket?.committed([event(1)]);
    ticket?.close();
    ticket?.close();

    expect(asked).toEqual({ publish: 1, scan: 1 });
    expect(handover.releasable([event(2)])).toEqual({ rows: [event(2)], cut: false });
    expect(handover.takeReady().map((e) => e.id)).toEqual([1n]);
  });

  it('ignores a hand-over from an earlier term: the new leader scans for it', () => {
    const { handover, asked } = leadingRelay();
    const ticket = handover.reserve(['evt-1']);
    handover.resign();
    handover.lead();
    ticket?.committed([event(1)]);
    ticket?.close();

    expect(handover.hasReady).toBe(false);
    expect(asked).toEqual({ publish: 0, scan: 0 });
    expect(handover.releasable([event(1)]).cut).toBe(false);
  });

  it('hands over only the events it reserved', () => {
    const { handover } = leadingRelay();
    handover.reserve(['evt-1'])?.committed([event(1), event(9)]);
    expect(handover.takeReady().map((e) => e.id)).toEqual([1n]);
  });
});
