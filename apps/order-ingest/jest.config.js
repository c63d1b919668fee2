module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'order-ingest',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
