export * from './connector-test.world';
