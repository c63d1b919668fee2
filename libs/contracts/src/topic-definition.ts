import type { AvroRecordSchema } from './avro-schema.types';

export type CleanupPolicy = 'delete' | 'compact';

/** Placeholders of a key format: `KeyFields<'{sku}@{locationId}'>` is `'sku' | 'locationId'`. */
export type KeyFields<TFormat extends string> = TFormat extends `${string}{${infer Field}}${infer Rest}` ? Field | KeyFields<Rest> : never;

export interface MessageKeySpec<TFormat extends string = string> {
  /** Plain UTF-8 string built from top-level value fields, e.g. `{sku}@{locationId}`. */
  readonly format: TFormat;
  readonly description: string;
}

/**
 * One catalog entry (schemas/catalog.yaml) with its value schema. `TValue` is the generated type
 * of the value record; it only exists for the compiler (`__value` is never set).
 */
export interface TopicDefinition<TValue = unknown, TKeyFormat extends string = string> {
  /** Stable catalog key, e.g. `channelOrders`; survives major versions of the topic. */
  readonly key: string;
  /** Topic name without the deployment namespace, e.g. `crossdock.orders.channel-order.v1`. */
  readonly name: string;
  readonly description: string;
  readonly messageKey: MessageKeySpec<TKeyFormat>;
  /** Full name of the value record, e.g. `com.crossdock.orders.ChannelOrder`. */
  readonly valueRecord: string;
  /** The .avsc file, relative to the repository root. */
  readonly valueSchemaPath: string;
  readonly valueSchema: AvroRecordSchema;
  /** Minimum partition count; partitions are only ever added. */
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
  /** -1 keeps records forever (compacted tables). */
  readonly retentionMs: number;
  /** Every topic-level Kafka config the catalog sets (cleanup.policy, retention.ms, ...). */
  readonly configs: Readonly<Record<string, string>>;
  /** The one service allowed to write the topic. */
  readonly owner: string;
  readonly consumers: readonly string[];
  readonly __value?: TValue;
}

export type TopicValue<TDefinition> = TDefinition extends TopicDefinition<infer TValue, string> ? TValue : never;

type KeyFieldsCheck<TValue, TKeyFormat extends string> = [KeyFields<TKeyFormat>] extends [keyof TValue]
  ? TValue[KeyFields<TKeyFormat> & keyof TValue] extends string | number
    ? unknown
    : { readonly messageKeyError: 'key placeholders must be string or number fields of the value' }
  : { readonly messageKeyError: 'key placeholders must name fields of the value' };

/**
 * Used by the generated registry. The compile-time check keeps key formats and value types in
 * step; freezing stops a service from mutating the shared schema object at run time.
 */
export function defineTopic<TValue, TKeyFormat extends string>(
  definition: Omit<TopicDefinition<TValue, TKeyFormat>, '__value'> & KeyFieldsCheck<TValue, TKeyFormat>,
): TopicDefinition<TValue, TKeyFormat> {
  return deepFreeze(definition);
}

const KAFKA_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
const MAX_TOPIC_NAME_LENGTH = 249;

/**
 * The topic's name in one deployment. `namespace` is a prefix (empty in production, `t1a2b.` for
 * a test run) so several environments or test runs can share a cluster and a registry.
 */
export function topicName(definition: Pick<TopicDefinition, 'name'>, namespace: string): string {
  const name = `${namespace}${definition.name}`;
  if (!KAFKA_TOPIC_NAME.test(name) || name.length > MAX_TOPIC_NAME_LENGTH) {
    throw new Error(`invalid topic name '${name}' (namespace '${namespace}'): Kafka allows [a-zA-Z0-9._-], at most ${MAX_TOPIC_NAME_LENGTH} characters`);
  }
  return name;
}

/** Confluent TopicNameStrategy: the value schema of topic T lives under subject `T-value`. */
export function subjectName(definition: Pick<TopicDefinition, 'name'>, namespace: string): string {
  return `${topicName(definition, namespace)}-value`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
