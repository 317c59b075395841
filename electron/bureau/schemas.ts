/**
 * zod schemas of the bureau envelope and of every transaction's input and output.
 * The client validates responses with them; the simulator validates requests with them.
 * Values arrive through parseJsonKeepingNumbers, so numbers are strings here; plain numbers are
 * accepted as well. Codes are open strings: an unknown code is kept, never a validation failure.
 */
import { z } from 'zod';
import { dec, formatMoney } from '../../shared/money';

const AMOUNT_TEXT = /^-?\d+(\.\d{1,2})?$/;

/** A bureau amount: number or string with at most 2 decimals, returned as "1234.50". */
export const bureauAmount = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const text = String(raw).trim();
  if (!AMOUNT_TEXT.test(text)) {
    ctx.addIssue({ code: 'custom', message: `金额格式错误：${text}` });
    return z.NEVER;
  }
  return formatMoney(dec(text));
});

/** A code or text that some bureaus send as a number; kept as text. */
export const code = z.union([z.string(), z.number()]).transform(String);
/** Optional text that real bureaus send as null, "" or leave out: all three read as absent. */
const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

// ---------- envelope ----------

export const requestEnvelopeSchema = z.object({
  infno: code,
  msgid: z.string().length(30, 'msgid 必须为30位'),
  mdtrtarea_admvs: code,
  insuplc_admdvs: text,
  recer_sys_code: text,
  dev_no: text,
  dev_safe_info: text,
  cainfo: text,
  signtype: text,
  infver: text,
  opter_type: text,
  opter: code,
  opter_name: z.string(),
  inf_time: z.string(),
  fixmedins_code: z.string().min(1),
  fixmedins_name: z.string(),
  sign_no: text,
  input: z.record(z.string(), z.unknown()),
});
export type RequestEnvelope = z.input<typeof requestEnvelopeSchema>;

export const responseEnvelopeSchema = z.object({
  infcode: code,
  inf_refmsgid: text,
  refmsg_time: text,
  respond_time: text,
  err_msg: text,
  warn_msg: text,
  output: z.unknown().optional(),
});
export type ResponseEnvelope = z.output<typeof responseEnvelopeSchema>;

// ---------- 9001 sign in ----------

export const signInInputSchema = z.object({
  signIn: z.object({ opter_no: code, mac: text, ip: text }),
});
export const signInOutputSchema = z.object({
  signinoutb: z.object({ sign_time: code, sign_no: code }),
});

// ---------- 1101 person information ----------

export const personQueryInputSchema = z.object({
  data: z.object({
    mdtrt_cert_type: code,
    mdtrt_cert_no: code,
    card_sn: text,
    begntime: text,
    psn_cert_type: text,
    certno: text,
    psn_name: text,
  }),
});
export type PersonQueryData = z.input<typeof personQueryInputSchema>['data'];

export const personInfoOutputSchema = z.object({
  baseinfo: z.object({
    psn_no: code,
    psn_cert_type: text,
    certno: code,
    psn_name: z.string(),
    gend: text,
    naty: text,
    brdy: text,
    age: text,
    exp_content: z.unknown().optional(),
  }),
  insuinfo: list(
    z.object({
      insutype: code,
      psn_type: text,
      psn_insu_stas: text,
      insuplc_admdvs: text,
      balc: bureauAmount.nullish(),
      psn_insu_date: text,
      paus_insu_date: text,
    }),
  ),
  idetinfo: list(
    z.object({
      psn_idet_type: code,
      psn_type_lv: text,
      memo: text,
      begntime: text,
      endtime: text,
    }),
  ),
});
export type PersonInfo = z.output<typeof personInfoOutputSchema>;

// ---------- 5206 accumulators ----------

export const cumQueryInputSchema = z.object({
  data: z.object({ psn_no: code, cum_ym: z.string().regex(/^\d{6}$/, 'cum_ym 应为 yyyyMM') }),
});
export const cumOutputSchema = z.object({
  cuminfo: list(z.object({ insutype: text, year: text, cum_ym: text, cum_type_code: code, cum: bureauAmount })),
});

// ---------- 4101 settlement upload ----------

export const SETLINFO_AMOUNT_FIELDS = [
  'medfee_sumamt',
  'fulamt_ownpay_amt',
  'overlmt_selfpay',
  'preselfpay_amt',
  'inscp_scp_amt',
  'hifp_pay',
  'hifmi_pay',
  'maf_pay',
  'oth_pay',
  'fund_pay_sumamt',
  'hosp_part_amt',
  'acct_pay',
  'psn_part_amt',
  'psn_cash_pay',
] as const;
export type SetlinfoAmountField = (typeof SETLINFO_AMOUNT_FIELDS)[number];

/** Fields a sender may leave out (they are 0 or equal to psn_cash_pay by definition). */
const OPTIONAL_AMOUNTS: ReadonlySet<SetlinfoAmountField> = new Set(['acct_pay', 'psn_part_amt']);

export const setldetailSchema = z.object({
  fund_pay_type: code,
  fund_payamt: bureauAmount,
  fund_pay_type_name: text,
});

export const setlinfoRecordSchema = z.object({
  medins_setl_id: z.string().min(1).max(30),
  psn_no: text,
  certno: code,
  psn_name: z.string(),
  insutype: code,
  med_type: code,
  clr_type: code,
  setl_time: z.string(),
  ...(Object.fromEntries(
    SETLINFO_AMOUNT_FIELDS.map((f) => [f, OPTIONAL_AMOUNTS.has(f) ? bureauAmount.optional() : bureauAmount]),
  ) as Record<SetlinfoAmountField, typeof bureauAmount>),
  refd_setl_flag: code,
  init_setl_id: text,
  setldetail: list(setldetailSchema),
  bill: z.record(z.string(), z.unknown()),
});
/** A record as built by the client (amounts as strings "1234.50"). */
export type SetlinfoRecord = z.input<typeof setlinfoRecordSchema> &
  Record<SetlinfoAmountField, string> & { setldetail: Array<z.input<typeof setldetailSchema>> };
export type ParsedSetlinfoRecord = z.output<typeof setlinfoRecordSchema>;

export const uploadInputSchema = z.object({ setlinfo: z.array(z.unknown()) });
export const uploadOutputSchema = z.object({
  result: list(z.object({ medins_setl_id: code, setl_id: text, stas: code, err_msg: text })),
});

// ---------- 2601 reversal ----------

export const reversalInputSchema = z.object({
  data: z.object({ psn_no: text, omsgid: z.string().min(1), oinfno: code }),
});
/** Ours: the platform's 2601 answers with no node; the simulator says what it undid. */
export const reversalOutputSchema = z
  .object({
    data: z.object({ omsgid: code, oinfno: code, rvs_stas: code, rvs_dscr: text }).optional(),
  })
  .nullish();

// ---------- 3201 reconciliation ----------

export const reconcileInputSchema = z.object({
  data: z.object({
    insutype: code,
    clr_type: code,
    setl_optins: code,
    stmt_begndate: z.string(),
    stmt_enddate: z.string(),
    medfee_sumamt: bureauAmount,
    fund_pay_sumamt: bureauAmount,
    acct_pay: bureauAmount,
    fixmedins_setl_cnt: code,
    refd_setl_flag: text,
  }),
});
export type ReconcileData = z.input<typeof reconcileInputSchema>['data'];

export const reconcileOutputSchema = z.object({
  stmtinfo: z.object({ setl_optins: code, stmt_rslt: code, stmt_rslt_dscr: text }),
});
