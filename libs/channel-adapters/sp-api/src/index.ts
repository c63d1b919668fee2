export * from './auth/sp-api-access-token';
export * from './auth/lwa-access-token.provider';
export * from './client/sp-api.error';
export * from './client/sp-api-orders.client';
export * from './simulator/simulated-seller-central';
export * from './simulator/sp-api-simulator.http';
export * from './simulator/sample-amazon-orders';
