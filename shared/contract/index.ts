import { z } from 'zod';
import type { Failure, Result as SharedResult } from '../result';
import { OP_NAME_LIST, type OpName } from './ops';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from './password-rule';
import * as s from './schemas';

export * from './schemas';
export { OP_NAME_LIST, isOpName, type OpName } from './ops';
export * from './password-rule';

/**
 * The one contract between the window (renderer) and the backend, used unchanged over Electron IPC
 * and over browser-mode HTTP. Operation name → zod input schema and zod output schema.
 * Only add to it: the renderer is written against it.
 */
export const contract = {
  // auth
  'auth.login': { input: s.credentialsSchema.strict(), output: s.sessionSchema, mutates: true },
  'auth.logout': { input: s.empty, output: s.empty, mutates: true },
  'auth.changePassword': {
    input: z
      .object({
        oldPassword: z.string().min(1, '请输入原密码').max(200),
        // The username is not in the input: the ledger checks that part of the rule.
        newPassword: z
          .string()
          .max(200)
          .superRefine((password, ctx) => {
            const problem = passwordProblem(password);
            if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_PROBLEM_MESSAGES[problem] });
          }),
      })
      .strict(),
    output: s.sessionSchema,
    mutates: true,
  },
  'auth.session': { input: s.empty, output: z.object({ session: s.sessionSchema.nullable() }), mutates: false },
  /** Idle lock: the same operator's password opens the locked session (the work on screen stays). */
  'auth.unlock': { input: z.object({ password: z.string().min(1, '请输入密码').max(200) }).strict(), output: s.sessionSchema, mutates: true },
  /** The window saw keyboard or mouse activity (sent at most about once a minute): keeps the idle lock away. */
  'auth.activity': { input: s.empty, output: s.empty, mutates: false },

  // operator management (supervisor)
  'operators.list': { input: s.empty, output: z.array(s.operatorViewSchema), mutates: false },
  /** A new account with a temporary password, to be changed at its first login. */
  'operators.add': { input: s.operatorAddSchema, output: s.operatorViewSchema, mutates: true },
  'operators.setActive': { input: s.operatorSetActiveSchema, output: s.operatorViewSchema, mutates: true },
  /** A temporary password; the operator must change it at the next login. Ends a lockout. */
  'operators.resetPassword': { input: s.operatorResetPasswordSchema, output: s.operatorViewSchema, mutates: true },

  // terminal settings
  'settings.get': { input: s.empty, output: s.settingsViewSchema, mutates: false },
  'settings.update': { input: s.settingsPatchSchema, output: s.settingsViewSchema, mutates: true },
  'settings.testReader': {
    input: z.object({ reader: s.readerSettingsSchema.optional() }).strict(),
    output: s.checkResultSchema,
    mutates: false,
  },
  'settings.testBureau': {
    /** The bureau section in force (the site file's; demo without one). */
    input: s.empty,
    output: s.checkResultSchema,
    mutates: false,
  },
  /** A test page on the thermal printer given (absent: the one in force); one the site file fixes cannot be swapped here. */
  'settings.testPrinter': {
    input: z.object({ thermalPrinter: s.thermalPrinterSchema.optional() }).strict(),
    output: s.checkResultSchema,
    mutates: false,
  },

  /** The psn_idet_type dictionary in force for the terminal's region (1901; null version = the policy table only). */
  'dictionary.identities': { input: s.empty, output: s.identityDictionaryViewSchema, mutates: false },
  /** Supervisor: fetch psn_idet_type from the bureau (1901) and keep it as a new version. */
  'dictionary.refreshIdentities': { input: s.empty, output: s.identityDictionaryRefreshSchema, mutates: true },

  // card
  'card.read': {
    input: z.object({ timeoutMs: z.number().int().min(100).max(60_000).optional() }).strict(),
    output: s.CardIdentitySchema,
    mutates: false,
  },
  'card.fromTypedId': {
    input: z.object({ certno: z.string().trim().min(1, '请输入身份证号').max(30), name: z.string().trim().max(50).optional() }).strict(),
    output: s.CardIdentitySchema,
    mutates: false,
  },
  'card.fromEVoucher': {
    input: z.object({ code: z.string().trim().min(1, '请扫描医保电子凭证').max(2000) }).strict(),
    output: s.CardIdentitySchema,
    mutates: false,
  },

  /** Demo reader only: which card is in the simulated reader, and the cards it can hold. */
  'card.simulator': { input: s.empty, output: s.simulatorViewSchema, mutates: false },
  /** Demo reader only: put a demo card in (a key from `card.simulator`), or 'none' to empty it. */
  'card.simulatorInsert': {
    input: z.object({ card: z.string().trim().min(1, '请选择模拟卡').max(50) }).strict(),
    output: s.simulatorViewSchema,
    mutates: false,
  },

  // eligibility
  'eligibility.resolve': {
    input: z
      .object({
        identity: s.CardIdentitySchema,
        date: s.isoDate,
        visit: s.visitSchema,
        /** 改用离线名单: the bureau is slow; answer from the local roster without asking it. */
        offline: z.boolean().optional(),
      })
      .strict(),
    output: s.personContextSchema,
    mutates: false,
  },

  // bill
  'bill.import': { input: s.billImportInputSchema, output: s.billSchema, mutates: false },
  'bill.demoList': { input: s.empty, output: z.array(s.demoBillInfoSchema), mutates: false },

  // settlement
  'settlement.preview': { input: s.settleRequestSchema, output: s.previewSchema, mutates: false },
  'settlement.commit': { input: s.settleRequestSchema, output: s.committedSchema, mutates: true },
  'settlement.reverse': {
    input: s.reverseInputSchema,
    output: z.object({
      reversalId: z.string(),
      original: s.settlementSummarySchema,
      receipt: s.receiptOutcomeSchema,
      /** A real-time settlement: what the centre did (its cancellation, negated). */
      centre: s.centreCancelSchema.optional(),
    }),
    mutates: true,
  },
  'settlement.reprint': {
    input: z.object({ id: s.id }).strict(),
    output: z.object({ printCount: z.number().int(), receipt: s.receiptOutcomeSchema }),
    mutates: true,
  },
  'settlement.list': {
    input: s.listInputSchema,
    output: z.object({ items: z.array(s.settlementSummarySchema), total: z.number().int() }),
    mutates: false,
  },
  'settlement.get': { input: z.object({ id: s.id }).strict(), output: s.settlementRecordSchema, mutates: false },
  'settlement.recordReview': { input: s.reviewInputSchema, output: s.reviewRecordedSchema, mutates: true },
  /** After a restart: the settlement a pending attempt (attemptId kept by the window) produced, if any. */
  'settlement.attempt': { input: z.object({ attemptId: s.attemptIdSchema }).strict(), output: s.attemptLookupSchema, mutates: false },
  /** The receipt outcome of a settlement: waits while its first receipt is still being rendered after the commit answered. */
  'settlement.receipt': { input: z.object({ id: s.id }).strict(), output: s.receiptOutcomeSchema, mutates: false },
  /** The receipt of a stored settlement as a script-free HTML document with a restrictive CSP, for a sandboxed iframe `srcdoc`. */
  'receipt.preview': { input: s.receiptPreviewInputSchema, output: s.receiptPreviewSchema, mutates: false },

  // outbox, roster, status
  'outbox.status': { input: s.empty, output: s.outboxStatusSchema, mutates: false },
  /**
   * Not queued behind (nor ahead of) the settlements: the import runs on a worker thread over its own
   * ledger connection in short transactions, so a settlement commits while it runs; one import at a
   * time (`import-busy`).
   */
  'roster.import': { input: s.rosterImportInputSchema, output: s.rosterImportResultSchema, mutates: false, writes: true },
  'roster.versions': { input: s.empty, output: z.array(s.rosterVersionSchema), mutates: false },
  /** The running (or last) roster import's progress; answers while roster.import runs. */
  'roster.importProgress': { input: s.empty, output: s.rosterImportProgressSchema, mutates: false },
  'status.get': { input: s.empty, output: s.statusSchema, mutates: false },
  /** Supervisor: 核验台账 — the audit chain, every stored settlement/reversal/status row against it, the day-close anchors. */
  'ledger.verify': { input: s.empty, output: s.ledgerVerdictSchema, mutates: false },

  // drug catalogue (pharmacy counter): the backend prices and classes catalogue drugs itself
  /** Drugs matching a barcode, code or pinyin initials in the catalogue in effect on the sale date. */
  'catalogue.lookup': { input: s.catalogueLookupInputSchema, output: z.array(s.catalogueDrugSchema), mutates: false },
  /** Supervisor: imports a catalogue file (simple CSV/XLSX or the national 1301 file) as a new version. */
  /** Not queued, as roster.import. */
  'catalogue.import': { input: s.catalogueImportInputSchema, output: s.catalogueImportResultSchema, mutates: false, writes: true },
  'catalogue.versions': { input: s.empty, output: z.array(s.catalogueVersionSchema), mutates: false },
  /** The running (or last) catalogue import's progress, as roster.importProgress. */
  'catalogue.importProgress': { input: s.empty, output: s.rosterImportProgressSchema, mutates: false },

  // upload to the bureau and reconciliation (runs in the background; poll upload.progress)
  /** Starts an upload run (joins one under way) and answers at once with its progress; `wait: true` answers when it ends. */
  'upload.now': { input: z.object({ wait: z.boolean().optional() }).strict(), output: s.uploadProgressSchema, mutates: false },
  'upload.progress': { input: s.empty, output: s.uploadProgressSchema, mutates: false },
  /** Settlements the bureau refused, with its message: they wait for a person. */
  'upload.rejected': { input: s.empty, output: z.array(s.rejectedUploadSchema), mutates: false },
  /** Supervisor (logged in, or approving with `supervisor` credentials): the cause is dealt with, put these refused settlements back in the queue. */
  'upload.requeue': { input: s.requeueInputSchema, output: z.object({ requeued: z.number().int(), outbox: s.outboxStatusSchema }), mutates: true },
  /** 3201 for one day (commit date): per insutype × clr_type, the terminal's totals against the bureau's verdict. */
  'reconcile.day': { input: z.object({ date: s.isoDate }).strict(), output: s.dayReconciliationSchema, mutates: false },

  // reports (each answers a document of display strings; reports.exportXlsx writes the same as XLSX)
  /** The logged-in cashier closes their business day (default today), once; a supervisor may close another cashier's. */
  'reports.closeDay': { input: s.closeDayInputSchema, output: s.dayCloseViewSchema, mutates: true },
  'reports.dayClose': { input: s.dayCloseParamsSchema, output: s.dayCloseViewSchema, mutates: false },
  'reports.monthlyDispatch': { input: s.monthlyDispatchParamsSchema, output: s.reportDocumentSchema, mutates: false },
  'reports.quarterlySurvey': { input: s.quarterlySurveyParamsSchema, output: s.reportDocumentSchema, mutates: false },
  /** The regional reports the policy files declare (poverty fund, monitoring, charity …): which report, for which region, its title. */
  'reports.regional': { input: s.empty, output: z.array(s.regionalReportSchema), mutates: false },
  'reports.povertyFund': { input: s.povertyFundParamsSchema, output: s.reportDocumentSchema, mutates: false },
  'reports.monitoringList': { input: s.monitoringListParamsSchema, output: s.reportDocumentSchema, mutates: false },
  'reports.charityReferrals': { input: s.charityReferralsParamsSchema, output: s.reportDocumentSchema, mutates: false },
  'reports.exportXlsx': { input: s.exportXlsxInputSchema, output: s.exportedFileSchema, mutates: false },
  /** The long report being built (on its worker thread) and its stage, for the reports screen to show while it waits. */
  'reports.progress': { input: s.empty, output: s.reportProgressSchema, mutates: false },
  /** Answers from the first moment the backend runs (logged out too): the start-up's phase and progress, for the start-up screen. */
  'startup.status': { input: s.empty, output: s.startupStatusSchema, mutates: false },
} as const satisfies Record<OpName, { input: z.ZodType; output: z.ZodType; mutates: boolean; writes?: boolean }>;

