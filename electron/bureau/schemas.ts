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

export const signOutInputSchema = z.object({ signOut: z.object({ opter_no: code, sign_no: code }) });
/** 9002 answers signoutoutb {sign_time} (XC); NT1 models only sign_time: both are accepted. */
export const signOutOutputSchema = z.unknown();

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

export const setldetailSchema = z.object({
  fund_pay_type: code,
  fund_payamt: bureauAmount,
  fund_pay_type_name: text,
});

/**
 * 4101 setlinfo (表154): [field, max length, required]. The centre refuses a list with a required
 * field empty or a field longer than the specification row allows.
 */
export const SETTLEMENT_LIST_FIELDS = [
  ['mdtrt_id', 30, true],
  ['setl_id', 30, true],
  ['fixmedins_name', 200, true],
  ['fixmedins_code', 12, true],
  ['hi_setl_lv', 3, false],
  ['hi_no', 30, false],
  ['medcasno', 40, true],
  ['dcla_time', 19, false],
  ['psn_name', 50, true],
  ['gend', 6, true],
  ['brdy', 10, true],
  ['age', 5, false],
  ['ntly', 6, true],
  ['nwb_age', 3, false],
  ['naty', 3, true],
  ['patn_cert_type', 3, true],
  ['certno', 50, true],
  ['prfs', 6, true],
  ['curr_addr', 200, false],
  ['emp_name', 200, false],
  ['emp_addr', 200, false],
  ['emp_tel', 50, false],
  ['poscode', 6, false],
  ['coner_name', 50, true],
  ['patn_rlts', 6, true],
  ['coner_addr', 200, true],
  ['coner_tel', 50, true],
  ['hi_type', 3, true],
  ['insuplc', 6, true],
  ['sp_psn_type', 6, false],
  ['nwb_adm_type', 3, false],
  ['nwb_bir_wt', 9, false],
  ['nwb_adm_wt', 9, false],
  ['opsp_diag_caty', 50, false],
  ['opsp_mdtrt_date', 10, false],
  ['ipt_med_type', 3, true],
  ['adm_way', 3, false],
  ['trt_type', 3, false],
  ['adm_time', 19, false],
  ['adm_caty', 6, true],
  ['refldept_dept', 6, false],
  ['dscg_time', 19, false],
  ['dscg_caty', 6, true],
  ['act_ipt_days', 3, false],
  ['otp_wm_dise', 200, false],
  ['wm_dise_code', 20, false],
  ['otp_tcm_dise', 200, false],
  ['tcm_dise_code', 20, false],
  ['diag_code_cnt', 3, false],
  ['maindiag_flag', 3, true],
  ['oprn_oprt_code_cnt', 3, false],
  ['vent_used_dura', 10, false],
  ['pwcry_bfadm_coma_dura', 10, false],
  ['pwcry_afadm_coma_dura', 10, false],
  ['bld_cat', 3, false],
  ['bld_amt', 6, false],
  ['bld_unt', 3, false],
  ['spga_nurscare_days', 3, false],
  ['lv1_nurscare_days', 3, false],
  ['scd_nurscare_days', 3, false],
  ['lv3_nurscare_days', 3, false],
  ['dscg_way', 3, false],
  ['acp_medins_name', 100, false],
  ['acp_optins_code', 30, false],
  ['bill_code', 50, true],
  ['bill_no', 30, true],
  ['biz_sn', 50, true],
  ['days_rinp_flag_31', 3, false],
  ['days_rinp_pup_31', 200, false],
  ['chfpdr_name', 50, false],
  ['chfpdr_code', 30, false],
  ['setl_begn_date', 10, true],
  ['setl_end_date', 10, true],
  ['hi_paymtd', 3, true],
  ['hsorg', 100, true],
  ['hsorg_opter', 50, true],
  ['medins_fill_dept', 100, true],
  ['medins_fill_psn', 50, true],
] as const;
export const SETTLEMENT_LIST_AMOUNTS = ['psn_selfpay', 'psn_ownpay', 'acct_pay', 'psn_cashpay'] as const;
export type SettlementListField = (typeof SETTLEMENT_LIST_FIELDS)[number][0] | (typeof SETTLEMENT_LIST_AMOUNTS)[number];

const listText = (max: number, required: boolean) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v) => (v === null || v === undefined ? '' : String(v)))
    .refine((v) => !required || v.trim() !== '', '必填')
    .refine((v) => v.length <= max, `长度超过 ${max}`);

