import { ledgerStamp } from '../../shared/time';
import { join, resolve } from 'node:path';
import { createYtdMarks, type YtdMarks } from './ytd-marks';
import { createJobGate, type JobGate } from './job-gate';
import { fileURLToPath } from 'node:url';
import type { PolicyLibrary } from '../../shared/policy';
import { EligibilityResolver, mergeIdentityTable, type IdentityDictionary } from '../eligibility';
import { loadIdentityDictionaries } from './identity-dictionaries';
import { openLedger, openPostgresEngine, type Ledger, type LedgerVerdict } from '../ledger';
import { applySite, type LoadedSite } from '../site';
import { privateDir, privateFiles, sqliteFiles } from './private-files';
import { loadPolicyLibrary } from '../policy';
import { startBureauService, type BureauService } from './bureau-service';
import { openRealtimeService, type RealtimeService } from './realtime-settlement';
import { createDemoBills } from './demo-bills';
import { ensureDemoCatalogue } from './demo-catalogue';
import { createLogger, type Logger } from './logger';
import { openReaderService, type ReaderService } from './reader-service';
import type { SimulatorOptions } from './reader-simulator';
import { createReceiptPreview, createReceiptService, type PrintReceipt, type ReceiptDeps } from './receipt-service';
import { createReceiptJobs, type ReceiptJobs } from './receipt-jobs';
import { createRosterImportProgress, type RosterImportTracker } from './roster-import-progress';
import { createSessionHolder, DEFAULT_IDLE_LOCK_MINUTES, type SessionHolder } from './session';
import { isDemoMode } from './demo-mode';
import { loadDemoTerminal, readSettings, writeSettings, type TerminalSettings } from './terminal-settings';
import { createVisitContexts, type VisitContexts } from './visit-contexts';
import { createKeptBills, type KeptBills } from './kept-bills';
import { createUploadService, DEFAULT_UPLOAD_AT, type UploadService } from './upload-service';
import { spellingFor, loadCumCodes } from '../bureau';

export interface BackendOptions {
  /** Everything this terminal writes: ledger.db, bureau simulator db, receipts/, logs/. */
  userDataDir: string;
  /** The app's resources/ (policies, demo bills); defaults to the checkout's. Packaged apps pass process.resourcesPath. */
  resourcesDir?: string;
  /** Overrides resources/policies (tests). */
  policyDir?: string;
  /** better-sqlite3's Electron build (`build/electron-native/better_sqlite3.node`); Node uses its own. */
  nativeBinding?: string;
  /** The shell's silent printer (Electron); none in browser mode. */
  printReceipt?: PrintReceipt;
  shell?: 'electron' | 'browser' | 'test';
  /** The demo reader's starting card and line pacing (tests turn pacing off). */
  readerSimulator?: SimulatorOptions;
  /** Bureau HTTP deadline (tests use a short one). */
  bureauTimeoutMs?: number;
  /** The whole eligibility query's deadline (default ELIGIBILITY_DEADLINE_MS, 20 s). */
  eligibilityDeadlineMs?: number;
  /** Idle lock after this many ms, instead of the terminal setting idleLockMinutes (tests). */
  idleLockMs?: number;
  /** The site configuration file (`--config`, ONEBILL_CONFIG): hospital, region, ledger, bureau, reader, printer, terminal id. */
  site?: LoadedSite;
  /** Upload back-off between failed batch attempts (tests use a short one). */
  uploadBackoff?: { maxAttempts?: number; baseMs?: number; maxMs?: number };
  /**
   * Training and tests only (never set by the app): the same bill may be settled again without a
   * supervisor. Every terminal the app starts refuses a second settlement of a standing bill.
   */
  practiceRepeatBills?: boolean;
  /** Build the long reports on the backend's own thread, not a worker (tests comparing the two). */
  reportsInThread?: boolean;
}

export const DEFAULT_RESOURCES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../resources');

