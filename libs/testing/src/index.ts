export * from './stack-env';
export * from './test-namespace';
export * from './test-database';
export * from './wait-for';
export * from './fixtures/channel-order.fixture';
export * from './fixtures/inventory-position.fixture';
export * from './dead-letter.reader';
export * from './fixtures/order-outcome.fixture';
