import { KEYED_MARKER, type AuditHead, type AuditLog } from './audit';
import type { Engine } from './engine/types';
import { COVERED_TABLES, digestOf, orderOf, type CoveredTable } from './row-digest';

export interface LedgerVerdict {
  ok: boolean;
  /** Audit rows checked. */
  auditRows: number;
  /** Settlement, reversal and status rows checked against the digest their audit row holds. */
  coveredRows: number;
  /** The chain's latest row (written into every day-close report). */
  head: AuditHead | null;
  /** Whether the chain is keyed with the installation's secret (HMAC). */
  keyed: boolean;
  /** Chinese, one line per problem found (at most 50). */
  problems: string[];
}

/** Rows of the ledger a verification has walked, of all it will walk. */
export interface VerifyProgress {
  walked: number;
  total: number;
}

const LABELS: Record<CoveredTable, string> = { settlements: '结算单', reversals: '冲销记录', settlement_events: '结算状态记录' };
const PAGE = 2000;
const MAX_PROBLEMS = 50;

/**
 * 核验台账: the audit chain (ids, links, keyed hashes); every settlement, reversal and status row
 * against the digest its audit row holds (an amount changed behind the triggers shows); rows written
 * since the chain was keyed that no audit row covers; and the chain heads written into the day-close
 * reports (removing the last audit rows shows).
 */
export function createVerifier(db: Engine, audit: AuditLog) {
  /** Pages through a covered table: each row's digest against the expected one, or above the watermark without one. */
  async function checkTable(
    table: CoveredTable,
    expected: Map<string, { digest: string; auditId: number }>,
    from: number | undefined,
    problems: string[],
    walk: (rows: number) => void,
  ): Promise<number> {
    const key = COVERED_TABLES[table];
    let checked = 0;
    let after: string | number = table === 'settlement_events' ? 0 : '';
    for (;;) {
      const page = await db.all<Record<string, unknown>>(
        `SELECT ${orderOf(db.dialect, table)} AS onebill_order, t.* FROM ${table} t WHERE t.${key} > ? ORDER BY t.${key} LIMIT ?`,
        [after, PAGE],
      );
      for (const { onebill_order: order, ...row } of page) {
        const id = row[key] as string | number;
        const ref = `${table}:${id}`;
        const want = expected.get(ref);
        expected.delete(ref);
        if (want) {
          checked++;
          if (digestOf(row) !== want.digest) problems.push(`${LABELS[table]} ${id} 的存储内容与审计记录不符（记录被改动，审计第 ${want.auditId} 条）`);
        } else if (from !== undefined && Number(order) > from) {
          problems.push(`${LABELS[table]} ${id} 没有对应的审计记录（不是由本程序写入的）`);
        }
        after = id;
      }
      walk(page.length);
      if (page.length < PAGE) return checked;
    }
  }

  /**
   * Each day close recorded the chain head at that moment: it must still be there, unchanged; and
   * each close the chain records (`day.close`, subject `<cashier>@<day>`) must still be stored.
   */
  async function checkAnchors(audited: Set<string>, problems: string[]): Promise<void> {
    const closes = await db.all<{ business_day: string; operator_id: string; summary_json: string }>(
      'SELECT business_day, operator_id, summary_json FROM reports_day_close ORDER BY business_day, operator_id',
    );
    const stored = new Set(closes.map((c) => `${c.operator_id}@${c.business_day}`));
    for (const subject of audited) {
      if (!stored.has(subject)) problems.push(`日结记录 ${subject} 已不存在（审计链记录了该次日结）`);
    }
    for (const close of closes) {
      const anchor = (JSON.parse(close.summary_json) as { auditHead?: AuditHead | null }).auditHead;
      if (!anchor) continue;
      const hash = await db.value<string>('SELECT hash FROM audit_log WHERE id = ?', [anchor.id]);
      const which = `收费员 ${close.operator_id} ${close.business_day} 的日结报表`;
      if (hash === undefined) problems.push(`${which}记载的审计链头第 ${anchor.id} 条已不存在（审计记录被删除）`);
      else if (hash !== anchor.hash) problems.push(`${which}记载的审计链头第 ${anchor.id} 条与台账不符`);
    }
  }

  /** How many rows a verification walks: the audit chain, then the covered tables. */
  async function workToDo(): Promise<number> {
    let total = Number((await db.value('SELECT max(id) FROM audit_log')) ?? 0);
    for (const table of Object.keys(COVERED_TABLES)) total += Number(await db.value(`SELECT count(*) FROM ${table}`));
    return total;
  }

  /** `onProgress` hears rows walked of the total, every page (for the start-up screen's percentage). */
  return async function verifyLedger(onProgress?: (progress: VerifyProgress) => void): Promise<LedgerVerdict> {
    const problems: string[] = [];
    const total = onProgress ? await workToDo() : 0;
    let walked = 0;
    const walk = (rows: number) => {
      walked += rows;
      if (onProgress && (rows !== 1 || walked % PAGE === 0)) onProgress({ walked: Math.min(walked, total), total });
    };
    const unusable = audit.unusable();
    if (unusable) problems.push(unusable);

    const expected = new Map<string, { digest: string; auditId: number }>();
    const closes = new Set<string>();
    let coveredFrom: Partial<Record<CoveredTable, number>> | undefined;
    const chain = await audit.verifyAuditChain((row) => {
      walk(1);
      if (row.action === 'day.close' && row.subject) closes.add(row.subject);
      if (row.action === KEYED_MARKER && !coveredFrom)
        coveredFrom = (JSON.parse(row.detail_json) as { coveredFrom?: Partial<Record<CoveredTable, number>> }).coveredFrom ?? {};
      if (!row.detail_json.includes('"rows":{')) return;
      const rows = (JSON.parse(row.detail_json) as { rows?: Record<string, string> }).rows ?? {};
      for (const [ref, digest] of Object.entries(rows)) expected.set(ref, { digest, auditId: Number(row.id) });
    });
    if (!chain.ok) problems.push(`审计链第 ${chain.brokenAt} 条：${chain.reason}`);

    let coveredRows = 0;
    for (const table of Object.keys(COVERED_TABLES) as CoveredTable[]) coveredRows += await checkTable(table, expected, coveredFrom?.[table], problems, walk);
    for (const [ref, { auditId }] of expected) {
      const [table, id] = [ref.slice(0, ref.indexOf(':')) as CoveredTable, ref.slice(ref.indexOf(':') + 1)];
      if (table in LABELS) problems.push(`${LABELS[table]} ${id} 已不存在（审计第 ${auditId} 条记录了它）`);
    }
    await checkAnchors(closes, problems);

    return {
      ok: problems.length === 0,
      auditRows: chain.ok ? chain.rows : chain.brokenAt - 1,
      coveredRows,
      head: await audit.head(),
      keyed: audit.keyed(),
      problems: problems.slice(0, MAX_PROBLEMS),
    };
  };
}