/** The live services behind the handlers; `settings.update` swaps parts of it. */
export interface Runtime {
  options: BackendOptions;
  resourcesDir: string;
  logger: Logger;
  session: SessionHolder;
  library: PolicyLibrary;
  ledger: Ledger;
  settings: TerminalSettings;
  /** Settings the site file fixes (shown locked; settings.update refuses to change them). */
  locked: string[];
  bureau: BureauService;
  reader: ReaderService;
  eligibility: EligibilityResolver;
  /** Per person, the ledger mark taken just before eligibility read their year-to-date (see KeptContext.ytdMark). */
  ytdMarks: YtdMarks;
  /** The psn_idet_type dictionary version in force per region (1901, identity-dictionaries.ts). */
  identityDictionaries: Map<string, IdentityDictionary>;
  demoBills: ReturnType<typeof createDemoBills>;
  printReceipt: ReturnType<typeof createReceiptService>;
  /** receipt.preview: the HTML of a stored settlement's receipt. */
  previewReceipt: ReturnType<typeof createReceiptPreview>;
  /** Where receipt PDFs are archived, and the first receipts still rendering after their commit answered. */
  receiptDir: string;
  receiptJobs: ReceiptJobs;
  /** Outbox upload: nightly scheduler + upload now. */
  upload: UploadService;
  /** Work in flight (upload runs, reads) that settings.update waits for before rebuilding services. */
  jobs: JobGate;
  /** roster.importProgress: what the running (or last) roster import has done. */
  rosterImport: RosterImportTracker;
  /** catalogue.importProgress: the same for the drug catalogue. */
  catalogueImport: RosterImportTracker;
  /** Person contexts resolved per visit (eligibilityId), used by preview and commit. */
  visits: VisitContexts;
  /** Bills bill.import read (billId): preview and commit settle them and check whose they are. */
  bills: KeptBills;
  /** The last ledger verification (at start, then each 核验台账). */
  ledgerCheck: LedgerCheck;
  /** Real-time settlement with the centre (bureau.settlement: realtime); null at a nightly site. */
  realtime: RealtimeService | null;
}

export type LedgerCheck = LedgerVerdict & { checkedAt: string };

/** Verifies the ledger (audit chain, covered rows, day-close anchors) and keeps the verdict for the status bar. */
export async function checkLedger(runtime: Pick<Runtime, 'ledger' | 'logger'> & { ledgerCheck?: LedgerCheck }): Promise<LedgerCheck> {
  const verdict = { ...(await runtime.ledger.verifyLedger()), checkedAt: ledgerStamp(new Date()) };
  if (!verdict.ok) runtime.logger.error('ledger verification failed', new Error(verdict.problems.join('; ')));
  runtime.ledgerCheck = verdict;
  return verdict;
}

export function loadLibrary(runtime: Pick<Runtime, 'resourcesDir' | 'options'>, overridesDir: string): PolicyLibrary {
  return loadPolicyLibrary({ dir: runtime.options.policyDir ?? join(runtime.resourcesDir, 'policies'), overridesDir: overridesDir || undefined });
}

export function eligibilityFor(
  runtime: Pick<Runtime, 'ledger' | 'library' | 'bureau' | 'session' | 'resourcesDir' | 'ytdMarks' | 'identityDictionaries'>,
): EligibilityResolver {
  const { ledger, library } = runtime;
  const cumCodes = loadCumCodes(join(runtime.resourcesDir, 'bureau', 'cum-codes.yaml'));
  return new EligibilityResolver({
    bureau: {
      decodeEVoucher: (code, businessType) => runtime.bureau.client(bureauOperator(runtime)).decodeEVoucher(code, businessType),
      personInfo: (query) => runtime.bureau.client(bureauOperator(runtime)).personInfo(query),
      accumulators: (psnNo, admdvs, ym) => runtime.bureau.client(bureauOperator(runtime)).accumulators(psnNo, admdvs, ym),
    },
    roster: {
      findByCertno: (certno, onDate) => ledger.rosterLookup.findByCertno(certno, onDate),
      latestRosterDate: async () => (await ledger.rosterVersions(1))[0]?.rosterDate ?? null,
      rosterDateOn: async (onDate) => (await ledger.rosterLookup.versionInEffect(onDate))?.rosterDate ?? null,
    },
    // Online, the bureau's 5206 figures plus what the ledger (every window) settled and the bureau has not acknowledged yet.
    ledger: {
      // The mark first: whatever is committed for the person after it is what a commit must add (stale-preview check).
      ytd: async (certno, date) => {
        runtime.ytdMarks.note(certno, await ledger.ytdMark(certno));
        return ledger.ytdFor(certno, Number(date.slice(0, 4)), undefined, date);
      },
      notYetUploaded: (certno, date) => ledger.ytdNotUploaded(certno, Number(date.slice(0, 4)), undefined, date),
    },
    // The policy table, with the bureau's 1901 dictionary laid over it once a supervisor refreshed it.
    psnIdetTypes: (region) => mergeIdentityTable(library.psnIdetTypes(region), runtime.identityDictionaries.get(region)),
    cumSpelling: (region) => spellingFor(cumCodes, region),
  });
}

export function bureauOperator(runtime: Pick<Runtime, 'session'>) {
  const op = runtime.session.get()?.operator;
  return op ? { code: op.id, name: op.name } : undefined;
}

/**
 * The ledger the site names: the hospital's PostgreSQL server (`ledger.url`), a SQLite file
 * (`ledger.path`), or by default SQLite in the user-data folder. The site's terminal id wins.
 */
export function openTerminalLedger(options: BackendOptions): Promise<Ledger> {
  const site = options.site;
  const ledger = site?.config.ledger;
  const terminalId = site?.terminalId;
  const auditKeyFile = ledger?.auditKeyFile;
  if (ledger && 'url' in ledger) return openLedger({ engine: openPostgresEngine({ url: ledger.url }), terminalId, auditKeyFile });
  return openLedger({
    path: ledger && 'path' in ledger ? ledger.path : join(options.userDataDir, 'ledger.db'),
    nativeBinding: options.nativeBinding,
    terminalId,
    auditKeyFile,
  });
}

