import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CATALOG_PATH } from './contract-paths';
import { ContractError } from './contract-error';

export type CleanupPolicy = 'delete' | 'compact';

export interface CatalogTopic {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly messageKey: { readonly format: string; readonly description: string };
  /** `schema` is relative to schemas/avro. */
  readonly value: { readonly schema: string; readonly record: string };
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
  readonly retentionMs: number;
  /** Complete topic-level Kafka configs: policy, retention, compaction defaults, overrides. */
  readonly configs: Readonly<Record<string, string>>;
  readonly owner: string;
  readonly consumers: readonly string[];
}

export interface Catalog {
  readonly topics: readonly CatalogTopic[];
}

const SERVICE = /^[a-z][a-z0-9-]*$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Set through dedicated catalog fields, so a generic override cannot contradict them. */
const RESERVED_CONFIGS = ['cleanup.policy', 'retention.ms'];

const configValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const topicSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  key: z.strictObject({ format: z.string().min(1), description: z.string().min(1) }),
  value: z.strictObject({ schema: z.string().endsWith('.avsc'), record: z.string().min(1) }),
  partitions: z.number().int().positive(),
  cleanupPolicy: z.enum(['delete', 'compact']),
  retention: z.string().regex(/^(infinite|\d+(ms|s|m|h|d))$/, 'expected a duration like 30d, 12h, 500ms, or infinite'),
  owner: z.string().regex(SERVICE, 'expected a kebab-case service name'),
  consumers: z.array(z.string().regex(SERVICE, 'expected a kebab-case service name')),
  configs: z.record(z.string(), configValue).optional(),
});

const catalogSchema = z.strictObject({
  compactedTopicConfigs: z.record(z.string(), configValue).default({}),
  topics: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'topic keys are lowerCamelCase'), topicSchema),
});

/** Parses and normalises the catalog; throws a ContractError listing every problem found. */
export function parseCatalog(text: string, source: string = CATALOG_PATH): Catalog {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ContractError([`${source}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const result = catalogSchema.safeParse(document);
  if (!result.success) {
    throw new ContractError(
      result.error.issues.map((issue) => `${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`),
      'Invalid topic catalog',
    );
  }
  const problems: string[] = [];
  const topics = Object.entries(result.data.topics).map(([key, topic]): CatalogTopic => {
    for (const reserved of RESERVED_CONFIGS) {
      if (topic.configs?.[reserved] !== undefined) {
        problems.push(`${source}: topics.${key}.configs.${reserved}: set it with cleanupPolicy/retention instead`);
      }
    }
    const retentionMs = parseRetention(topic.retention);
    if (topic.cleanupPolicy === 'compact' && retentionMs !== -1) {
      problems.push(`${source}: topics.${key}.retention: compacted topics are tables; use 'infinite'`);
    }
    if (topic.cleanupPolicy === 'delete' && retentionMs === -1) {
      problems.push(`${source}: topics.${key}.retention: an event topic needs a finite retention`);
    }
    return {
      key,
      name: topic.name,
      description: topic.description.trim(),
      messageKey: topic.key,
      value: topic.value,
      partitions: topic.partitions,
      cleanupPolicy: topic.cleanupPolicy,
      retentionMs,
      configs: {
        'cleanup.policy': topic.cleanupPolicy,
        'retention.ms': String(retentionMs),
        ...(topic.cleanupPolicy === 'compact' ? result.data.compactedTopicConfigs : {}),
        ...topic.configs,
      },
      owner: topic.owner,
      consumers: topic.consumers,
    };
  });
  if (problems.length > 0) throw new ContractError(problems, 'Invalid topic catalog');
  return { topics };
}

function parseRetention(retention: string): number {
  if (retention === 'infinite') return -1;
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(retention);
  return Number(match?.[1]) * (DURATION_MS[match?.[2] ?? ''] ?? Number.NaN);
}
