module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'edi-mailbox',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
