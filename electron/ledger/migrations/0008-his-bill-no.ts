import type { Migration } from './types';

/** The HIS bill number (住院号/单据号) a bill came with: the same number is never settled twice. */
export const hisBillNo: Migration = {
  id: 8,
  name: 'his-bill-no',
  sql: `
ALTER TABLE bills ADD COLUMN his_bill_no TEXT;
CREATE INDEX bills_by_his_bill_no ON bills (his_bill_no);
`,
  postgres: `
ALTER TABLE bills ADD COLUMN his_bill_no TEXT;
CREATE INDEX bills_by_his_bill_no ON bills (his_bill_no);
`,
};
