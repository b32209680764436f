import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Hooks get as long as tests (vitest's default for hooks is 10 s): the browser test's beforeAll
    // runs the CLI and launches Chromium.
    hookTimeout: 60_000,
  },
});
