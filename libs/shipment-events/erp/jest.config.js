module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'shipment-events-erp',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
