// Three projects so each layer can run alone: `npm run test:unit`, `test:infra`, `test:integration`.
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // middy and franc-all (with its trigram helpers) are ESM-only: let swc transform them for jest on Node 20.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|franc-all|trigram-utils|n-gram|collapse-white-space)/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'infra',
      testMatch: ['<rootDir>/test/infra/**/*.test.ts'],
      setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
    },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
  ],
};
