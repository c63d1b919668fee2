export * from './third-party.partner';
export * from './sscc';
export * from './x12-set.refusal';
export * from './x12-set.reader';
export * from './x12-940.writer';
export * from './x12-940.reader';
export * from './x12-945.writer';
export * from './x12-945.reader';
