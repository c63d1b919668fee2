import { randomBytes } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { AllTopics, subjectName, topicName, Topics, type TopicDefinition } from '@crossdock/contracts';
import { applyContracts, type ApplyContractsSummary } from './apply-contracts';
import { registryAdminApi } from './registry-admin.api';
import { SchemaRejectedError } from './schema-reconciler';
import { createSchemaRegistry } from '../serde/schema-registry.factory';
import { dropTestNamespace } from '@crossdock/testing';

// Against the local stack (Kafka + Apicurio's Confluent-compatible API), in a namespace of its own
// so it never collides with services or other test runs; everything it creates is deleted after.
const brokers = (process.env['KAFKA_BROKERS'] ?? 'localhost:9092').split(',');
const registryUrl = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://localhost:8081/apis/ccompat/v7';
const namespace = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
const topics: readonly TopicDefinition[] = AllTopics;

const kafka = new Kafka({ clientId: 'apply-contracts-int', brokers, logLevel: logLevel.NOTHING });
const registry = createSchemaRegistry(registryUrl);
const log = { info: jest.fn(), warn: jest.fn() };
let admin: Admin;
let first: ApplyContractsSummary;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  first = await applyContracts({ kafka, registry, namespace, topics, log });
});

afterAll(async () => {
  await admin.disconnect();
  await dropTestNamespace(kafka, registryUrl, namespace);
});

describe('applyContracts against Kafka and the schema registry', () => {
  it('creates every catalog topic with its partitions and cleanup policy', async () => {
    expect(first.topics.map((topic) => topic.action)).toEqual(topics.map(() => 'created'));
    const names = topics.map((topic) => topicName(topic, namespace));
    const metadata = await admin.fetchTopicMetadata({ topics: names });
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) });
    for (const topic of topics) {
      const name = topicName(topic, namespace);
      expect(metadata.topics.find((candidate) => candidate.name === name)?.partitions).toHaveLength(topic.partitions);
      const entries = configs.resources.find((resource) => resource.resourceName === name)?.configEntries ?? [];
      const value = (config: string) => entries.find((entry) => entry.configName === config)?.configValue;
      expect({ topic: name, policy: value('cleanup.policy'), retention: value('retention.ms') }).toEqual({
        topic: name,
        policy: topic.cleanupPolicy,
        retention: String(topic.retentionMs),
      });
      if (topic.cleanupPolicy === 'compact') {
        expect([value('min.cleanable.dirty.ratio'), value('segment.ms')]).toEqual(['0.1', '3600000']);
      }
    }
  });

  it('registers every value schema under <namespace><topic>-value with BACKWARD compatibility', async () => {
    const api = registryAdminApi(registry);
    for (const topic of topics) {
      const subject = subjectName(topic, namespace);
      const change = first.subjects.find((candidate) => candidate.key === topic.key);
      expect(change).toMatchObject({ subject, action: 'registered', version: 1, compatibility: 'BACKWARD' });
      expect(await api.compatibility(subject)).toBe('BACKWARD');
      // The look-up messaging's AvroSerde does before producing finds the very same schema id.
      const id = await registry.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: JSON.stringify(topic.valueSchema) });
      expect(id).toBe(change?.schemaId);
    }
  });

  it('pins BACKWARD on the subject itself, not only through the global default (Apicurio)', async () => {
    // Apicurio-specific: its ccompat /config/{subject} falls back to the global level, so check
    // the artifact rule through Apicurio's own API. Skipped for registries without that API.
    const apicurio = `${registryUrl.replace(/\/apis\/ccompat\/v7\/?$/, '')}/apis/registry/v3`;
    const isApicurio = await fetch(`${apicurio}/system/info`).then(
      (response) => response.ok,
      () => false,
    );
    if (!isApicurio) return;
    const rules = await fetch(`${apicurio}/groups/default/artifacts/${encodeURIComponent(subjectName(Topics.channelOrders, namespace))}/rules`);
    expect(await rules.json()).toContain('COMPATIBILITY');
  });

  it('changes nothing when run again', async () => {
    const again = await applyContracts({ kafka, registry, namespace, topics, log });
    expect(again.changed).toBe(false);
    expect(new Set(again.topics.map((topic) => topic.action))).toEqual(new Set(['unchanged']));
    expect(again.subjects.map((subject) => [subject.action, subject.schemaId])).toEqual(first.subjects.map((subject) => ['unchanged', subject.schemaId]));
  });

  it('repairs drifted configs and adds partitions the catalog asks for', async () => {
    const orders = topicName(Topics.channelOrders, namespace);
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: orders, configEntries: [{ name: 'retention.ms', value: '1000' }] }],
    });
    const grown = { ...Topics.stockShortages, partitions: Topics.stockShortages.partitions + 2 };
    const summary = await applyContracts({ kafka, registry, namespace, topics: [Topics.channelOrders, grown], log });
    expect(summary.topics.map((topic) => [topic.action, topic.changes])).toEqual([
      ['updated', [`retention.ms 1000 -> ${Topics.channelOrders.retentionMs}`]],
      ['updated', [`partitions ${Topics.stockShortages.partitions} -> ${grown.partitions}`]],
    ]);
    const metadata = await admin.fetchTopicMetadata({ topics: [topicName(grown, namespace)] });
    expect(metadata.topics[0]?.partitions).toHaveLength(grown.partitions);
  });

  it('rejects an incompatible schema with an error naming the subject, before touching anything', async () => {
    const subject = subjectName(Topics.channelOrders, namespace);
    const schema = Topics.channelOrders.valueSchema;
    const breaking: TopicDefinition = {
      ...Topics.channelOrders,
      valueSchema: { ...schema, fields: [...schema.fields, { name: 'warehouseCode', type: 'string', doc: 'Required, no default: breaks old records.' }] },
    };
    const attempt = applyContracts({ kafka, registry, namespace, topics: [breaking], log });
    await expect(attempt).rejects.toThrow(SchemaRejectedError);
    await expect(attempt).rejects.toThrow(new RegExp(`subject ${subject.replace(/\./g, '\\.')} \\(topic crossdock\\.orders\\.channel-order\\.v1`));
    expect((await registryAdminApi(registry).latestVersion(subject))?.version).toBe(1);
  });

  it('leaves nothing of a test namespace behind once dropped: topics and their subjects', async () => {
    const other = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
    await applyContracts({ kafka, registry, namespace: other, topics: [Topics.channelOrders, Topics.itemMaster], log });
    const subjects = [subjectName(Topics.channelOrders, other), subjectName(Topics.itemMaster, other)];
    for (const subject of subjects) expect((await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`)).status).toBe(200);

    await dropTestNamespace(kafka, registryUrl, other);

    expect((await admin.listTopics()).filter((topic) => topic.startsWith(other))).toEqual([]);
    for (const subject of subjects) expect((await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`)).status).toBe(404);
  });
});