export const settlementListInputSchema = z.object({
  setlinfo: z.object({
    ...Object.fromEntries(SETTLEMENT_LIST_FIELDS.map(([f, max, req]) => [f, listText(max, req)])),
    ...Object.fromEntries(SETTLEMENT_LIST_AMOUNTS.map((f) => [f, bureauAmount])),
  }) as unknown as z.ZodType<Record<SettlementListField, string>>,
  payinfo: z.array(z.object({ fund_pay_type: code, fund_payamt: bureauAmount })),
  opspdiseinfo: list(z.unknown()),
  diseinfo: list(z.object({ diag_type: code, diag_code: z.string().min(1).max(20), diag_name: z.string().min(1).max(100), adm_cond_type: text, maindiag_flag: text })),
  iteminfo: list(
    z.object({ med_chrgitm: code, amt: bureauAmount, claa_sumfee: bureauAmount, clab_amt: bureauAmount, fulamt_ownpay_amt: bureauAmount, oth_amt: bureauAmount }),
  ),
  oprninfo: list(z.unknown()),
  icuinfo: list(z.unknown()),
  /** Ours: the bill the centre settles itself, and a reversal's original. */
  exp_content: z.object({ bill: z.record(z.string(), z.unknown()), init_setl_id: text }),
});
export type ParsedSettlementList = z.output<typeof settlementListInputSchema>;

export const settlementListOutputSchema = z.object({ data: z.object({ setl_list_id: code }) });

// ---------- 5203 settlement query ----------

export const settlementQueryInputSchema = z.object({ data: z.object({ psn_no: code, setl_id: z.string().min(1), mdtrt_id: text }) });
export const settlementQueryOutputSchema = z.object({
  setlinfo: z
    .object({
      setl_id: code,
      mdtrt_id: text,
      psn_no: text,
      setl_time: text,
      medfee_sumamt: bureauAmount,
      fund_pay_sumamt: bureauAmount,
      psn_cash_pay: bureauAmount.optional(),
      refd_setl_flag: text,
      year: text,
    })
    .passthrough(),
  setldetail: list(setldetailSchema),
});

// ---------- 2601 reversal ----------

export const reversalInputSchema = z.object({
  data: z.object({ psn_no: text, omsgid: z.string().min(1), oinfno: code }),
});
/** No source models 2601's output (§13): anything, or nothing, is an answer. */
export const reversalOutputSchema = z.unknown();

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

// ---------- 9101 / 9102 files ----------

/** 9101: the file's bytes as Base64 text in `in` (NT1's carriage; §8.5 lists the others). */
export const fileUploadInputSchema = z.object({
  fsUploadIn: z.object({ in: z.string().min(1, '文件内容不能为空'), filename: z.string().min(1).max(200), fixmedins_code: code }),
});
export const fileInfoSchema = z.object({ file_qury_no: z.string().min(1), filename: code, dld_endtime: text });
export const fileUploadOutputSchema = fileInfoSchema;

export const fileDownloadInputSchema = z.object({
  fsDownloadIn: z.object({ file_qury_no: z.string().min(1), filename: z.string().min(1).max(200), fixmedins_code: code }),
});

// ---------- 3202 detail reconciliation ----------

export const reconcileDetailInputSchema = z.object({
  data: z.object({
    setl_optins: code,
    file_qury_no: z.string().min(1),
    stmt_begndate: z.string(),
    stmt_enddate: z.string(),
    medfee_sumamt: bureauAmount,
    fund_pay_sumamt: bureauAmount,
    cash_payamt: bureauAmount,
    fixmedins_setl_cnt: code,
    refd_setl_flag: text,
    clr_type: code,
    /** Ours (PW also sends extras): the 险种 of the 3201 group that did not balance. */
    insutype: text,
  }),
});
export type ReconcileDetailData = z.input<typeof reconcileDetailInputSchema>['data'];

export const reconcileDetailOutputSchema = z.object({ fileinfo: fileInfoSchema });

// ---------- 1901 dictionary ----------

export const dictionaryInputSchema = z.object({
  data: z.object({
    type: z.string().min(1).max(30),
    parentValue: text,
    admdvs: z.string().regex(/^\d{6}$/, 'admdvs 必须为6位数字'),
    date: z.string().min(10),
    valiFlag: text,
  }),
});
export const dictionaryOutputSchema = z.object({
  list: list(
    z
      .object({ type: code, label: z.string(), value: code, parent_value: text, sort: text, vali_flag: text, create_user: text, create_date: text, version: text })
      .passthrough(),
  ),
});
export type DictionaryRow = z.output<typeof dictionaryOutputSchema>['list'][number];
