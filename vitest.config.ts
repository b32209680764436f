import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Hooks get as long as tests: the browser test's beforeAll runs the CLI and launches Chromium,
    // and the 10 s default is the only limit in the suite that a loaded machine could reach.
    hookTimeout: 60_000,
  },
});
