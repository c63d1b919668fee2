import type { Kafka } from 'kafkajs';
import pino from 'pino';
import type { PlatformConfig } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { ReadinessRegistry } from '@crossdock/observability';
import type { AvroSerde } from '../serde/avro-serde';
import { StartupRebuilds, type ReadTables, type StartupRebuild } from './startup-rebuilds';

const config = { TOPIC_NAMESPACE: 'ns.', SERVICE_NAME: 'availability' } as PlatformConfig;

/** A broker whose topic holds one record and whose consumer never delivers it. */
function silentBroker() {
  const groups: string[] = [];
  const admin = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    fetchTopicOffsets: () => Promise.resolve([{ partition: 0, low: '0', high: '1', offset: '1' }]),
    deleteGroups: () => Promise.resolve([]),
  };
  const consumer = { connect: () => Promise.resolve(), subscribe: () => Promise.resolve(), run: () => Promise.resolve(), disconnect: () => Promise.resolve() };
  const kafka = {
    admin: () => admin,
    consumer: ({ groupId }: { groupId: string }) => {
      groups.push(groupId);
      return consumer;
    },
  } as unknown as Kafka;
  return { kafka, groups };
}

function startupRebuilds(kafka: Kafka, readiness = new ReadinessRegistry()): StartupRebuilds {
  return new StartupRebuilds(kafka, {} as AvroSerde, readiness, config, pino({ level: 'silent' }));
}

function itemTableRebuild(rebuild: Pick<StartupRebuild, 'isDone' | 'attempt'> & Partial<StartupRebuild>): StartupRebuild {
  return { what: 'item table rebuild', readinessCheck: 'item-table', timeoutMs: 60_000, ...rebuild };
}

describe('StartupRebuilds', () => {
  it('runs a registered rebuild from bootstrap, holding readiness until its tables are complete, and lets go on shutdown', async () => {
    const readiness = new ReadinessRegistry();
    const rebuilds = startupRebuilds(silentBroker().kafka, readiness);
    let done = false;
    let finish!: () => void;
    const attempted = new Promise<void>((resolve) => (finish = resolve));
    rebuilds.register(
      itemTableRebuild({
        isDone: () => done,
        attempt: async () => {
          await attempted;
          done = true;
        },
      }),
    );
    expect(readiness.names()).toEqual([]);

    rebuilds.onApplicationBootstrap();
    expect(await readiness.evaluate()).toMatchObject({ ready: false, failing: ['item-table'] });
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await readiness.evaluate()).toMatchObject({ ready: true, failing: [] });

    await rebuilds.onApplicationShutdown();
    expect(readiness.names()).toEqual([]);
  });

  it("reads the feeds in a throw-away group named after the service's own, bounded by the rebuild's timeout", async () => {
    const broker = silentBroker();
    const rebuilds = startupRebuilds(broker.kafka);
    let reading: Promise<unknown> | undefined;
    const feed = { topic: 'ns.item-master', contract: Topics.itemMaster, apply: () => undefined };
    const attempt = async (readTables: ReadTables) => {
      reading = readTables([feed]).catch((error: unknown) => error);
      await reading;
    };
    rebuilds.register(itemTableRebuild({ timeoutMs: 20, isDone: () => true, attempt }));

    rebuilds.onApplicationBootstrap();
    const failure = await reading;
    await rebuilds.onApplicationShutdown();
    expect(broker.groups).toEqual([expect.stringMatching(/^ns\.availability-rebuild-/)]);
    expect(String(failure)).toContain('within 20 ms');
  });
});
