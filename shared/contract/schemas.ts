import { z } from 'zod';
import { CardIdentitySchema } from '../card';
import { isCalendarDate } from '../time';
import {
  AMOUNT_FIELDS,
  CONDITIONS,
  FLAG_FIELDS,
  IDENTITIES,
  LINE_CLASSES,
  LINE_KINDS,
  REFERRALS,
  VISITS,
  settlementResultSchema,
  storedSettlementResultSchema,
  storedTraceStepSchema,
  traceStepSchema,
  type AmountField,
  type FlagField,
} from '../engine';

/** Building blocks shared by several operations of the contract. */

/** Not a well-formed "YYYY-MM-DD" (the format check says so), or a real calendar day: 2023-02-30 is refused. */
const isRealDay = (text: string) => !/^\d{4}-\d{2}-\d{2}$/.test(text) || isCalendarDate(text);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDay, { message: '日期不存在（如 2 月没有 30 日）' });
export const money = z.string().regex(/^-?\d+\.\d{2}$/, '金额格式应为两位小数，如 "12.50"');
/** A non-negative decimal as text, e.g. a price "12.3456" or quantity "2". */
export const decimalText = z.string().regex(/^\d+(\.\d+)?$/, '应为非负数字');
export const id = z.string().min(1, '缺少编号').max(100);
export const empty = z.object({}).strict();

export const visitSchema = z.enum(VISITS, { message: '就诊类型未知' });
export const referralSchema = z.enum(REFERRALS, { message: '转诊情况未知' });
export const hospitalLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], { message: '医院级别必须是 1、2 或 3' });
export const regionSchema = z.string().regex(/^CN-[A-Z]{2}(-[A-Z]{2,4})?$/, '统筹区代码格式错误（应为 CN-省 或 CN-省-市，大写字母）');
/** Local time of day "HH:MM" (24 h). */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM（如 23:30）');
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const isoQuarter = z.string().regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Qn（如 2020-Q3）');

export { CardIdentitySchema };

// ---------------------------------------------------------------- auth

export const operatorRoleSchema = z.enum(['cashier', 'supervisor']);
export const operatorSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: operatorRoleSchema,
});
export const sessionSchema = z.object({
  operator: operatorSchema,
  /** Demo accounts and reset passwords: nothing but auth.changePassword / auth.logout is allowed until changed. */
  mustChangePassword: z.boolean(),
  terminalId: z.string(),
  loggedInAt: z.string(),
  /** Idle lock: the screen stays, nothing but auth.unlock / auth.logout runs until the same operator types their password. */
  locked: z.boolean().optional(),
  /** Minutes without activity before the idle lock (the window reports activity with auth.activity). */
  idleLockMinutes: z.number().int().optional(),
});

/** 工号: letters, digits, underscore, dot, hyphen. */
export const operatorIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,32}$/, '工号只能由字母、数字、下划线组成（最多 32 位）');
export const operatorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: operatorRoleSchema,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** A demo account (usable only in demo mode). */
  demo: z.boolean(),
  /** Locked after wrong passwords until this time (ISO), or null. */
  lockedUntil: z.string().nullable(),
});
const temporaryPassword = z.string().min(1, '请输入临时密码').max(200);
export const operatorAddSchema = z
  .object({ id: operatorIdSchema, name: z.string().trim().min(1, '请输入姓名').max(50), role: operatorRoleSchema, password: temporaryPassword })
  .strict();
export const operatorSetActiveSchema = z.object({ id: operatorIdSchema, active: z.boolean() }).strict();
export const operatorResetPasswordSchema = z.object({ id: operatorIdSchema, password: temporaryPassword }).strict();
export const credentialsSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});

// ---------------------------------------------------------------- settings

export const READER_DRIVERS = ['simulator', 'acr30', 'idcard'] as const;
export const PAPER_SIZES = ['A5', 'A4', '241mm'] as const;
export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

export const readerSettingsSchema = z.object({
  /** `simulator`: the embedded reader simulator with the demo cards (the out-of-the-box default). */
  driver: z.enum(READER_DRIVERS, { message: '读卡器类型未知' }),
  /** Serial port path (COM3, /dev/ttyUSB0); ignored for the simulator. */
  port: z.string().max(200),
  baudRate: z.union(BAUD_RATES.map((b) => z.literal(b)) as [z.ZodLiteral<9600>, ...z.ZodLiteral<number>[]], {
    message: '波特率必须是 9600、19200、38400、57600 或 115200',
  }),
});

export const printerSettingsSchema = z.object({
  /** Printer name as the OS knows it; empty = system default printer. */
  name: z.string().max(200),
  paper: z.enum(PAPER_SIZES, { message: '纸张必须是 A5、A4 或 241mm' }),
  /** Print without the dialog (Electron only); a PDF is archived in every mode. */
  silent: z.boolean(),
});

export const THERMAL_WIDTHS = ['80mm', '58mm'] as const;

/**
 * The thermal receipt printer of a pharmacy counter (the site file's `printer.thermal`, else this
 * window's setting): ESC/POS over a serial port, or a USB printer's device file (/dev/usb/lp0; on
 * Windows a shared printer's \\.\ path). Absent: receipts go to the system printer on A5/A4 as at a hospital.
 */
