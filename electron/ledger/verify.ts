import type Database from 'better-sqlite3';
import { KEYED_MARKER, type AuditLog } from './audit';
import { COVERED_TABLES, type CoveredTable, type RowDigests } from './row-digest';

export interface LedgerVerdict {
  ok: boolean;
  /** Audit rows checked. */
  auditRows: number;
  /** Settlement, reversal and event rows whose stored content was checked against their audit row. */
  coveredRows: number;
  /** The chain's latest row (written into every day-close report). */
  head: { id: number; hash: string } | null;
  /** Whether the chain is keyed with the installation's secret (HMAC). */
  keyed: boolean;
  /** Chinese, one line per problem found (at most 50). */
  problems: string[];
}

const LABELS: Record<CoveredTable, string> = { settlements: '结算单', reversals: '冲销记录', settlement_events: '结算状态记录' };
/** The watermark column of each covered table: rows above the keyed marker's watermark must be covered. */
const ORDER_COLUMN: Record<CoveredTable, string> = { settlements: 'rowid', reversals: 'rowid', settlement_events: 'id' };

/**
 * Verifies the whole ledger: the audit chain (links, ids, keyed hashes), every settlement, reversal
 * and status row against the digest its audit row holds (an amount changed behind the triggers shows),
 * rows written since the chain was keyed without an audit row, and the chain heads written into the
 * day-close reports (removing the last audit rows shows).
 */
export function createVerifier(db: Database.Database, audit: AuditLog, digests: RowDigests) {
  return async function verifyLedger(): Promise<LedgerVerdict> {
    const problems: string[] = [];
    const chain = audit.verifyAuditChain();
    if (!chain.ok) problems.push(`审计链第 ${chain.brokenAt} 条：${chain.reason}`);

    const covered = new Set<string>();
    let coveredRows = 0;
    const withRows = db.prepare(`SELECT id, detail_json FROM audit_log WHERE detail_json LIKE '%"rows":{%' ORDER BY id`).iterate() as IterableIterator<{ id: number; detail_json: string }>;
    for (const row of withRows) {
      const rows = (JSON.parse(row.detail_json) as { rows?: Record<string, string> }).rows ?? {};
      for (const [ref, expected] of Object.entries(rows)) {
        const at = ref.indexOf(':');
        const table = ref.slice(0, at) as CoveredTable;
        if (!(table in COVERED_TABLES)) continue;
        const key = ref.slice(at + 1);
        covered.add(ref);
        coveredRows++;
        const actual = digests.digest(table, table === 'settlement_events' ? Number(key) : key);
        if (actual === null) problems.push(`${LABELS[table]} ${key} 已不存在（审计第 ${row.id} 条记录了它）`);
        else if (actual !== expected) problems.push(`${LABELS[table]} ${key} 的存储内容与审计记录不符（记录被改动，审计第 ${row.id} 条）`);
      }
    }

    const marker = db.prepare(`SELECT detail_json FROM audit_log WHERE action = '${KEYED_MARKER}' ORDER BY id LIMIT 1`).pluck().get() as string | undefined;
    if (marker) {
      const from = (JSON.parse(marker) as { coveredFrom?: Partial<Record<CoveredTable, number>> }).coveredFrom ?? {};
      for (const table of Object.keys(COVERED_TABLES) as CoveredTable[]) {
        const keyColumn = COVERED_TABLES[table];
        const keys = db.prepare(`SELECT ${keyColumn} FROM ${table} WHERE ${ORDER_COLUMN[table]} > ? ORDER BY ${ORDER_COLUMN[table]}`).pluck().all(from[table] ?? 0) as Array<string | number>;
        for (const key of keys) if (!covered.has(`${table}:${key}`)) problems.push(`${LABELS[table]} ${key} 没有对应的审计记录（不是由本程序写入的）`);
      }
    }

    const hashAt = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
    const closes = db.prepare('SELECT business_day, operator_id, summary_json FROM reports_day_close ORDER BY business_day').all() as Array<{ business_day: string; operator_id: string; summary_json: string }>;
    for (const close of closes) {
      const anchor = (JSON.parse(close.summary_json) as { auditHead?: { id: number; hash: string } | null }).auditHead;
      if (!anchor) continue;
      const hash = hashAt.get(anchor.id) as string | undefined;
      const which = `收费员 ${close.operator_id} ${close.business_day} 的日结报表`;
      if (hash === undefined) problems.push(`${which}记载的审计链头第 ${anchor.id} 条已不存在（审计记录被删除）`);
      else if (hash !== anchor.hash) problems.push(`${which}记载的审计链头第 ${anchor.id} 条与台账不符`);
    }

    return { ok: problems.length === 0, auditRows: chain.ok ? chain.rows : chain.brokenAt - 1, coveredRows, head: audit.head(), keyed: audit.keyed(), problems: problems.slice(0, 50) };
  };
}
