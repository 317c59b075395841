import { createHash } from 'node:crypto';

/**
 * A 63-bit key for PostgreSQL's transaction-scoped advisory locks (`pg_advisory_xact_lock`):
 * the first 8 bytes of sha256 of the name, as a decimal string (the driver sends it as bigint).
 */
export function lockKey(name: string): string {
  const bytes = createHash('sha256').update(`onebill:${name}`).digest();
  return (bytes.readBigInt64BE(0) & 0x7fffffffffffffffn).toString();
}

/** Takes the lock of one person's year-to-date inside a PostgreSQL transaction (SQLite has one writer). */
export async function lockPerson(tx: { dialect: string; value: (sql: string, params?: readonly unknown[]) => Promise<unknown> }, certno: string): Promise<void> {
  if (tx.dialect === 'postgres') await tx.value('SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))', [lockKey(`person:${certno}`)]);
}
