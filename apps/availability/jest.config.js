module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'availability',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
