// Integration-test helpers, apart from the simulators so a demo importing those loads no test code.
export * from './table-topic.recorder';
export * from './connector.harness';
