import { ConfigResourceTypes, ConfigSource, type Admin, type IResourceConfigEntry } from 'kafkajs';
import { topicName, type TopicDefinition } from '@crossdock/contracts';

export type TopicAction = 'created' | 'updated' | 'unchanged';

export interface TopicChange {
  readonly key: string;
  readonly topic: string;
  readonly action: TopicAction;
  /** Partition count after the run. */
  readonly partitions: number;
  /** What was done, e.g. `partitions 6 -> 12`, `retention.ms 604800000 -> 2592000000`. */
  readonly changes: readonly string[];
  /** Drift that was deliberately left alone (more partitions than the catalog asks for). */
  readonly warnings: readonly string[];
}

interface ExistingTopic {
  readonly partitions: number;
  /** Every config with its current value, and which of them are topic-level overrides. */
  readonly values: ReadonlyMap<string, string>;
  readonly overrides: ReadonlySet<string>;
}

/**
 * Makes each topic match its catalog entry: creates it, adds partitions (never removes them:
 * Kafka cannot, and keyed data would move), and sets the catalog's configs. Configs the catalog
 * does not mention are left as they are.
 */
export async function reconcileTopics(admin: Admin, definitions: readonly TopicDefinition[], namespace: string): Promise<TopicChange[]> {
  const names = new Map(definitions.map((definition) => [definition, topicName(definition, namespace)]));
  const listed = new Set(await admin.listTopics());
  const missing = definitions.filter((definition) => !listed.has(names.get(definition) ?? ''));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((definition) => ({
        topic: names.get(definition) ?? '',
        numPartitions: definition.partitions,
        // The replication factor is the cluster's business (1 locally, 3 in production), not the contract's.
        replicationFactor: -1,
        configEntries: toEntries(definition.configs),
      })),
    });
  }
  const existing = await describeTopics(
    admin,
    definitions.filter((definition) => !missing.includes(definition)).map((definition) => names.get(definition) ?? ''),
  );
  const changes: TopicChange[] = [];
  for (const definition of definitions) {
    const topic = names.get(definition) ?? '';
    const current = existing.get(topic);
    if (!current) {
      changes.push({ key: definition.key, topic, action: 'created', partitions: definition.partitions, changes: [], warnings: [] });
      continue;
    }
    changes.push(await reconcileExisting(admin, definition, topic, current));
  }
  return changes;
}

async function reconcileExisting(admin: Admin, definition: TopicDefinition, topic: string, current: ExistingTopic): Promise<TopicChange> {
  const done: string[] = [];
  const warnings: string[] = [];
  let partitions = current.partitions;
  if (definition.partitions > current.partitions) {
    await admin.createPartitions({ topicPartitions: [{ topic, count: definition.partitions }] });
    done.push(`partitions ${current.partitions} -> ${definition.partitions}`);
    partitions = definition.partitions;
  } else if (definition.partitions < current.partitions) {
    warnings.push(`has ${current.partitions} partitions, catalog asks for ${definition.partitions}; partitions are never removed`);
  }
  const drift = configDrift(definition.configs, current);
  if (drift.length > 0) {
    // AlterConfigs (kafkajs has no incremental variant) replaces all topic-level overrides, so the
    // overrides the catalog does not manage are sent back unchanged.
    const desired = new Map([...current.overrides].map((name) => [name, current.values.get(name) ?? '']));
    for (const [name, value] of Object.entries(definition.configs)) desired.set(name, value);
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [...desired].map(([name, value]) => ({ name, value })) }],
    });
    done.push(...drift);
  }
  return { key: definition.key, topic, action: done.length > 0 ? 'updated' : 'unchanged', partitions, changes: done, warnings };
}

/** Human-readable differences between the catalog's configs and the topic's, e.g. `retention.ms 1 -> 2`. */
export function configDrift(desired: Readonly<Record<string, string>>, current: Pick<ExistingTopic, 'values'>): string[] {
  return Object.entries(desired)
    .filter(([name, value]) => current.values.get(name) !== value)
    .map(([name, value]) => `${name} ${current.values.get(name) ?? '(unset)'} -> ${value}`);
}

async function describeTopics(admin: Admin, topics: readonly string[]): Promise<Map<string, ExistingTopic>> {
  const result = new Map<string, ExistingTopic>();
  if (topics.length === 0) return result;
  const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  for (const topic of metadata.topics) {
    const resource = configs.resources.find((candidate) => candidate.resourceName === topic.name);
    const entries = resource?.configEntries ?? [];
    result.set(topic.name, {
      partitions: topic.partitions.length,
      values: new Map(entries.map((entry) => [entry.configName, entry.configValue])),
      overrides: new Set(entries.filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG).map((entry) => entry.configName)),
    });
  }
  return result;
}

function toEntries(configs: Readonly<Record<string, string>>): IResourceConfigEntry[] {
  return Object.entries(configs).map(([name, value]) => ({ name, value }));
}
