import type Database from 'better-sqlite3';
import { createAttempts } from './attempts';
import { createAuditLog } from './audit';
import { createCatalogueStore } from './catalogue';
import type { Clock } from './clock';
import { createCommit } from './commit';
import { openConnection } from './connection';
import { migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { createLoginAttempts } from './login-attempts';
import { createOperatorAdmin } from './operator-admin';
import { createOperators } from './operators';
import { createOutbox } from './outbox';
import { createPatients } from './patients';
import { createQueries } from './queries';
import { createReceipts } from './receipts';
import { LedgerError } from './result';
import { createReverse } from './reverse';
import { createReview } from './review';
import { createReviewOutcomes } from './review-outcomes';
import { createSettlementSources } from './settlement-sources';
import { createRosterLookup } from './rosters';
import { createSettlementWriter } from './settlement-writer';
import { createSettings } from './settings';
import { createYtd } from './ytd';

export interface OpenLedgerOptions {
  /** The terminal's ledger file (one per terminal). */
  path: string;
  nativeBinding?: string;
  /** Terminal id used in settlement ids; otherwise the `terminalId` setting, otherwise "T01". */
  terminalId?: string;
  /** Injected clock (tests); defaults to the system clock. */
  now?: Clock;
  /** Migrations to apply (tests); defaults to every migration of this build. */
  migrations?: readonly Migration[];
}

const DEFAULT_TERMINAL_ID = 'T01';

/**
 * Opens (creating or upgrading) the terminal's ledger. Throws `LedgerError` with code
 * `ledger-too-new` or `ledger-migrations-out-of-sync` when this build must not touch the file.
 */
export function openLedger(options: OpenLedgerOptions) {
  const now = options.now ?? (() => new Date());
  const db = openConnection({ path: options.path, nativeBinding: options.nativeBinding });
  try {
    migrate(db, options.migrations ?? MIGRATIONS, now);
  } catch (error) {
    db.close();
    throw error;
  }

  const audit = createAuditLog(db, now);
  const operators = createOperators(db, audit, now);
  const settings = createSettings(db, audit, now);
  const loginAttempts = createLoginAttempts(db, audit);
  const operatorAdmin = createOperatorAdmin(db, { audit, operators, attempts: loginAttempts, now });
  const terminalId = options.terminalId ?? settings.get<string>('terminalId') ?? DEFAULT_TERMINAL_ID;
  if (!/^[A-Za-z0-9]{1,12}$/.test(terminalId)) {
    db.close();
    throw new LedgerError('ledger-bad-terminal-id', `终端编号只能由字母和数字组成（最多 12 位）：${terminalId}`);
  }
  const writer = createSettlementWriter(db, now, terminalId);
  const attempts = createAttempts(db);
  const deps = { audit, operators, writer, attempts, now, terminalId };
  const queries = createQueries(db);
  const outbox = createOutbox(db, queries, now);
  const receipts = createReceipts(db, audit, now);
  const rosterLookup = createRosterLookup(db);
  const ytd = createYtd(db, now);
  const commitSettlement = createCommit(db, deps);
  const reverseSettlement = createReverse(db, deps);
  const recordReview = createReview(db, deps);

  return {
    path: options.path,
    nativeBinding: options.nativeBinding,
    terminalId,
    now,
    /** The raw connection, for reports and tests; prefer the functions below. */
    db,
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
    commitSettlement,
    reverseSettlement,
    settlementOfAttempt: attempts.settlementOfAttempt,
    recordReview,
    /** Expert review outcomes and the reversal / re-made settlement they link (async, like the ledger's coming API). */
    /** Commit with where the person context came from (online / offline roster), and read it back. */
    settlementSources: createSettlementSources(db, commitSettlement),
    reviewOutcomes: createReviewOutcomes(db, { audit, now, commit: commitSettlement, reverse: reverseSettlement, review: recordReview }),
    getSettlement: queries.getSettlement,
    listSettlements: queries.listSettlements,
    ytdFor: ytd.ytdFor,
    ytdNotUploaded: ytd.ytdNotUploaded,
    outboxPending: outbox.outboxPending,
    markOutbox: outbox.markOutbox,
    outboxCounts: outbox.outboxCounts,
    /** The drug catalogue: versions, look-ups, imports (catalogue.ts). */
    catalogue: createCatalogueStore(db, () => openConnection({ path: options.path, nativeBinding: options.nativeBinding }), now),
    recordPrint: receipts.recordPrint,
    receiptPrints: receipts.prints,
    audit,
    verifyAuditChain: audit.verifyAuditChain,
    /** A second connection to the same file in the same mode (long jobs such as a roster import). */
    openConnection: (): Database.Database => openConnection({ path: options.path, nativeBinding: options.nativeBinding }),
    close: () => db.close(),
  };
}

export type Ledger = ReturnType<typeof openLedger>;