/** First start on a fresh machine: demo region, in-process bureau simulator, simulated reader, demo operators. */
export async function openRuntime(options: BackendOptions): Promise<Runtime> {
  privateDir(options.userDataDir);
  const resourcesDir = options.resourcesDir ?? DEFAULT_RESOURCES_DIR;
  const logger = createLogger(join(options.userDataDir, 'logs', 'backend.log'));
  const ledger = await openTerminalLedger(options);
  privateFiles(...sqliteFiles(join(options.userDataDir, 'ledger.db')));
  const closers: Array<() => unknown> = [() => ledger.close()];
  try {
    const { settings, locked } = applySite(await readSettings(ledger.settings, loadDemoTerminal(resourcesDir)), options.site);
    // A ledger that cannot sign its audit chain (key missing or wrong) is only read: the terminal
    // starts and shows why (核验台账), every write is refused with that reason.
    const writable = ledger.audit.unusable() === null;
    // The demo accounts exist only in demo mode (a configured site logs in with its own accounts).
    if (writable && isDemoMode({ options })) await ledger.ensureDemoOperators();
    if (writable && (await ledger.settings.get('terminal')) === undefined) await writeSettings(ledger.settings, settings, 'system', locked);
    const library = loadLibrary({ resourcesDir, options }, settings.policyOverridesDir);
    if (writable && isDemoMode({ options })) await ensureDemoCatalogue(ledger, resourcesDir);
    const bureau = await startBureauService(settings, library, options.userDataDir, options.site?.config.bureau, options.bureauTimeoutMs);
    closers.push(() => bureau.close());
    const reader = await openReaderService(settings.reader, options.readerSimulator);
    closers.push(() => reader.close());
    const session = createSessionHolder({ idleMs: () => options.idleLockMs ?? (runtime.settings.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES) * 60_000 });
    const runtime: Runtime = {
      options,
      resourcesDir,
      logger,
      session,
      library,
      ledger,
      settings,
      locked,
      bureau,
      reader,
      eligibility: undefined as unknown as EligibilityResolver,
      ytdMarks: createYtdMarks(),
      identityDictionaries: await loadIdentityDictionaries(
        ledger.settings,
        library.regions().map((r) => r.region),
      ),
      upload: undefined as unknown as UploadService,
      jobs: createJobGate(),
      visits: createVisitContexts(),
      bills: createKeptBills(),
      rosterImport: createRosterImportProgress(),
      catalogueImport: createRosterImportProgress(),
      demoBills: createDemoBills(join(resourcesDir, 'demo', 'bills')),
      printReceipt: undefined as unknown as Runtime['printReceipt'],
      previewReceipt: undefined as unknown as Runtime['previewReceipt'],
      receiptDir: join(options.userDataDir, 'receipts'),
      receiptJobs: createReceiptJobs(),
      ledgerCheck: undefined as unknown as LedgerCheck,
      realtime: null,
    };
    if (bureau.settlement === 'realtime') {
      runtime.realtime = openRealtimeService(runtime);
      closers.push(() => runtime.realtime?.close());
    }
    // Tamper evidence someone sees: verified at every start, the verdict shown in the status bar.
    await checkLedger(runtime);
    const receiptDeps: ReceiptDeps = {
      ledger: () => runtime.ledger,
      dir: runtime.receiptDir,
      logger,
      printReceipt: options.printReceipt,
      regionName: (region) => runtime.library.regions().find((r) => r.region === region)?.name,
      demo: () => runtime.bureau.mode === 'demo',
    };
    runtime.printReceipt = createReceiptService(receiptDeps);
    runtime.previewReceipt = createReceiptPreview(receiptDeps);
    runtime.eligibility = eligibilityFor(runtime);
    runtime.upload = createUploadService({
      ledger: () => runtime.ledger,
      bureau: () => runtime.bureau.client(),
      admdvsOf: (region) => runtime.library.region(region)?.admdvs,
      logger,
      at: settings.uploadAt ?? DEFAULT_UPLOAD_AT,
      backoff: options.uploadBackoff,
      job: (fn) => runtime.jobs.job(fn),
    });
    closers.push(() => runtime.upload.close());
    // The status bar's online/offline light: first check in the background, never blocking the start.
    void bureau.check().catch((error: unknown) => logger.error('bureau check', error));
    logger.info(`backend started (${options.shell ?? 'test'}), bureau ${bureau.mode} ${bureau.url}`);
    return runtime;
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
}

export async function closeRuntime(runtime: Runtime): Promise<void> {
  runtime.realtime?.close();
  await runtime.upload.close();
  await runtime.reader.close();
  await runtime.bureau.close();
  await runtime.ledger.close();
}
