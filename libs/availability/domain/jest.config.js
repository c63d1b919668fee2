module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'availability-domain',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
