export * from './erp-errors';
export * from './token-bucket.rate-limiter';
export * from './retry-backoff.policy';
export * from './erp-queue-drain.policy';
export * from './order/erp-order.payload';
export * from './flat-file/flat-file-names';
export * from './flat-file/order-import.format';
