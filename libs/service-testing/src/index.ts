export * from './service-test.world';
export * from './migrated-test.database';
