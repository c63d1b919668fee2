module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'connectors-runtime',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
