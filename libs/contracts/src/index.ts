export * from './avro-schema.types';
export * from './topic-definition';
export * from './message-key';
export * from './order-issue-codes';
export * from './generated';
export * from './service-topics';
