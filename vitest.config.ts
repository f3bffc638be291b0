// Unit tests sit next to the code they test (src/**/*.test.ts). Browser tests live in e2e/ and
// run through scripts/test.mjs with Playwright, not here.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
  },
});
