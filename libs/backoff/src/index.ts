export * from './capped.backoff';
