import type { ChannelAvailability } from '@crossdock/contracts';
import { figureFingerprint } from './figure.fingerprint';

const at = (locationId: string, onHand: number, reserved: number) => ({
  locationId,
  locationType: 'WAREHOUSE' as const,
  onHand,
  allocated: 0,
  qualityHold: 0,
  reserved,
  inboundCounted: 0,
  sellableQuantity: onHand - reserved,
});

describe('figureFingerprint', () => {
  // Capped at 20 by the channel: moving reserved units between locations leaves the quantity at 20.
  const figure: ChannelAvailability = {
    sku: 'TENT-ULTRA-2P',
    channelAccountId: 'amazon-us',
    channel: 'AMAZON',
    channelSku: null,
    sellableQuantity: 20,
    locations: [at('DC-RENO', 40, 0), at('DC-ATLANTA', 33, 0)],
    safetyStockApplied: 0,
    bufferApplied: 7,
    cap: 20,
    ruleSetVersion: '3',
    computedAt: 1_764_201_600_000,
    basedOnAsOf: 1_764_201_500_000,
    version: 1_764_201_600_000_000,
  };

  it('stays the same for the same content computed at another moment, by another instance', () => {
    const later = { ...figure, computedAt: figure.computedAt + 5_000, version: figure.version + 17, basedOnAsOf: figure.basedOnAsOf + 1_000 };
    expect(figureFingerprint(later)).toBe(figureFingerprint(figure));
  });

  it('changes with the breakdown even when the sellable quantity does not', () => {
    const [first, ...rest] = figure.locations;
    if (!first) throw new Error('the sample has no location');
    const moved = { ...figure, locations: [{ ...first, reserved: first.reserved + 2 }, ...rest] };
    expect(moved.sellableQuantity).toBe(figure.sellableQuantity);
    expect(figureFingerprint(moved)).not.toBe(figureFingerprint(figure));
  });

  it('changes with the quantity, the cap and the rule set, and is a safe integer', () => {
    const fingerprints = [
      figure,
      { ...figure, sellableQuantity: figure.sellableQuantity + 1 },
      { ...figure, cap: 25 },
      { ...figure, ruleSetVersion: 'next' },
    ].map(figureFingerprint);
    expect(new Set(fingerprints).size).toBe(4);
    for (const fingerprint of fingerprints) expect(Number.isSafeInteger(fingerprint)).toBe(true);
  });
});
