/** The connector's idempotent Kafka producer (kafkajs Producer). */
export const CONNECTOR_PRODUCER = Symbol('CONNECTOR_PRODUCER');
/** The app's feeds: `FeedPoller[]`, one per source feed. */
export const CONNECTOR_FEEDS = Symbol('CONNECTOR_FEEDS');
/** The app's `RejectionLog` (its database). */
export const REJECTION_LOG = Symbol('REJECTION_LOG');
