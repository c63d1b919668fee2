module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'channel-gateway',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
