import { HOUR, NOW, supply } from '../test-support/availability.fixtures';
import { countableInbound } from './inbound-supply.window';

describe('countableInbound', () => {
  const rule = { horizonHours: 72, overdueGraceHours: 24 };

  it('counts supply due within the horizon, boundaries included', () => {
    expect(countableInbound([supply(5, NOW + HOUR), supply(7, NOW + 72 * HOUR)], rule, NOW)).toBe(12);
  });

  it('ignores supply due after the horizon', () => {
    expect(countableInbound([supply(5, NOW + 72 * HOUR + 1)], rule, NOW)).toBe(0);
  });

  it('counts overdue supply within the grace period only', () => {
    expect(countableInbound([supply(3, NOW - 24 * HOUR), supply(4, NOW - 24 * HOUR - 1)], rule, NOW)).toBe(3);
  });

  it('never counts supply without a date, of unknown origin, or with no quantity', () => {
    const entries = [supply(5, null), supply(6, NOW, { sourceType: 'UNKNOWN' }), supply(0, NOW)];
    expect(countableInbound(entries, rule, NOW)).toBe(0);
  });

  it('counts nothing for a channel that does not sell inbound supply', () => {
    expect(countableInbound([supply(5, NOW + HOUR)], null, NOW)).toBe(0);
  });
});