export const thermalPrinterSchema = z
  .object({
    width: z.enum(THERMAL_WIDTHS, { message: '热敏纸宽度必须是 80mm 或 58mm' }),
    connection: z.discriminatedUnion(
      'type',
      [
        z
          .object({
            type: z.literal('serial'),
            path: z.string().trim().min(1, '请填写串口（如 COM3 或 /dev/ttyUSB0）').max(200),
            baudRate: readerSettingsSchema.shape.baudRate.default(9600),
          })
          .strict(),
        z.object({ type: z.literal('device'), path: z.string().trim().min(1, '请填写打印机设备文件（如 /dev/usb/lp0）').max(200) }).strict(),
      ],
      { message: '打印机连接方式必须是 serial（串口）或 device（设备文件）' },
    ),
    /** Cut the paper after the receipt (printers without a cutter ignore the command). */
    cut: z.boolean().default(true),
  })
  .strict();

/**
 * A bureau address of the site file (bureau.url, oauth2.tokenUrl): http(s) only, no spaces or
 * control characters (CR/LF would split the request line), a host, no credentials in it.
 */
export const bureauUrlSchema = z
  .string()
  .max(500, '医保中心地址过长')
  .superRefine((url, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(url)) return problem('医保中心地址不能包含空格、回车、换行或其他控制字符');
    if (!/^https?:\/\//i.test(url)) return problem('医保中心地址须以 http:// 或 https:// 开头');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return problem('医保中心地址格式错误');
    }
    if (!parsed.hostname) return problem('医保中心地址缺少主机名');
    if (parsed.username || parsed.password) return problem('医保中心地址不能包含用户名或密码');
  });

/**
 * The bureau section in force, as the settings screen may show it: from the site file (absent =
 * demo, the built-in simulator). Never a secret: only which access shape is configured.
 */
export const bureauViewSchema = z.object({
  mode: z.enum(['demo', 'live']),
  /** The dispatcher or per-service base; '' in demo mode. */
  url: z.string(),
  paths: z.enum(['dispatcher', 'per-service']),
  access: z.enum(['open', 'gateway', 'oauth2', 'oauth2-sm4']),
  /** 就医地医保区划 sent in every envelope. */
  mdtrtareaAdmvs: z.string(),
  nightlyOperator: z.object({ code: z.string(), name: z.string() }),
  /** The site file it came from; null = no site file (demo). */
  source: z.string().nullable(),
});
export type BureauView = z.output<typeof bureauViewSchema>;

export const identityDictionaryViewSchema = z.object({
  region: z.string(),
  /** Ours: 1 for the first refresh; null = never refreshed (the policy table alone). */
  version: z.number().int().nullable(),
  fetchedAt: z.string().nullable(),
  count: z.number().int(),
});
export const identityDictionaryRefreshSchema = identityDictionaryViewSchema.extend({
  /** Codes this version has that the previous did not. */
  added: z.number().int(),
  /** Codes the policy file does not list (mapped by label, or shown unmapped). */
  notInPolicy: z.number().int(),
});

export const hospitalSettingsSchema = z.object({
  /** 定点医药机构编号, e.g. H52010200001. */
  code: z.string().trim().min(1, '缺少医院编码').max(30),
  name: z.string().trim().min(1, '缺少医院名称').max(100),
  level: hospitalLevelSchema,
});

export const terminalSettingsSchema = z.object({
  reader: readerSettingsSchema,
  printer: printerSettingsSchema,
  /** The counter's ESC/POS thermal printer; absent = receipts on the system printer (printer). */
  thermalPrinter: thermalPrinterSchema.optional(),
  region: regionSchema,
  hospital: hospitalSettingsSchema,
  terminalId: z.string().trim().min(1, '缺少终端编号').max(30),
  /** Folder of site policy overrides (YAML); empty = none. */
  policyOverridesDir: z.string().max(500),
  /** Daily time of the nightly upload to the bureau; absent = 23:30. */
  uploadAt: timeOfDay.optional(),
  /** Wrong passwords in a row that lock an account (login and supervisor approvals); absent = 5. */
  lockoutAttempts: z.number().int().min(3, '锁定次数至少 3').max(20, '锁定次数最多 20').optional(),
  /** How long such a lock lasts, minutes; absent = 15. */
  lockoutMinutes: z.number().int().min(1, '锁定时长至少 1 分钟').max(1440, '锁定时长最多 1440 分钟').optional(),
  /** Idle lock after this many minutes without activity; absent = 10. */
  idleLockMinutes: z.number().int().min(1, '锁屏时间至少 1 分钟').max(240, '锁屏时间最多 240 分钟').optional(),
  /**
   * Chinese font file (.ttf/.otf) for the receipt PDF, e.g. C:\Windows\Fonts\simhei.ttf on Windows;
   * absent or empty = ONEBILL_RECEIPT_FONT, else Noto Sans CJK SC.
   */
  receiptFont: z.string().max(500).optional(),
});

export const settingsPatchSchema = z
  .object({
    reader: readerSettingsSchema.partial(),
    printer: printerSettingsSchema.partial(),
    /** The whole thermal printer section; null = none (back to the system printer). */
    thermalPrinter: thermalPrinterSchema.nullable(),
    region: regionSchema,
    hospital: hospitalSettingsSchema.partial(),
    terminalId: terminalSettingsSchema.shape.terminalId,
    policyOverridesDir: terminalSettingsSchema.shape.policyOverridesDir,
    uploadAt: timeOfDay,
    /** '' clears it (back to ONEBILL_RECEIPT_FONT / Noto). */
    receiptFont: z.string().trim().max(500),
    lockoutAttempts: terminalSettingsSchema.shape.lockoutAttempts.unwrap(),
    lockoutMinutes: terminalSettingsSchema.shape.lockoutMinutes.unwrap(),
    idleLockMinutes: terminalSettingsSchema.shape.idleLockMinutes.unwrap(),
  })
  .partial()
  .strict();

