module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'channel-adapters-sp-api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
