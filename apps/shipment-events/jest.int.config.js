module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'shipment-events:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.js',
  testTimeout: 180_000,
};
