/**
 * openapi-typescript's CommonJS build requires a few ESM-only packages; Node 20 loads them
 * natively (require(esm)), Jest's module system does not, so those few are compiled to
 * CommonJS by ts-jest on the way in.
 */
const esmOnly = ['parse-json', 'index-to-position', 'change-case', 'supports-color'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/templates'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
};
