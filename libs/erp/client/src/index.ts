export * from './rest/json-http.client';
export * from './rest/retry-after';
export * from './flat-file/atomic-file';
export * from './config/erp-adapter.config';
