import type { Kafka, Producer } from 'kafkajs';
import { messageKey, topicName, Topics, type InventoryPosition } from '@crossdock/contracts';
import type { AvroSerde } from '@crossdock/messaging';

export const LOCATIONS = ['DC-RENO', 'DC-ATLANTA', '3PL-DALLAS'] as const;
const BATCH = 5_000;
const IN_FLIGHT = 4;

export function benchSku(index: number): string {
  return `BENCH-${index.toString().padStart(7, '0')}`;
}

export function benchPosition(skuIndex: number, location: number, version: number, onHand: number): InventoryPosition {
  const locationId = LOCATIONS[location] ?? 'DC-RENO';
  return {
    sku: benchSku(skuIndex),
    locationId,
    locationType: locationId.startsWith('3PL') ? 'THIRD_PARTY_LOGISTICS' : 'WAREHOUSE',
    unitOfMeasure: 'EA',
    onHand,
    allocated: onHand % 7,
    qualityHold: 0,
    inbound: [],
    sourceSystem: 'bench-erp',
    asOf: Date.now(),
    version,
  };
}

/** Publishes `count` ERP positions (3 locations per SKU) as fast as Kafka takes them; returns records/s. */
export async function seedPositions(kafka: Kafka, serde: AvroSerde, namespace: string, count: number): Promise<number> {
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const encode = await serde.encoder(Topics.erpInventoryPositions);
  const topic = topicName(Topics.erpInventoryPositions, namespace);
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  try {
    for (let first = 0; first < count; first += BATCH) {
      const messages = [];
      for (let i = first; i < Math.min(count, first + BATCH); i++) {
        const position = benchPosition(Math.floor(i / LOCATIONS.length), i % LOCATIONS.length, 1, 10 + (i % 50));
        messages.push({ key: messageKey(Topics.erpInventoryPositions, position), value: encode(position) });
      }
      const send = producer.send({ topic, messages, acks: 1 }).finally(() => inFlight.delete(send));
      inFlight.add(send);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    return count / ((performance.now() - started) / 1000);
  } finally {
    await producer.disconnect();
  }
}

/** Commits the service's group at the end of the position topics: a restart, not a first start. */
export async function commitServiceGroupAtEnd(kafka: Kafka, namespace: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const contract of [Topics.erpInventoryPositions, Topics.wmsInventoryPositions, Topics.itemMaster]) {
      const topic = topicName(contract, namespace);
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId: `${namespace}availability`, topic, partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}
