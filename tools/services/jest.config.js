module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'services-tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
