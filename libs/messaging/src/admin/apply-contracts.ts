import type { Kafka } from 'kafkajs';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { AllTopics, topicName, type TopicDefinition } from '@crossdock/contracts';
import { registryAdminApi, type RegistryAdminApi } from './registry-admin.api';
import { SchemaReconciler, type SubjectChange } from './schema-reconciler';
import { whileMetadataSettles } from './metadata-settling.retry';
import { reconcileTopics, type TopicChange } from './topic-reconciler';

/** Structured log sink; pino loggers and messaging's KafkaLogSink fit. */
export interface ApplyContractsLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface ApplyContractsOptions {
  readonly kafka: Kafka;
  readonly registry: SchemaRegistry;
  /** Prefix of every topic and subject: '' in production, e.g. 't1a2b3c.' for a test run. */
  readonly namespace: string;
  /** Defaults to every topic in the catalog. */
  readonly topics?: readonly TopicDefinition[];
  readonly log: ApplyContractsLog;
  /** For tests; defaults to the REST API behind `registry`. */
  readonly registryApi?: RegistryAdminApi;
}

export interface ApplyContractsSummary {
  readonly namespace: string;
  readonly topics: readonly TopicChange[];
  readonly subjects: readonly SubjectChange[];
  /** True when this run changed anything (false on a re-run: the operation is idempotent). */
  readonly changed: boolean;
}

/**
 * Makes Kafka and the schema registry match the contracts: topics with their partitions and
 * configs, and each topic's value schema registered under `<namespace><topic>-value` with
 * BACKWARD compatibility. Schemas are checked first, so an incompatible one fails the run (with
 * a SchemaRejectedError naming each subject) before any topic is created or altered.
 */
export async function applyContracts(options: ApplyContractsOptions): Promise<ApplyContractsSummary> {
  const { kafka, namespace, log } = options;
  const definitions = options.topics ?? AllTopics;
  definitions.forEach((definition) => topicName(definition, namespace));
  const schemas = new SchemaReconciler(options.registryApi ?? registryAdminApi(options.registry), namespace);

  const planned = await schemas.plan(definitions);
  const admin = kafka.admin();
  await admin.connect();
  let topics: TopicChange[];
  try {
    // Idempotent, so a step the broker refused while its metadata caught up is simply run again.
    topics = await whileMetadataSettles(() => reconcileTopics(admin, definitions, namespace));
  } finally {
    await admin.disconnect();
  }
  const subjects = await schemas.register(planned);

  for (const topic of topics) {
    if (topic.action !== 'unchanged') log.info({ topic: topic.topic, action: topic.action, changes: topic.changes }, `topic ${topic.action}`);
    for (const warning of topic.warnings) log.warn({ topic: topic.topic }, warning);
  }
  for (const subject of subjects) {
    if (subject.action !== 'unchanged' || subject.compatibilityChanged) {
      log.info(
        { subject: subject.subject, schemaId: subject.schemaId, version: subject.version, compatibility: subject.compatibility },
        `schema ${subject.action}`,
      );
    }
  }
  const changed =
    topics.some((topic) => topic.action !== 'unchanged') || subjects.some((subject) => subject.action !== 'unchanged' || subject.compatibilityChanged);
  return { namespace, topics, subjects, changed };
}

/** A plain-text table of the summary, for the CLI. */
export function formatApplySummary(summary: ApplyContractsSummary): string {
  const subjects = new Map(summary.subjects.map((subject) => [subject.key, subject]));
  const rows = summary.topics.map((topic) => {
    const subject = subjects.get(topic.key);
    const schema = subject
      ? `${subject.action} id=${subject.schemaId} v${subject.version ?? '?'}${subject.compatibilityChanged ? ` (set ${subject.compatibility})` : ''}`
      : '-';
    const notes = [...topic.changes, ...topic.warnings.map((warning) => `WARNING ${warning}`)].join('; ');
    return [topic.topic, topic.action, String(topic.partitions), schema, notes];
  });
  const header = ['topic', 'topic action', 'partitions', 'value schema', 'notes'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const counts = (['created', 'updated', 'unchanged'] as const).map(
    (action) => `${summary.topics.filter((topic) => topic.action === action).length} ${action}`,
  );
  const registered = summary.subjects.filter((subject) => subject.action === 'registered').length;
  return [
    line(header),
    ...rows.map(line),
    '',
    `namespace '${summary.namespace}': topics ${counts.join(', ')}; schemas ${registered} registered, ${summary.subjects.length - registered} unchanged${summary.changed ? '' : ' (nothing to do)'}`,
  ].join('\n');
}
