export * from './config/erp-order-port.factory';
export * from './rest/rest-erp.adapter';
export * from './flat-file/flat-file-erp.adapter';
