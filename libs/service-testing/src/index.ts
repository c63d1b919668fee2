export * from './service-test.world';
