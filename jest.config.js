// Four projects so each layer can run alone: `npm run test:unit`, `test:infra`, `test:integration`, `test:e2e` (the console in Chromium).
const shared = {
  testEnvironment: 'node',
  // .mjs too: d3's ESM builds (charts) are .mjs files.
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'], '^.+\\.mjs$': ['@swc/jest'] },
  // middy and franc-all (with its trigram helpers) are ESM-only: let swc transform them for jest on Node 20.
  // So are vega, vega-lite and the d3 modules they use (the digest's charts).
  transformIgnorePatterns: [
    '/node_modules/(?!(@middy|franc-all|trigram-utils|n-gram|collapse-white-space|vega|vega-[a-z-]+|d3-[a-z-]+|delaunator|internmap|robust-predicates|json-stringify-pretty-compact)/)',
  ],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // vega-canvas's Node build awaits an optional native `canvas` at the top level, which CommonJS cannot
  // load; without `canvas` installed its browser build behaves the same (no canvas: text is estimated).
  moduleNameMapper: { '^vega-canvas$': '<rootDir>/node_modules/vega-canvas/build/vega-canvas.browser.js' },
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
    // The triage console in a real browser (Debian's chromium, driven by playwright-core) against the local system.
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
