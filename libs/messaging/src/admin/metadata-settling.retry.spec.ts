import { isMetadataSettling, whileMetadataSettles } from './metadata-settling.retry';

const kafkaError = (type: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error('This server does not host this topic-partition'), { type, ...fields });

describe('whileMetadataSettles', () => {
  it('runs the step again while the broker does not host a just-created topic yet', async () => {
    let calls = 0;
    const result = await whileMetadataSettles(
      async () => {
        calls++;
        if (calls < 3) throw kafkaError('UNKNOWN_TOPIC_OR_PARTITION');
        return 'applied';
      },
      { firstPauseMs: 1 },
    );
    expect(result).toBe('applied');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    const invalid = kafkaError('INVALID_REPLICATION_FACTOR');
    await expect(
      whileMetadataSettles(
        async () => {
          calls++;
          throw invalid;
        },
        { firstPauseMs: 1 },
      ),
    ).rejects.toBe(invalid);
    expect(calls).toBe(1);
  });

  it('gives up after its attempts, with the last error', async () => {
    let calls = 0;
    await expect(
      whileMetadataSettles(
        async () => {
          calls++;
          throw kafkaError('LEADER_NOT_AVAILABLE');
        },
        { attempts: 3, firstPauseMs: 1 },
      ),
    ).rejects.toThrow(/does not host/);
    expect(calls).toBe(3);
  });

  it('recognises the error kafkajs wraps when its own retries ran out', () => {
    const wrapped = Object.assign(new Error('retries exhausted'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
      originalError: kafkaError('UNKNOWN_TOPIC_OR_PARTITION'),
    });
    expect(isMetadataSettling(wrapped)).toBe(true);
    expect(isMetadataSettling(new TypeError('bug'))).toBe(false);
  });
});
