/**
 * vitest globalSetup: a PostgreSQL server for the ledger's PostgreSQL tests. ONEBILL_TEST_PG_URL
 * when set (a developer's or CI's server); otherwise a throwaway cluster started here and stopped
 * at the end. When neither can be had, the PG tests fail with the reason (never pass silently).
 */
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../../tools/pg';

export default async function setup({ provide }: TestProject) {
  if (process.env.ONEBILL_TEST_PG_URL) {
    provide('pgUrl', process.env.ONEBILL_TEST_PG_URL);
    provide('pgError', '');
    return;
  }
  try {
    const cluster = await startThrowawayCluster();
    provide('pgUrl', cluster.url);
    provide('pgError', '');
    return () => cluster.stop();
  } catch (error) {
    provide('pgUrl', '');
    provide('pgError', (error as Error).message);
    return undefined;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgError: string;
  }
}