export const regionOptionSchema = z.object({ code: z.string(), name: z.string() });

export const settingsViewSchema = z.object({
  settings: terminalSettingsSchema,
  /** Regions with a policy file, for the region picker. */
  regions: z.array(regionOptionSchema),
  /** Top-level settings keys the site configuration file fixes: shown locked, never changed here. */
  locked: z.array(z.string()).default([]),
  /** Where the ledger lives (never a password), and the site file in force, if any. */
  ledger: z.string().default(''),
  siteConfig: z.string().nullable().default(null),
  bureau: bureauViewSchema,
});

export const checkResultSchema = z.object({
  ok: z.boolean(),
  /** Chinese, for the settings screen. */
  detail: z.string(),
});

export const simulatorViewSchema = z.object({
  /** False when the terminal uses a real reader. */
  active: z.boolean(),
  /** Key of the card in the simulated reader; null = empty. */
  inserted: z.string().nullable(),
  cards: z.array(z.object({ key: z.string(), name: z.string(), certno: z.string() })),
});

// ---------------------------------------------------------------- eligibility

export const provenanceSourceSchema = z.enum(['bureau', 'roster', 'ledger', 'card', 'policy', 'default']);

export const ytdViewSchema = z.object({
  basicPaid: money,
  catastrophicBase: money,
  catastrophicPaid: money,
  assistancePaid: money,
  chainDeductiblePaid: money,
  personalPaid: money,
  monthSelfPaid: money,
});

export const personContextSchema = z.object({
  certno: z.string(),
  name: z.string(),
  /** Bureau person number (psn_no); null offline. */
  psnNo: z.string().nullable(),
  /** The bureau's 参保地医保区划 (1101 insuinfo.insuplc_admdvs); null offline, where the policy region's code stands in. */
  insuplcAdmdvs: z.string().nullable().optional(),
  /** Policy region of the person's insurance (a policy file's `region`). */
  region: z.string(),
  /** `resident` (insutype 390) or `employee` (310). */
  insurance: z.string(),
  insutype: z.string(),
  identities: z.array(z.enum(IDENTITIES)),
  conditions: z.array(z.enum(CONDITIONS)),
  /** 就医证 / certificate number where the region uses one (Jiangmen). */
  certificate: z.string().nullable(),
  /**
   * The region's 就医证 rule (its policy file's `certificate`) names this identity of the person: the
   * window asks the cashier to check the certificate before `treatment` applies. Null: no check.
   */
  certificateCheck: z.object({ identity: z.enum(IDENTITIES), treatment: z.string() }).nullable(),
  ytd: ytdViewSchema,
  /** Where each field came from, for the "why" panel. */
  provenance: z.array(
    z.object({
      field: z.string(),
      source: provenanceSourceSchema,
      /** Date of the roster version / bureau answer / ledger sum. */
      asOf: z.string().nullable(),
      detail: z.string(),
    }),
  ),
  /** Sources that disagree; the cashier sees them before settling. */
  conflicts: z.array(
    z.object({
      field: z.string(),
      values: z.array(z.object({ source: provenanceSourceSchema, value: z.string() })),
      message: z.string(),
    }),
  ),
  warnings: z.array(z.string()),
  /** False when the bureau was unreachable and the roster answered. */
  online: z.boolean(),
  /**
   * The backend keeps this resolved context for the visit; send it back as `eligibilityId` with
   * settlement.preview / settlement.commit so the settlement uses what was verified, not what the window holds.
   */
  eligibilityId: z.string().optional(),
});

// ---------------------------------------------------------------- bill

export const billLineViewSchema = z.object({
  code: z.string(),
  name: z.string().optional(),
  class: z.enum(LINE_CLASSES),
  price: decimalText,
  qty: decimalText,
  selfPayRatio: decimalText.optional(),
  priceCap: decimalText.optional(),
  kind: z.enum(LINE_KINDS).optional(),
  excessive: z.enum(['personal', 'hospital']).optional(),
  specificDrug: z.boolean().optional(),
  prescribedAtLevel: hospitalLevelSchema.optional(),
  /** Pharmacy counter: the cashier confirmed selling a drug the catalogue does not list, as 丙类 at this price. */
  uncatalogued: z.boolean().optional(),
  /** Pharmacy counter, a specific drug (特殊药品): the prescribing hospital, its level and the prescription number. */
  prescription: z
    .object({
      hospital: z.string().trim().min(1, '请填写处方医院').max(100),
      level: hospitalLevelSchema,
      number: z.string().trim().max(50).optional(),
    })
    .strict()
    .optional(),
  /** 药品进价 (Jiangmen: a qualifying person's drugs settle at it). */
  purchasePrice: decimalText.optional(),
});

export const billSchema = z.object({
  /** The backend keeps every imported bill; send this back with settlement.preview / commit. */
  billId: z.string().optional(),
  /** "demo:<name>" or the imported file name. */
  source: z.string(),
  title: z.string(),
  lines: z.array(billLineViewSchema).min(1),
  /** Sum of price × qty, rounded to fen. */
  total: money,
  /** What a demo bill or HIS file says; the UI may still change them. */
  visit: visitSchema.optional(),
  date: isoDate.optional(),
  patient: z.object({ certno: z.string(), name: z.string() }).optional(),
  /** The HIS file's admission context for the settlement list (validated by electron/bureau/admission.ts). */
  admission: z.record(z.string(), z.unknown()).optional(),
  /** The HIS bill number (住院号/单据号) the file carries: the duplicate-bill check goes by it. */
  hisBillNo: z.string().trim().min(1).max(64).optional(),
});

