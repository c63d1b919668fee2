module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'erp-client',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
