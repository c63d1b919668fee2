module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'order-ingest-erp',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
