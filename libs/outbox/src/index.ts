export * from './inbox/receipt.inbox';
export * from './leader/leader.session';
export * from './loop/wakeable.loop';
export * from './outbox/outbox.writer';
export * from './outbox/outbox.relay';
export * from './outbox/outbox-relay.module';
export * from './outbox/outbox-config.schema';
export * from './outbox/outbox-retention.rule';
