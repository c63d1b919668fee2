export * from './rest/json-http.client';
export * from './rest/retry-after';
export * from './flat-file/atomic-file';
export * from './config/erp-adapter.config';
export * from './rest/erp-http.caller';
export * from './flat-file/ack-file.exchange';
export * from './config/erp-connection';