/** Whether an op writes the ledger: the queued mutations and the imports beside the queue (`writes`). Refused while the start-up verification runs. */
export const writesLedger = (op: OpName): boolean => {
  const spec: { mutates: boolean; writes?: boolean } = contract[op];
  return spec.mutates || spec.writes === true;
};

export type Contract = typeof contract;
export const OP_NAMES: readonly OpName[] = OP_NAME_LIST;

/** What the caller sends (before defaults are applied). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What the handler receives (after parsing). */
export type OpParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Contract[K]['output']>;

/** Stable error codes; the message is Chinese for the cashier. */
export const ERROR_CODES = [
  'invalid-argument',
  'unknown-operation',
  'not-logged-in',
  'password-change-required',
  'forbidden',
  'bad-credentials',
  'not-found',
  'conflict',
  'bill-invalid',
  'engine-error',
  'reader-error',
  'bureau-error',
  'roster-error',
  'receipt-error',
  /** A regional report no policy file declares (for that region). */
  'report-not-declared',
  'internal',
] as const;
export type KnownErrorCode = (typeof ERROR_CODES)[number];

/** What every operation answers on failure: a stable code, a Chinese message, field details (shared/result's Failure). */
export type ApiError = Failure;

export type Result<T> = SharedResult<T, ApiError>;

