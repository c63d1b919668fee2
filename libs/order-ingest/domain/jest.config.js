module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'order-ingest-domain',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
