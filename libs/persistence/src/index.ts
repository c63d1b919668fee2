export * from './migrations/migrations';
export * from './migrations/schema-engine.client';
export * from './transactions/group-commit';
export * from './transactions/micro-batcher';
export * from './bulk/bulk-insert';
export * from './nest/prisma-lifecycle';
export * from './retention/retention-rule';
export * from './retention/retention.sweeper';
