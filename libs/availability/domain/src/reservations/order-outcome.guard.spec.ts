import { decideOrderOutcome } from './order-outcome.guard';

describe('decideOrderOutcome', () => {
  it('acts on and keeps the first outcome of an order', () => {
    expect(decideOrderOutcome(null, { sequence: 1, kind: 'ACCEPTED' })).toEqual({
      acts: true,
      keep: { sequence: 1, kind: 'ACCEPTED' },
    });
  });

  it('does not act on an acceptance older than a processed cancellation, and keeps the cancellation', () => {
    expect(decideOrderOutcome({ sequence: 3, kind: 'CANCELLED' }, { sequence: 2, kind: 'ACCEPTED' })).toEqual({
      acts: false,
      keep: null,
    });
  });

  it('acts on a later outcome and keeps it', () => {
    expect(decideOrderOutcome({ sequence: 2, kind: 'ACCEPTED' }, { sequence: 3, kind: 'CANCELLED' })).toEqual({
      acts: true,
      keep: { sequence: 3, kind: 'CANCELLED' },
    });
  });

  it('acts on the same outcome delivered again without writing it again', () => {
    expect(decideOrderOutcome({ sequence: 2, kind: 'ACCEPTED' }, { sequence: 2, kind: 'ACCEPTED' })).toEqual({
      acts: true,
      keep: null,
    });
  });

  it('lets an equal sequence of the other kind act and take its place', () => {
    expect(decideOrderOutcome({ sequence: 2, kind: 'ACCEPTED' }, { sequence: 2, kind: 'CANCELLED' })).toEqual({
      acts: true,
      keep: { sequence: 2, kind: 'CANCELLED' },
    });
  });
});
