import { ConfigSource, type Admin, type IResourceConfig, type ITopicConfig } from 'kafkajs';
import { Topics, type TopicDefinition } from '@crossdock/contracts';
import { configDrift, reconcileTopics } from './topic-reconciler';

interface FakeTopic {
  partitions: number;
  overrides: Map<string, string>;
}

/** The slice of the kafkajs Admin the reconciler uses, over an in-memory cluster. */
class FakeAdmin {
  readonly topics = new Map<string, FakeTopic>();
  readonly calls: string[] = [];
  private readonly brokerDefaults = new Map([
    ['cleanup.policy', 'delete'],
    ['retention.ms', '604800000'],
    ['min.cleanable.dirty.ratio', '0.5'],
    ['segment.ms', '604800000'],
    ['delete.retention.ms', '86400000'],
  ]);

  async listTopics() {
    return [...this.topics.keys()];
  }

  async createTopics({ topics }: { topics: ITopicConfig[] }) {
    this.calls.push(`create ${topics.map((topic) => topic.topic).join(',')}`);
    for (const topic of topics) {
      this.topics.set(topic.topic, {
        partitions: topic.numPartitions ?? 1,
        overrides: new Map((topic.configEntries ?? []).map((entry) => [entry.name, entry.value])),
      });
    }
    return true;
  }

  async fetchTopicMetadata({ topics }: { topics: string[] }) {
    return {
      topics: topics.map((name) => ({
        name,
        partitions: Array.from({ length: this.topics.get(name)?.partitions ?? 0 }, (_, partitionId) => ({ partitionId })),
      })),
    };
  }

  async describeConfigs({ resources }: { resources: { name: string }[] }) {
    return {
      resources: resources.map(({ name }) => {
        const overrides = this.topics.get(name)?.overrides ?? new Map<string, string>();
        const names = new Set([...this.brokerDefaults.keys(), ...overrides.keys()]);
        return {
          resourceName: name,
          configEntries: [...names].map((configName) => ({
            configName,
            configValue: overrides.get(configName) ?? this.brokerDefaults.get(configName) ?? '',
            configSource: overrides.has(configName) ? ConfigSource.TOPIC_CONFIG : ConfigSource.DEFAULT_CONFIG,
          })),
        };
      }),
    };
  }

  async createPartitions({ topicPartitions }: { topicPartitions: { topic: string; count: number }[] }) {
    for (const { topic, count } of topicPartitions) {
      this.calls.push(`partitions ${topic} ${count}`);
      const existing = this.topics.get(topic);
      if (existing) existing.partitions = count;
    }
    return true;
  }

  async alterConfigs({ resources }: { resources: IResourceConfig[] }) {
    for (const resource of resources) {
      this.calls.push(`alter ${resource.name}`);
      const existing = this.topics.get(resource.name);
      // Like Kafka's legacy AlterConfigs: the given set replaces every override.
      if (existing) existing.overrides = new Map(resource.configEntries.map((entry) => [entry.name, entry.value]));
    }
  }

  asAdmin(): Admin {
    return this as unknown as Admin;
  }
}

const definitions: TopicDefinition[] = [Topics.wmsInventoryPositions, Topics.channelOrders];
const ns = 'tunit.';

describe('reconcileTopics', () => {
  it('creates missing topics with partitions and catalog configs', async () => {
    const admin = new FakeAdmin();
    const changes = await reconcileTopics(admin.asAdmin(), definitions, ns);
    expect(changes.map((change) => [change.topic, change.action, change.partitions])).toEqual([
      ['tunit.crossdock.inventory.wms-inventory-position.v1', 'created', 12],
      ['tunit.crossdock.orders.channel-order.v1', 'created', 12],
    ]);
    expect(Object.fromEntries(admin.topics.get('tunit.crossdock.inventory.wms-inventory-position.v1')?.overrides ?? [])).toEqual(
      Topics.wmsInventoryPositions.configs,
    );
  });

  it('is a no-op on a second run', async () => {
    const admin = new FakeAdmin();
    await reconcileTopics(admin.asAdmin(), definitions, ns);
    admin.calls.length = 0;
    const changes = await reconcileTopics(admin.asAdmin(), definitions, ns);
    expect(changes.every((change) => change.action === 'unchanged')).toBe(true);
    expect(admin.calls).toEqual([]);
  });

  it('adds partitions and fixes drifted configs, keeping overrides the catalog does not manage', async () => {
    const admin = new FakeAdmin();
    admin.topics.set('tunit.crossdock.orders.channel-order.v1', {
      partitions: 6,
      overrides: new Map([
        ['retention.ms', '1000'],
        ['max.message.bytes', '2097152'],
      ]),
    });
    const [change] = await reconcileTopics(admin.asAdmin(), [Topics.channelOrders], ns);
    expect(change).toMatchObject({ action: 'updated', partitions: 12, changes: ['partitions 6 -> 12', 'retention.ms 1000 -> 2592000000'] });
    expect(Object.fromEntries(admin.topics.get('tunit.crossdock.orders.channel-order.v1')?.overrides ?? [])).toEqual({
      'retention.ms': '2592000000',
      'cleanup.policy': 'delete',
      'max.message.bytes': '2097152',
    });
  });

  it('never removes partitions, and says so', async () => {
    const admin = new FakeAdmin();
    admin.topics.set('tunit.crossdock.orders.channel-order.v1', { partitions: 24, overrides: new Map(Object.entries(Topics.channelOrders.configs)) });
    const [change] = await reconcileTopics(admin.asAdmin(), [Topics.channelOrders], ns);
    expect(change).toMatchObject({ action: 'unchanged', partitions: 24, warnings: ['has 24 partitions, catalog asks for 12; partitions are never removed'] });
    expect(admin.calls).toEqual([]);
  });
});

describe('configDrift', () => {
  it('lists configs whose value differs from the catalog', () => {
    const values = new Map([
      ['cleanup.policy', 'compact'],
      ['retention.ms', '-1'],
    ]);
    expect(configDrift({ 'cleanup.policy': 'compact', 'retention.ms': '-1', 'segment.ms': '3600000' }, { values })).toEqual(['segment.ms (unset) -> 3600000']);
  });
});
