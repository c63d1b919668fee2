import { PoisonMessageError, TransientDependencyError } from '../errors/message-errors';
import { decideOnFailure, RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 3, initialBackoffMs: 100, maxBackoffMs: 250 };

describe('decideOnFailure', () => {
  it('dead-letters poison messages on the first attempt', () => {
    expect(decideOnFailure(new PoisonMessageError('X', 'bad'), 1, policy)).toEqual({ kind: 'dead-letter' });
  });

  it('backs off exponentially and dead-letters after the last attempt', () => {
    const error = new Error('boom');
    expect(decideOnFailure(error, 1, policy)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(decideOnFailure(error, 2, policy)).toEqual({ kind: 'retry', delayMs: 200 });
    expect(decideOnFailure(error, 3, policy)).toEqual({ kind: 'dead-letter' });
  });

  it('never dead-letters a dependency outage and caps the backoff', () => {
    const error = new TransientDependencyError('erp', 'down');
    expect(decideOnFailure(error, 50, policy)).toEqual({ kind: 'retry', delayMs: 250 });
  });

  it('judges the error as the service classifier reads it: an outage waits, anything else runs out of attempts', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const classified: RetryPolicy = { ...policy, classifyError: (e) => (e === refused ? new TransientDependencyError('database', 'down') : e) };
    expect(decideOnFailure(refused, 50, classified)).toEqual({ kind: 'retry', delayMs: 250 });
    expect(decideOnFailure(new Error('unique violation'), 3, classified)).toEqual({ kind: 'dead-letter' });
    expect(decideOnFailure(refused, 3, policy)).toEqual({ kind: 'dead-letter' });
  });
});
