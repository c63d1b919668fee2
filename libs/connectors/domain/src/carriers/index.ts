export * from './carrier-webhook.rejection';
export * from './tracking-event-id';
export * from './easypost-signature';
export * from './easypost-tracker.adapter';
export * from './easypost-wire';
