import type { Migration } from './types';

/**
 * The year-to-date mark at card read (`ytdMark`: the person's latest settlement position) as an
 * index range: without it PostgreSQL answers max(seq) for one person by walking the seq index
 * backwards over every other person's rows (seconds on a hospital's million settlements).
 * SQLite's settlements_by_patient already ends in the rowid, so its form adds nothing.
 */
export const ytdMarkIndex: Migration = {
  id: 12,
  name: 'ytd-mark-index',
  sql: `SELECT 1;`,
  postgres: `
CREATE INDEX settlements_by_patient_seq ON settlements (patient_certno, seq);
`,
};
