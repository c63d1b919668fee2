module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'connectors-simulators',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
