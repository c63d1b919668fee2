export * from './service.definition';
export * from './service.module';
export * from './service.runner';
export * from './service-database';
export * from './database.errors';
export * from './dead-letter-topic';
export * from './zod-openapi';
export * from './unreadable-request.docs';
