/**
 * Messaging semantic-convention attribute names, copied as literals on purpose: they live in
 * `@opentelemetry/semantic-conventions/incubating`, which OTel says to copy rather than import
 * (it breaks in minor releases) and which our `moduleResolution: node` cannot resolve anyway.
 * semconv 1.45 deprecates `messaging.system` (→ `messaging.system.name`) and `messaging.kafka.*`
 * (→ `kafka.*`); we keep the names that instrumentation-kafkajs and Jaeger users still use.
 */
export const MessagingAttribute = {
  System: 'messaging.system',
  DestinationName: 'messaging.destination.name',
  DestinationPartitionId: 'messaging.destination.partition.id',
  KafkaMessageKey: 'messaging.kafka.message.key',
  KafkaOffset: 'messaging.kafka.offset',
  ConsumerGroupName: 'messaging.consumer.group.name',
  OperationType: 'messaging.operation.type',
  OperationName: 'messaging.operation.name',
  MessageId: 'messaging.message.id',
  BatchMessageCount: 'messaging.batch.message_count',
} as const;

export const MESSAGING_SYSTEM_KAFKA = 'kafka';

export const MessagingOperationType = {
  Send: 'send',
  Process: 'process',
} as const;

export type MessagingOperationType = (typeof MessagingOperationType)[keyof typeof MessagingOperationType];
