/** Injection tokens for the messaging building blocks, so services and tests can swap them. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const SCHEMA_REGISTRY = Symbol('SCHEMA_REGISTRY');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
