import { ShipmentExceptionReason } from '../reasons/shipment-reason-codes';
import type { TrackingUse } from '../facts/tracking-reuse.rule';
import { isReplayableReason, replayDecision, replayOutcomeOf, reuseAcceptanceApplies, usesAfterReuseAccepted } from './exception-replay.rules';

describe('exception replay rules', () => {
  it('replays an open parked fact', () => {
    expect(replayDecision({ status: 'OPEN', reason: ShipmentExceptionReason.UnknownOrder, factId: 'warehouse:wms:1' })).toBe('REPLAY');
    expect(replayDecision({ status: 'OPEN', reason: ShipmentExceptionReason.CarrierUnmapped, factId: 'tracking:X:1' })).toBe('REPLAY');
  });

  it('never applies a resolved exception again', () => {
    expect(replayDecision({ status: 'RESOLVED', reason: ShipmentExceptionReason.UnknownOrder, factId: 'warehouse:wms:1' })).toBe('ALREADY_RESOLVED');
  });

  it('does not replay refused releases and cancellations (no fact to run again)', () => {
    for (const reason of [
      ShipmentExceptionReason.ReleaseRejected,
      ShipmentExceptionReason.CancelRefused,
      ShipmentExceptionReason.CancelAfterPick,
      ShipmentExceptionReason.UnknownRelease,
      ShipmentExceptionReason.ErpRejected,
    ]) {
      expect(replayDecision({ status: 'OPEN', reason, factId: null })).toBe('NOT_REPLAYABLE');
      expect(isReplayableReason(reason)).toBe(false);
    }
    expect(replayDecision({ status: 'OPEN', reason: ShipmentExceptionReason.OverShipment, factId: null })).toBe('NOT_REPLAYABLE');
  });

  it('a replay applies or still fails, it never leaves the fact waiting', () => {
    expect(replayOutcomeOf('APPLIED')).toBe('APPLIED');
    expect(replayOutcomeOf('EXCEPTION')).toBe('STILL_FAILING');
    expect(replayOutcomeOf('WAITING')).toBe('STILL_FAILING');
  });

  it('an accepted tracking reuse keeps only the order s own uses of the number', () => {
    const use = (orderId: string, packageReference: string): TrackingUse => ({
      orderId,
      packageReference,
      carrierCode: 'UPSN',
      trackingNumber: '1Z1',
      usedAt: 1,
    });
    const uses = [use('A', 'wms:1'), use('B', 'wms:2'), use('B', 'wms:3')];
    expect(usesAfterReuseAccepted(uses, 'B').map((u) => u.packageReference)).toEqual(['wms:2', 'wms:3']);
    expect(usesAfterReuseAccepted(uses, 'C')).toEqual([]);
    expect(reuseAcceptanceApplies(ShipmentExceptionReason.TrackingNumberReused)).toBe(true);
    expect(reuseAcceptanceApplies(ShipmentExceptionReason.OverShipment)).toBe(false);
  });
});
