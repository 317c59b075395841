import { defineConfig } from 'vitest/config';
import ClosingLineReporter from './test/support/closing-line-reporter';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', new ClosingLineReporter()],
  },
});