export const billImportInputSchema = z.union([
  z
    .object({
      format: z.enum(['json', 'csv'], { message: '文件格式必须是 json 或 csv' }),
      /** File text: JSON (array of lines, or { lines: [...] }) or CSV with the header documented in README. */
      content: z.string().min(1, '文件内容为空').max(20_000_000, '文件过大'),
      fileName: z.string().max(260).optional(),
    })
    .strict(),
  z.object({ demo: z.string().min(1).max(100) }).strict(),
]);

export const demoBillInfoSchema = z.object({
  name: z.string(),
  title: z.string(),
  visit: visitSchema,
  region: z.string(),
  patient: z.object({ certno: z.string(), name: z.string() }),
  date: isoDate,
  total: money,
});

// ---------------------------------------------------------------- settlement

/** A settlement attempt's key: a UUID the window creates when the bill is loaded (exactly-once commits). */
export const attemptIdSchema = z.uuid({ message: '结算尝试编号（attemptId）应为 UUID' });

export const settleRequestSchema = z
  .object({
    /**
     * Required: the key of this settlement attempt. A commit whose attemptId is already stored answers
     * the stored settlement (and its receipt) instead of settling again, also after a restart.
     */
    attemptId: attemptIdSchema,
    /** Ignored except `certificate` (older windows send the whole context; identity comes from eligibilityId). */
    person: personContextSchema.partial().optional(),
    /** The 就医证 number the cashier checked; it counts only when equal to the resolved one. */
    certificate: z.string().trim().max(50).nullable().optional(),
    visit: visitSchema,
    /** Settlement date (discharge / sale date). */
    date: isoDate,
    referral: referralSchema.default('local'),
    lines: z.array(billLineViewSchema).min(1, '费用明细为空'),
    billSource: z.string().max(300).optional(),
    /**
     * Ignored (older windows send it): the HIS bill number is the one the imported bill file carries
     * (bill.import, kept with billId), so a window cannot dodge the duplicate-bill check with a fresh number.
     */
    hisBillNo: z.string().trim().min(1).max(64).optional(),
    /**
     * Settling a bill that looks already settled (same HIS number, or same person, visit, date and
     * total, not reversed): a supervisor's own credentials and the reason (audited).
     */
    duplicateOverride: z
      .object({
        supervisor: z.object({ username: z.string().min(1).max(32), password: z.string().min(1).max(128) }),
        reason: z.string().trim().min(1, '请填写再次结算的原因').max(200),
      })
      .optional(),
    /**
     * From bill.import. When present the backend settles the lines it imported (not the window's),
     * and refuses a bill whose patient or visit type differs from this settlement's.
     */
    billId: z.string().max(100).optional(),
    /**
     * Required, from eligibility.resolve in this session: the person context (identities, conditions,
     * insurance, region, ytd, certno/name) is the one the backend resolved and kept; nothing the window
     * sends about the person changes an amount.
     */
    eligibilityId: z.string().min(1, '请先读卡核验参保资格').max(100),
  })
  .strict();

/** Where the person context of a preview / commit came from, and what the backend noticed about it. */
const contextCheck = {
  /** Always `eligibility`: the backend's resolved context (eligibilityId). */
  personSource: z.enum(['eligibility']).optional(),
  /** Chinese, for the cashier (e.g. the window's context differed and was ignored). */
  warnings: z.array(z.string()).optional(),
};

const amountsSchema = z.object(Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, money])) as Record<AmountField, typeof money>);
const flagsSchema = z.object(Object.fromEntries(FLAG_FIELDS.map((f) => [f, z.boolean()])) as Record<FlagField, z.ZodBoolean>);

export { settlementResultSchema, storedTraceStepSchema, traceStepSchema };

/**
 * Real-time settlement (bureau.settlement: realtime): the centre's answer beside OneBill's own
 * national settlement of the same bill, the cross-check, and each line as the centre classed it.
 * `result` is then the centre's three amounts with the fourth layer on top.
 */
const nationalColumn = z.object({
  total: money,
  ownpay: money,
  overlimit: money,
  preselfpay: money,
  inscope: money,
  basic: money,
  catastrophic: money,
  assistance: money,
});
export const realtimeViewSchema = z.object({
  mdtrtId: z.string(),
  /** The centre's settlement id once settled (F9); null for a quotation (F4). */
  setlId: z.string().nullable(),
  centre: nationalColumn.extend({ fundTotal: money, patientPart: money }),
  local: nationalColumn,
  rows: z.array(z.object({ field: z.string(), label: z.string(), centre: money, local: money, difference: money })),
  differences: z.array(z.object({ field: z.string(), label: z.string(), difference: money })),
  largest: money,
  likely: z.string().nullable(),
  summary: z.string(),
  lines: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      billClass: z.string(),
      centreClass: z.string(),
      /** The centre's self-pay ratio. */
      selfPayRatio: z.string(),
      /** The bill's own B ratio; null when the bill gave none. */
      billSelfPayRatio: z.string().nullable().optional(),
      differs: z.boolean(),
      memo: z.string().nullable(),
    }),
  ),
  /** What exactly-once recovery did before this settlement (5203 / 2601), Chinese. */
  recovered: z.array(z.string()).default([]),
});

export const previewSchema = z.object({
  /** The engine input in the case-file format (settlement.md §6), for the trace view and support. */
  input: z.unknown(),
  result: settlementResultSchema,
  realtime: realtimeViewSchema.optional(),
  ...contextCheck,
});

