/** The app's feeds: `FeedPoller[]`, one per source feed. */
export const CONNECTOR_FEEDS = Symbol('CONNECTOR_FEEDS');
/** The app's `RejectionLog` (its database). */
export const REJECTION_LOG = Symbol('REJECTION_LOG');
