export * from './erp-shipment-confirmation.port';
export * from './rest/rest-erp-shipment-confirmation.adapter';
export * from './flat-file/flat-file-erp-shipment-confirmation.adapter';
export * from './config/erp-shipment-confirmation-port.factory';