export const settlementStatusSchema = z.enum(['settled', 'pending-review', 'reviewed-approved', 'reviewed-rejected']);
export const outboxStateSchema = z.object({
  status: z.enum(['pending', 'sent', 'acked', 'rejected']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  bureauSetlId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const settlementSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['settlement', 'reversal']),
  reversesId: z.string().nullable(),
  reversedBy: z.string().nullable(),
  terminalId: z.string(),
  committedAt: z.string(),
  operatorId: z.string(),
  patient: z.object({ certno: z.string(), name: z.string(), psnNo: z.string().nullable() }),
  policy: z.object({ region: z.string(), version: z.string() }),
  date: z.string(),
  visit: z.string(),
  insurance: z.string(),
  amounts: amountsSchema,
  selfPaid: money,
  assistanceAdvanced: money,
  copay1: money,
  /** What the settlement adds to the person's 大病 year-to-date. */
  catastrophicBase: money,
  flags: flagsSchema,
  status: settlementStatusSchema,
});

export const settlementRecordSchema = settlementSummarySchema.extend({
  input: z.unknown(),
  /** As stored: structured since the trace carries data, free Chinese text for older settlements (shown as stored). */
  trace: z.array(storedTraceStepSchema),
  events: z.array(z.object({ status: settlementStatusSchema, operatorId: z.string(), at: z.string(), note: z.string().nullable() })),
  reversal: z.object({ supervisorId: z.string(), reason: z.string(), at: z.string() }).nullable(),
  billSource: z.string().nullable(),
  outbox: outboxStateSchema.nullable(),
  printCount: z.number().int(),
  /** The expert review outcome this settlement is part of (reviewed original, its reversal or the re-made one). */
  reviewOutcome: z
    .lazy(() => reviewOutcomeSchema)
    .nullable()
    .optional(),
  /** A real-time settlement or its reversal: the centre's setl_id, and its cancellation's once cancelled there (2305 / 2208). */
  centre: z.object({ setlId: z.string(), mdtrtId: z.string(), cancelSetlId: z.string().nullable() }).optional(),
});

/** settlement.reverse of a real-time settlement: the centre's cancellation (its own setl_id, the negated totals). */
export const centreCancelSchema = z.object({
  setlId: z.string(),
  cancelSetlId: z.string(),
  mdtrtId: z.string(),
  infno: z.string(),
  medfeeSumamt: money,
  fundPaySumamt: money,
  notes: z.array(z.string()),
});

export const receiptOutcomeSchema = z.object({
  /** Archived PDF of the receipt; null when the receipt module is not available. */
  pdfPath: z.string().nullable(),
  /** True when the receipt went to the printer (Electron silent print); false in browser mode. */
  printed: z.boolean(),
  /** Non-fatal problem with the receipt (the settlement itself is stored). */
  warning: z.string().nullable(),
  /** True while the receipt is still being rendered (a commit answers first); `settlement.receipt` waits for it. */
  pending: z.boolean().optional(),
});

export const committedSchema = z.object({
  id: z.string(),
  /** A replayed commit answers the stored result (an older settlement's trace in its free-text form). */
  result: storedSettlementResultSchema,
  summary: settlementSummarySchema,
  receipt: receiptOutcomeSchema,
  /** True when the attemptId was already stored: this is the earlier settlement, nothing new was settled. */
  replayed: z.boolean().optional(),
  realtime: realtimeViewSchema.optional(),
  ...contextCheck,
});

export const attemptLookupSchema = z.object({
  /** The settlement stored for the attempt, or null when that attempt never reached the ledger. */
  settlement: settlementSummarySchema.nullable(),
});

export const receiptPreviewInputSchema = z
  .object({
    settlementId: id,
    /** Page size of the preview; absent = the terminal's printer paper. */
    paper: z.enum(PAPER_SIZES, { message: '纸张必须是 A5、A4 或 241mm' }).optional(),
  })
  .strict();

export const receiptPreviewSchema = z.object({
  /**
   * A complete HTML document: no scripts, no external resources, a Content-Security-Policy meta of
   * `default-src 'none'; style-src 'unsafe-inline'; img-src data:`. Show it in `<iframe sandbox srcdoc>`.
   */
  html: z.string(),
});

export const reverseInputSchema = z
  .object({
    id,
    supervisor: credentialsSchema,
    reason: z.string().trim().min(2, '请填写冲销原因').max(500),
  })
  .strict();

export const listInputSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Name or ID number, partial match. */
    patient: z.string().trim().max(50).optional(),
    /** Bounds on the bill total, inclusive. */
    minAmount: decimalText.optional(),
    maxAmount: decimalText.optional(),
    status: settlementStatusSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

/**
 * A Jiangmen expert review outcome (专家审核结论): reviewer, opinion and the part of 个人自费 found not
 * reasonable are required. Nothing disallowed = approved as settled; otherwise the pending settlement
 * is reversed and re-made with `review.disallowed`. A supervisor authorises it (it may reverse).
 */
export const reviewInputSchema = z
  .object({
    id,
    reviewer: z.string().trim().min(1, '请填写审核专家姓名').max(100),
    opinion: z.string().trim().min(2, '请填写专家审核意见').max(500),
    disallowed: z
      .string()
      .trim()
      .regex(/^\d+(\.\d{1,2})?$/, '不予支付金额应为非负金额（最多两位小数），全部合理填 0'),
    supervisor: credentialsSchema,
  })
  .strict();

// ---------------------------------------------------------------- drug catalogue (pharmacy counter)

