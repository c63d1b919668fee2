export * from './simulated-erp';
export * from './erp-simulator';
export * from './erp-simulator.http';
export * from './erp-simulator.file-watcher';
export * from './simulated-erp.shipping';
export * from './testing/adapter-test.helpers';
