module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shipment-events-domain',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
