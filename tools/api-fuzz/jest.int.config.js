module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-fuzz:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.js',
  testTimeout: 420_000,
};