export const catalogueDrugSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Pinyin initials of the name (typed at the counter to find it). */
  initials: z.string(),
  specification: z.string().nullable(),
  unit: z.string().nullable(),
  /** Unit price; null when no catalogue version gives one (the drug cannot be sold then). */
  price: decimalText.nullable(),
  class: z.enum(LINE_CLASSES).nullable(),
  selfPayRatio: decimalText.nullable(),
  priceCap: decimalText.nullable(),
  /** 特殊药品 (Liaoning): the cashier records the prescribing hospital and its level. */
  specificDrug: z.boolean(),
  barcode: z.string().nullable(),
  /** The catalogue version the drug's row comes from. */
  versionId: z.string(),
  effectiveFrom: isoDate,
});

export const catalogueLookupInputSchema = z
  .object({
    /** A barcode, a catalogue code, or the start of the name's pinyin initials. */
    query: z.string().trim().min(1, '请扫描或录入药品编码、条码或拼音首字母').max(60),
    /** The sale date: the catalogue in effect then answers. */
    date: isoDate,
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict();

export const catalogueVersionSchema = z.object({
  id: z.string(),
  effectiveFrom: isoDate,
  importedAt: z.string(),
  source: z.string(),
  /** csv, xlsx, or nhsa-1301 (the national platform's 西药中成药 file). */
  format: z.string(),
  rows: z.number().int(),
  rejected: z.number().int(),
});

const catalogueImportOptions = {
  /** The day this catalogue applies from; absent = the import day. */
  effectiveDate: isoDate.optional(),
  /** 1301 files carry no self-pay ratio: the one their 乙类 drugs take (e.g. "0.05"). */
  bRatio: z
    .string()
    .trim()
    .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, '乙类先行自付比例应为 0～1 的小数')
    .optional(),
};

export const catalogueImportInputSchema = z.union([
  z.object({ path: z.string().min(1).max(1000), ...catalogueImportOptions }).strict(),
  z
    .object({
      fileName: z.string().min(1).max(260),
      /** base64 of the file (CSV, XLSX, or the 1301 ZIP / text). */
      contentBase64: z.string().min(1).max(200_000_000),
      ...catalogueImportOptions,
    })
    .strict(),
]);

export const catalogueImportResultSchema = z.object({
  version: catalogueVersionSchema,
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Rows the file itself marks invalid (1301 有效标志 0). */
  skipped: z.number().int(),
  /** First few rejected rows, e.g. "第 12 行：单价格式错误". */
  errors: z.array(z.string()),
});

export const reviewOutcomeSchema = z.object({
  originalId: z.string(),
  reviewer: z.string(),
  opinion: z.string(),
  disallowed: money,
  /** The reversal of the pending settlement and the settlement re-made after the review (partial / negative outcome). */
  reversalId: z.string().nullable(),
  remadeId: z.string().nullable(),
  operatorId: z.string(),
  supervisorId: z.string(),
  at: z.string(),
});

export const reviewRecordedSchema = z.object({
  outcome: reviewOutcomeSchema,
  original: settlementSummarySchema,
  remade: settlementSummarySchema.nullable(),
  /** The refund voucher of the reversal, then the re-made settlement's receipt. */
  receipts: z.array(receiptOutcomeSchema),
});

// ---------------------------------------------------------------- outbox, roster, status

export const outboxStatusSchema = z.object({
  pending: z.number().int(),
  sent: z.number().int(),
  acked: z.number().int(),
  rejected: z.number().int(),
});

/**
 * The month ("2026-12") or day a roster is for: it answers for settlement dates from then on (a month
 * from its first day). Lists reach hospitals by the 20th for the next month (bureau.md §4).
 */
export const rosterDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, '名单日期格式应为 YYYY-MM（名单所属月份）或 YYYY-MM-DD')
  .refine(isRealDay, { message: '日期不存在（如 2 月没有 30 日）' });

export const rosterImportInputSchema = z.union([
  z.object({ path: z.string().min(1).max(1000), region: regionSchema.optional(), rosterDate: rosterDateSchema.optional() }).strict(),
  z
    .object({
      fileName: z.string().min(1).max(260),
      /** base64 of the file (CSV or XLSX). */
      contentBase64: z.string().min(1).max(200_000_000),
      region: regionSchema.optional(),
      /** Absent = in effect from the import day. */
      rosterDate: rosterDateSchema.optional(),
    })
    .strict(),
]);

export const rosterVersionSchema = z.object({
  id: z.string(),
  region: z.string(),
  /** The roster's own date (month it describes). */
  asOf: z.string(),
  /** The first settlement date this version answers for (asOf; a month → its first day). */
  effectiveFrom: z.string().optional(),
  importedAt: z.string(),
  rows: z.number().int(),
  source: z.string(),
});

export const rosterImportResultSchema = z.object({
  version: rosterVersionSchema,
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** First few rejected rows, e.g. "第 12 行：身份证号校验位错误". */
  errors: z.array(z.string()),
});

/** Poll while roster.import runs (it answers only at the end). */
export const rosterImportProgressSchema = z.object({
  /** idle: no import since the backend started; running; done; failed (nothing was kept, see `error`). */
  state: z.enum(['idle', 'running', 'done', 'failed']),
  /** reading: opening the file and finding the header; importing: rows going in; idle answers 'done'. */
  phase: z.enum(['reading', 'importing', 'done', 'failed']),
  /** Data rows read so far (blank lines not counted). */
  rowsRead: z.number().int(),
  /** Rows accepted so far (kept only if the import ends 'done'). */
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  /** File size and how far the reader is, once reading has started: a progress bar is bytesRead / totalBytes. */
  totalBytes: z.number().int().optional(),
  bytesRead: z.number().int().optional(),
  /** The file's name. */
  source: z.string().nullable().optional(),
  /** Chinese: why it failed; null otherwise. */
  error: z.string().nullable().optional(),
});

