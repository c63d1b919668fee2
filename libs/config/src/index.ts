export * from './load-config';
export * from './platform-config.schema';
export * from './config.module';
