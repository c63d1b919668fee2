module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'erp-domain',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
