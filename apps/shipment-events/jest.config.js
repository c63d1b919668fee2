module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'shipment-events',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // A new service may have no unit test of its own yet: its rules are tested in its domain lib.
  passWithNoTests: true,
};
