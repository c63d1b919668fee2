module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'erp-connector',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
