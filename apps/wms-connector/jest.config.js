module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'wms-connector',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