/** The backend's start-up: what the window shows instead of a blank screen until the ledger is checked. */
export const startupStatusSchema = z.object({
  /**
   * opening: the ledger is being opened; upgrading: this build's schema migrations on an existing
   * ledger; verifying: 核验台账 (the audit chain and every covered row), ledger writes refused
   * (`ledger-verifying`) until it ends; ready; failed (the terminal cannot start, see `error`).
   */
  phase: z.enum(['opening', 'upgrading', 'verifying', 'ready', 'failed']),
  /** 0–100 while upgrading or verifying; null otherwise. */
  percent: z.number().int().min(0).max(100).nullable(),
  /** Chinese, for the start-up screen, e.g. "正在核验台账 … 35%". */
  detail: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** Poll while a long report is built (its op answers only at the end). */
export const reportProgressSchema = z.object({
  /** idle: no report since the backend started; running; done; failed (the report's op answers why). */
  state: z.enum(['idle', 'running', 'done', 'failed']),
  /** The report being (or last) built: the op's report name (monthlyDispatch, monitoringList…); null when idle. */
  report: z.string().nullable(),
  /** reading: the ledger's settlements are being read; building: the document is being put together; null when not running. */
  stage: z.enum(['reading', 'building']).nullable(),
  /** Reports running now (two screens may ask at once); `report`/`stage` are the latest one's. */
  running: z.number().int(),
});

/** 核验台账: the audit chain and every settlement, reversal and status row checked against it. */
export const ledgerVerdictSchema = z.object({
  ok: z.boolean(),
  auditRows: z.number().int(),
  coveredRows: z.number().int(),
  head: z.object({ id: z.number().int(), hash: z.string() }).nullable(),
  keyed: z.boolean(),
  /** Chinese, one line per problem. */
  problems: z.array(z.string()),
  checkedAt: z.string(),
});

export const statusSchema = z.object({
  session: sessionSchema.nullable(),
  terminalId: z.string(),
  region: z.string(),
  hospital: hospitalSettingsSchema,
  reader: z.object({
    driver: z.enum(READER_DRIVERS),
    state: z.enum(['ready', 'no-card', 'disconnected', 'error']),
    detail: z.string(),
  }),
  bureau: z.object({
    /** demo: the built-in simulator (演示); live: the site's bureau. */
    mode: z.enum(['demo', 'live']),
    /** Follows every bureau call (and settings.testBureau): an answer → true; a network-level failure → false. */
    online: z.boolean(),
    url: z.string(),
    /** When the state above was last learnt (ISO); null before the first call. */
    checkedAt: z.string().nullable(),
    /** Offline: why, in Chinese (e.g. "交易1101：无法连接医保中心（ECONNREFUSED），请检查网络"); null online. */
    reason: z.string().nullable().optional(),
    /** Offline (or not yet known): the roster date eligibility answers from (as roster.asOf); null online. */
    rosterDate: z.string().nullable().optional(),
  }),
  roster: z.object({ region: z.string(), asOf: z.string().nullable() }),
  /** The ledger: the embedded file, or the hospital's server (away = settling refused until it returns). */
  ledger: z.object({ shared: z.boolean(), online: z.boolean(), detail: z.string() }).optional(),
  outbox: outboxStatusSchema,
  /** "electron" or "browser". */
  shell: z.enum(['electron', 'browser', 'test']),
  /** The ledger verification made at start (or by the last 核验台账). */
  ledgerCheck: z.object({ ok: z.boolean(), checkedAt: z.string(), problems: z.array(z.string()) }).optional(),
});

// ---------------------------------------------------------------- upload, reconciliation (issue 7)

export const uploadProgressSchema = z.object({
  /** idle: no run since the backend started; done: the last run went through; failed: it stopped early (see lastError). */
  state: z.enum(['idle', 'running', 'done', 'failed']),
  /** Records answered so far in the current / last run, out of `total`. */
  sent: z.number().int(),
  total: z.number().int(),
  acked: z.number().int(),
  rejected: z.number().int(),
  /** Left in the queue for the next run (bureau unreachable, or no answer for the record). */
  pending: z.number().int(),
  batch: z.number().int(),
  batches: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Chinese: why the last run stopped early, or null. */
  lastError: z.string().nullable(),
  /** Daily upload time "HH:MM" and the next scheduled run (ISO). */
  scheduleAt: z.string(),
  nextRunAt: z.string().nullable(),
});

export const rejectedUploadSchema = z.object({
  /** Settlement id. */
  id: z.string(),
  patientName: z.string(),
  total: money,
  /** The bureau's own message. */
  message: z.string(),
  attempts: z.number().int(),
  /** When the bureau refused it. */
  at: z.string(),
});

export const requeueInputSchema = z
  .object({
    ids: z.array(id).min(1, '请选择要重新上传的结算单').max(500),
    /** A supervisor's own credentials approving the requeue at a cashier's till; without them the session must be a supervisor's. */
    supervisor: credentialsSchema.optional(),
  })
  .strict();

const reconcileTotalsSchema = z.object({ count: z.number().int(), medfeeSumamt: money, fundPaySumamt: money, acctPay: money });

export const dayReconciliationSchema = z.object({
  date: isoDate,
  /** Every group balanced. */
  balanced: z.boolean(),
  groups: z.array(
    z.object({
      /** 险种 (390 resident, 310 employee). */
      insutype: z.string(),
      /** 清算类别 (21 inpatient, 11 outpatient, 41 pharmacy...). */
      clrType: z.string(),
      /** This terminal's totals for the day. */
      terminal: reconcileTotalsSchema,
      /** Sums over the records the bureau has acknowledged. */
      acknowledged: reconcileTotalsSchema,
      balanced: z.boolean(),
      /** The bureau's verdict in its words, or why the call failed. */
      bureauMessage: z.string(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
      /** Settlements of the group the bureau has not acknowledged. */
      differing: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['settlement', 'reversal']),
          patientName: z.string(),
          total: money,
          fundPay: money,
          outboxStatus: z.string(),
          lastError: z.string().nullable(),
        }),
      ),
      /** 3202 (对明细账) when 3201 did not balance: the settlements that differ, one by one. */
      detail: z
        .object({
          compared: z.number().int(),
          differences: z.array(
            z.object({
              setlId: z.string(),
              patientName: z.string().nullable(),
              /** 1 中心多, 2 医药机构多, 3 数据不一致. */
              stmtRslt: z.string(),
              ours: z.object({ total: money, fundPay: money }).nullable(),
              centre: z.object({ total: money, fundPay: money }).nullable(),
              what: z.string(),
            }),
          ),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
        })
        .nullable(),
    }),
  ),
});

