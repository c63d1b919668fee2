module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'edi-x12',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