/** The typed client both shells give the renderer. */
export type Api = { [K in OpName]: (input: OpInput<K>) => Promise<Result<OpOutput<K>>> };

/** One generic call, as exposed by the preload (`window.onebill.call`). */
export type CallFn = <K extends OpName>(op: K, input: OpInput<K>) => Promise<Result<OpOutput<K>>>;

/** Builds the typed `Api` object from a generic call function. */
export function apiFromCall(call: CallFn): Api {
  return Object.fromEntries(OP_NAMES.map((op) => [op, (input: unknown) => call(op, input as never)])) as Api;
}

/** Ops a logged-out terminal (or one still on its first-login password) may call. */
export const PUBLIC_OPS: readonly OpName[] = ['auth.login', 'auth.session', 'status.get', 'startup.status'];
export const OPS_BEFORE_PASSWORD_CHANGE: readonly OpName[] = [...PUBLIC_OPS, 'auth.changePassword', 'auth.logout', 'auth.activity'];
/** Ops a session under the idle lock may call. */
export const OPS_WHILE_LOCKED: readonly OpName[] = [...PUBLIC_OPS, 'auth.unlock', 'auth.logout'];
/** Ops reserved to a supervisor's session (settlement.reverse and upload.requeue also take a supervisor's own credentials: their handlers check). */
export const SUPERVISOR_OPS: readonly OpName[] = [
  'settings.update',
  'settings.testBureau',
  'settings.testPrinter',
  'dictionary.refreshIdentities',
  'roster.import',
  'catalogue.import',
  'operators.list',
  'operators.add',
  'operators.setActive',
  'operators.resetPassword',
  'ledger.verify',
];

/** The HTTP header that carries the per-launch token in browser mode. */
export const TOKEN_HEADER = 'x-onebill-token';