// ---------------------------------------------------------------- reports

/** A report for the screen: titled tables whose cells are display strings, aligned with `columns`. */
export const reportDocumentSchema = z.object({
  title: z.string(),
  subtitle: z.string(),
  tables: z.array(
    z.object({
      title: z.string(),
      /** `kind` tells how to align: money / int / ratio right-aligned (ratios are shown as "12.34%"). */
      columns: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'int', 'money', 'ratio']) })),
      rows: z.array(z.array(z.string())),
      /** The 合计 row, same order as columns; null when the table has none. */
      total: z.array(z.string()).nullable(),
    }),
  ),
  notes: z.array(z.string()),
});

export const dayCloseParamsSchema = z
  .object({
    /** Business day; closeDay defaults to today. */
    day: isoDate,
    /** One cashier (their id); dayClose without it lists every cashier of the day. */
    operatorId: id.optional(),
  })
  .strict();
export const closeDayInputSchema = dayCloseParamsSchema.partial().strict();

/** The audit chain's latest row (id and keyed hash): printed on every day-close report. */
export const auditHeadSchema = z.object({ id: z.number().int(), hash: z.string() });

export const dayCloseViewSchema = z.object({
  day: isoDate,
  /** The chain head when this report was made. */
  auditHead: auditHeadSchema.nullable().optional(),
  cashiers: z.array(
    z.object({
      operatorId: z.string(),
      operatorName: z.string(),
      /** Null while the day is open for this cashier; `auditHead`: the ledger's audit chain head written with the close. */
      closed: z.object({ closedAt: z.string(), closedBy: z.string(), auditHead: auditHeadSchema.nullable().optional() }).nullable(),
      settlementCount: z.number().int(),
      reversalCount: z.number().int(),
      total: money,
      cashTaken: money,
      cashRefunded: money,
      netCash: money,
    }),
  ),
  document: reportDocumentSchema,
});

export const monthlyDispatchParamsSchema = z.object({ month: isoMonth, region: regionSchema.optional() }).strict();
export const quarterlySurveyParamsSchema = z.object({ quarter: isoQuarter, region: regionSchema.optional() }).strict();
export const povertyFundParamsSchema = z.object({ month: isoMonth, region: regionSchema.optional() }).strict();
export const monitoringListParamsSchema = z.object({ year: z.number().int().min(2000).max(2100), region: regionSchema.optional() }).strict();
export const charityReferralsParamsSchema = z.object({ from: isoDate, to: isoDate, region: regionSchema.optional() }).strict();

export const REPORT_NAMES = ['dayClose', 'monthlyDispatch', 'quarterlySurvey', 'povertyFund', 'monitoringList', 'charityReferrals'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The reports a region's policy file declares (its `reports`), by the op that builds them. */
export const REGIONAL_REPORT_NAMES = ['povertyFund', 'monitoringList', 'charityReferrals'] as const;
export const regionalReportSchema = z.object({
  report: z.enum(REGIONAL_REPORT_NAMES),
  region: z.string(),
  regionName: z.string(),
  title: z.string(),
});

export const exportXlsxInputSchema = z.discriminatedUnion('report', [
  z.object({ report: z.literal('dayClose'), params: dayCloseParamsSchema }).strict(),
  z.object({ report: z.literal('monthlyDispatch'), params: monthlyDispatchParamsSchema }).strict(),
  z.object({ report: z.literal('quarterlySurvey'), params: quarterlySurveyParamsSchema }).strict(),
  z.object({ report: z.literal('povertyFund'), params: povertyFundParamsSchema }).strict(),
  z.object({ report: z.literal('monitoringList'), params: monitoringListParamsSchema }).strict(),
  z.object({ report: z.literal('charityReferrals'), params: charityReferralsParamsSchema }).strict(),
]);

export const exportedFileSchema = z.object({
  /** Absolute path of the written file (under <userDataDir>/reports/). */
  path: z.string(),
  fileName: z.string(),
  /** The file holds full ID numbers (the insurance office's lists): its name starts 含个人信息-, a note says so, the export is audited. */
  personalData: z.boolean().optional(),
});
