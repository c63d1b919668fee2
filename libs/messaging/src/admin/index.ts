export * from './apply-contracts';
export * from './registry-admin.api';
export * from './schema-reconciler';
export * from './topic-reconciler';
