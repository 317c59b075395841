import { defineConfig } from 'vitest/config';
import ClosingLineReporter from './test/support/closing-line-reporter';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A PostgreSQL server for the hospital-ledger tests (ONEBILL_TEST_PG_URL, else a throwaway cluster).
    globalSetup: ['test/support/pg-global-setup.ts'],
    reporters: ['default', new ClosingLineReporter()],
  },
});
