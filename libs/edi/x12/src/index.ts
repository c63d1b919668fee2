export * from './x12.segment';
export * from './x12.separators';
export * from './interchange.reader';
export * from './interchange.writer';
export * from './envelope.checks';
export * from './functional-acknowledgement';
export * from './functional-acknowledgement.reader';
