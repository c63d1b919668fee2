module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'channel-adapters',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
