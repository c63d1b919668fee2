import type { KafkaMessage } from 'kafkajs';
import { Topics } from '@crossdock/contracts';
import { MessageHeader } from '../headers/message-headers';
import type { DeadLetterEntry } from './dead-letter-sink';
import type { ProcessorDeps } from './message-processor';

// Fakes for the processor specs: a registry that decodes everything, a recording dead-letter sink,
// counted metrics and instant pauses.
export const contract = Topics.erpInventoryPositions;

export function message(overrides: Partial<KafkaMessage> = {}): KafkaMessage {
  return {
    key: Buffer.from('SKU-1@DC1'),
    value: Buffer.from([0, 0, 0, 0, 7, 1, 2]),
    timestamp: '1700000000000',
    attributes: 0,
    offset: '41',
    headers: { [MessageHeader.CorrelationId]: Buffer.from('order-77'), [MessageHeader.MessageId]: Buffer.from('m-1') },
    ...overrides,
  } as KafkaMessage;
}

export function harness(decode: ProcessorDeps['serde']['decode'] = async () => ({ value: { sku: 'SKU-1' } as never, schemaId: 7 })) {
  const deadLetters: DeadLetterEntry[] = [];
  const pauses: number[] = [];
  const counts = { handled: 0, retried: 0, deadLettered: [] as string[] };
  let stopAfterPauses = Number.POSITIVE_INFINITY;
  const deps: ProcessorDeps = {
    serde: { decode },
    deadLetters: { send: async (entry) => void deadLetters.push(entry) },
    retryPolicy: { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 40 },
    consumerGroup: 'availability',
    metrics: {
      received: () => undefined,
      handled: () => void counts.handled++,
      retried: () => void counts.retried++,
      deadLettered: (_topic, code) => void counts.deadLettered.push(code),
      commitFailed: () => undefined,
    },
    pause: async (ms) => {
      pauses.push(ms);
      return pauses.length <= stopAfterPauses;
    },
  };
  return { deps, deadLetters, pauses, counts, stopAfter: (n: number) => (stopAfterPauses = n) };
}

export const delivery = (m = message()) => ({ topic: 'ns.crossdock.inventory.positions.v1', partition: 2, message: m });
