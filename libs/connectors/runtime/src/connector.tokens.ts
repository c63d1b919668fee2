/** The app's feeds: `FeedPoller[]`, one per source feed. */
export const CONNECTOR_FEEDS = Symbol('CONNECTOR_FEEDS');
/** The app's `RejectionLog` (its database). */
export const REJECTION_LOG = Symbol('REJECTION_LOG');
/** Whose turn it is to poll the app's feeds (`FeedTurn` of the leader lock): one instance at a time. */
export const FEED_TURN = Symbol('FEED_TURN');
