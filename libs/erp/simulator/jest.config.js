module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'erp-simulator',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
