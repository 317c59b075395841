import { hostname } from 'node:os';
import { createAttempts } from './attempts';
import { createAuditLog, openAuditChain } from './audit';
import { auditKeyPathFor, loadAuditKey, type LoadedKey } from './audit-key';
import { coverageMarks } from './row-digest';
import { createCatalogueImport, createCatalogueStore } from './catalogue';
import { createExportLog } from './exports';
import { createVerifier } from './verify';
import { systemClock, type Clock } from '../../shared/time';
import { createCommit } from './commit';
import { openSqliteEngine } from './engine/sqlite';
import type { Engine } from './engine/types';
import { migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { createLoginAttempts } from './login-attempts';
import { createOperatorAdmin } from './operator-admin';
import { createOperators } from './operators';
import { createOutbox } from './outbox';
import { createPatients } from './patients';
import { createQueries } from './queries';
import { createReceipts } from './receipts';
import { createReportQueries } from './report-queries';
import { LedgerError } from './result';
import { createReverse } from './reverse';
import { createReview } from './review';
import { createReviewOutcomes } from './review-outcomes';
import { createRosterImport, createRosterLookup } from './rosters';
import { createSettlementSources } from './settlement-sources';
import { createRealtimeRecords } from './realtime-records';
import { createRealtimeCancels } from './realtime-cancels';
import { createSettlementWriter } from './settlement-writer';
import { createSettings } from './settings';
import { claimTerminal } from './terminals';
import { createYtd } from './ytd';

export interface OpenLedgerOptions {
  /** The SQLite ledger file (the embedded, one-window default). */
  path?: string;
  nativeBinding?: string;
  /** SQLite only: no fsync per commit, for filling a throwaway ledger fast (benches, test fixtures). */
  bulkFill?: boolean;
  /** An engine already opened (tests, the PostgreSQL server); the ledger closes it on close(). */
  engine?: Engine;
  /** Terminal id used in settlement ids; otherwise the `terminalId` setting, otherwise "T01". */
  terminalId?: string;
  /** Injected clock (tests); defaults to the system clock. */
  now?: Clock;
  /** Who holds the terminal id (defaults to the host name); another machine with the same id is refused. */
  machineId?: string;
  /** Migrations to apply (tests); defaults to every migration of this build. */
  migrations?: readonly Migration[];
  /**
   * The file holding the installation's secret that keys the audit chain (HMAC-SHA256), created
   * 0600 when the chain is not keyed yet. Default: `audit.key` beside a SQLite ledger file; a
   * server ledger has none unless named (every window of a hospital must name the same key).
   */
  auditKeyFile?: string;
  /** The key itself (tests); `null`: an unkeyed chain, as a build before the key wrote it. */
  auditKey?: Buffer | null;
}

/** The installation's audit key as the options name it; null when none is configured. */
export function keyLoader(options: Pick<OpenLedgerOptions, 'auditKey' | 'auditKeyFile' | 'path'>): (create: boolean) => LoadedKey | null {
  if (options.auditKey !== undefined) {
    const key = options.auditKey;
    return () => (key ? { key } : null);
  }
  const file = options.auditKeyFile ?? (options.path ? auditKeyPathFor(options.path) : undefined);
  return (create) => (file ? loadAuditKey(file, create) : null);
}

const DEFAULT_TERMINAL_ID = 'T01';

function engineFor(options: OpenLedgerOptions): Engine {
  if (options.engine) return options.engine;
  if (!options.path) throw new LedgerError('ledger-no-location', '未指定账本位置');
  return openSqliteEngine({ path: options.path, nativeBinding: options.nativeBinding, bulkFill: options.bulkFill });
}

/**
 * Opens (creating or upgrading) the ledger. Rejects with `LedgerError` code `ledger-too-new` or
 * `ledger-migrations-out-of-sync` when this build must not touch it. The ledger owns every SQL
 * statement; callers get async functions only.
 */
export async function openLedger(options: OpenLedgerOptions) {
  const now = options.now ?? systemClock;
  const db = engineFor(options);
  let chain: Awaited<ReturnType<typeof openAuditChain>>;
  try {
    await migrate(db, options.migrations ?? MIGRATIONS, now);
    chain = await openAuditChain(db, now, keyLoader(options), coverageMarks);
  } catch (error) {
    await db.close();
    throw error;
  }

  const audit = createAuditLog(db, chain);
  const operators = createOperators(db, now, chain);
  const settings = createSettings(db, now, chain);
  const loginAttempts = createLoginAttempts(db, chain);
  const operatorAdmin = createOperatorAdmin(db, { operators, attempts: loginAttempts, now, chain });
  const terminalId = options.terminalId ?? (await settings.get<string>('terminalId')) ?? DEFAULT_TERMINAL_ID;
  if (!/^[A-Za-z0-9]{1,12}$/.test(terminalId)) {
    await db.close();
    throw new LedgerError('ledger-bad-terminal-id', `终端编号只能由字母和数字组成（最多 12 位）：${terminalId}`);
  }
  try {
    // (Tests may open with only the first migrations, before the terminals table.)
    if ((options.migrations ?? MIGRATIONS).some((m) => m.name === 'terminals')) await claimTerminal(db, now, terminalId, options.machineId ?? hostname());
  } catch (error) {
    await db.close();
    throw error;
  }
  const writer = createSettlementWriter(now, terminalId);
  const deps = { db, writer, now, terminalId, chain };
  const queries = createQueries(db);
  const outbox = createOutbox(db, queries, now);
  const receipts = createReceipts(db, now, chain);
  const rosterLookup = createRosterLookup(db);
  const ytd = createYtd(db, now);
  const reports = createReportQueries(db, now, chain);
  const commit = createCommit(deps);
  const reverse = createReverse(deps);
  const review = createReview(deps);

  return {
    /** Where the ledger lives, safe to show (no password). */
    description: db.description,
    dialect: db.dialect,
    path: options.path,
    terminalId,
    now,
    operators,
    ensureDemoOperators: operators.ensureDemoOperators,
    /** Supervisor's account management (disable, re-enable, reset password). */
    operatorAdmin,
    /** Password checks for the lockout; refused ones are audited. */
    loginAttempts,
    settings,
    patients: createPatients(db),
    rosterLookup,
    rosterVersions: rosterLookup.listVersions,
    /** One roster import as one transaction of its own (see rosters.ts). */
    rosterImport: createRosterImport(db, chain, terminalId),
    commitSettlement: commit.commitSettlement,
    reverseSettlement: reverse.reverseSettlement,
    settlementOfAttempt: createAttempts(db).settlementOfAttempt,
    recordReview: review.recordReview,
    /** Expert review outcomes and the reversal / re-made settlement they link, each outcome one transaction. */
    reviewOutcomes: createReviewOutcomes(db, { now, chain, commit: commit.commitIn, reverse: reverse.reverseIn, review: review.reviewIn }),
    /** Commit with where the person context came from (online / offline roster), and read it back. */
    settlementSources: createSettlementSources(db, commit.commitIn),
    /** Real-time settlements: the centre's answer and our cross-check beside the settlement (migration 11). */
    realtime: createRealtimeRecords(db),
    /** Real-time settlements cancelled at the centre (2305 / 2208) with their reversal (migration 15). */
    realtimeCancels: createRealtimeCancels(deps, reverse),
    getSettlement: queries.getSettlement,
    listSettlements: queries.listSettlements,
    countSettlements: queries.countSettlements,
    ytdFor: ytd.ytdFor,
    ytdNotUploaded: ytd.ytdNotUploaded,
    ytdMark: ytd.ytdMark,
    outboxPending: outbox.outboxPending,
    markOutbox: outbox.markOutbox,
    outboxCounts: outbox.outboxCounts,
    outboxDueIds: outbox.outboxDueIds,
    /** Claims due rows for one uploader (FOR UPDATE SKIP LOCKED on PostgreSQL). */
    claimOutbox: outbox.claimOutbox,
    outboxDueDays: outbox.outboxDueDays,
    outboxRejected: outbox.outboxRejected,
    uploadSources: outbox.uploadSources,
    /** The drug catalogue: versions, look-ups (catalogue.ts). */
    catalogue: createCatalogueStore(db),
    /** One catalogue import as one transaction of its own (catalogue.ts). */
    catalogueImport: createCatalogueImport(db, now, chain, terminalId),
    recordPrint: receipts.recordPrint,
    receiptPrints: receipts.prints,
    audit,
    verifyAuditChain: audit.verifyAuditChain,
    /** 核验台账: the keyed audit chain, every settlement/reversal/status row against it, the day-close anchors. */
    verifyLedger: createVerifier(db, audit),
    /** Audits a report written to a file (personal data or not). */
    recordExport: createExportLog(db, chain),
    reportRows: reports.reportRows,
    dayCloses: reports.dayCloses,
    reversalDetails: reports.reversalDetails,
    pendingReview: reports.pendingReview,
    reconcileRows: reports.reconcileRows,
    recordDayClose: reports.recordDayClose,
    close: () => db.close(),
  };
}

export type Ledger = Awaited<ReturnType<typeof openLedger>>;
