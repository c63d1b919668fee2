export * from './migrations/migrations';
export * from './migrations/schema-engine.client';
