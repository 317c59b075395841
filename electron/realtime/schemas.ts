/**
 * zod schemas of the real-time settlement transactions (national-platform.md §9–§11, §13): the
 * client validates the centre's answers with them, the simulator (tools/bureau-sim/realtime)
 * validates requests with them. Values arrive through parseJsonKeepingNumbers: numbers are text.
 */
import { z } from 'zod';
import { bureauAmount, code } from '../bureau';

export const RT_INFNO = {
  outpatientRegister: '2201',
  outpatientRegisterCancel: '2202',
  outpatientVisit: '2203',
  outpatientFees: '2204',
  outpatientFeesCancel: '2205',
  outpatientPreSettle: '2206',
  outpatientSettle: '2207',
  outpatientSettleCancel: '2208',
  inpatientFees: '2301',
  inpatientFeesCancel: '2302',
  inpatientPreSettle: '2303',
  inpatientSettle: '2304',
  inpatientSettleCancel: '2305',
  admission: '2401',
  discharge: '2402',
  admissionCancel: '2404',
  dischargeCancel: '2405',
} as const;

const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
const required = (name: string) =>
  z
    .union([z.string(), z.number()], { message: `${name}必填` })
    .transform(String)
    .refine((v) => v.trim() !== '', `${name}必填`);
/** Quantities and prices (N 16,4 / 16,6); refund lines carry a negative cnt (§10.3). */
const quantity = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((v) => /^-?\d+(\.\d{1,6})?$/.test(v), '数值格式错误');

// ---------- visits ----------

/** Ours: what the centre's 定点 registry and 转诊备案 would tell it, carried in exp_content. */
const visitExpContent = z.object({ hosp_lv: text, trt_refl: text }).partial().nullish();

export const registerInputSchema = z.object({
  data: z.object({
    psn_no: required('psn_no'),
    insutype: required('insutype'),
    begntime: required('begntime'),
    mdtrt_cert_type: required('mdtrt_cert_type'),
    mdtrt_cert_no: required('mdtrt_cert_no'),
    ipt_otp_no: required('ipt_otp_no'),
    atddr_no: required('atddr_no'),
    dr_name: required('dr_name'),
    dept_code: required('dept_code'),
    dept_name: required('dept_name'),
    caty: required('caty'),
    exp_content: visitExpContent,
  }),
});
export const registerOutputSchema = z.object({ data: z.object({ mdtrt_id: code, psn_no: code, ipt_otp_no: text }) });

export const outpatientVisitInputSchema = z.object({
  mdtrtinfo: z.object({
    mdtrt_id: required('mdtrt_id'),
    psn_no: required('psn_no'),
    med_type: required('med_type'),
    begntime: required('begntime'),
    dise_codg: text,
    dise_name: text,
  }),
  diseinfo: z.array(z.unknown()).default([]),
});

export const admissionInputSchema = z.object({
  mdtrtinfo: z.object({
    psn_no: required('psn_no'),
    insutype: required('insutype'),
    begntime: required('begntime'),
    mdtrt_cert_type: required('mdtrt_cert_type'),
    mdtrt_cert_no: required('mdtrt_cert_no'),
    med_type: required('med_type'),
    ipt_no: required('ipt_no'),
    atddr_no: required('atddr_no'),
    chfpdr_name: required('chfpdr_name'),
    adm_diag_dscr: required('adm_diag_dscr'),
    adm_dept_codg: required('adm_dept_codg'),
    adm_dept_name: required('adm_dept_name'),
    adm_bed: required('adm_bed'),
    dscg_maindiag_code: required('dscg_maindiag_code'),
    dscg_maindiag_name: required('dscg_maindiag_name'),
    exp_content: visitExpContent,
  }),
  diseinfo: z.array(z.unknown()).default([]),
});
export const admissionOutputSchema = z.object({ result: z.object({ mdtrt_id: code }) });

export const dischargeInputSchema = z.object({
  dscginfo: z.object({
    mdtrt_id: required('mdtrt_id'),
    psn_no: required('psn_no'),
    insutype: required('insutype'),
    endtime: required('endtime'),
    dscg_dept_codg: required('dscg_dept_codg'),
    dscg_dept_name: required('dscg_dept_name'),
    dscg_way: required('dscg_way'),
  }),
  diseinfo: z.array(z.unknown()).default([]),
});

/** 2404 / 2405 (and 2202 with ipt_otp_no). */
export const visitCancelInputSchema = z.object({ data: z.object({ mdtrt_id: required('mdtrt_id'), psn_no: required('psn_no'), ipt_otp_no: text }) });

// ---------- fee details 2204 / 2301 ----------

export const feeDetailSchema = z.object({
  feedetl_sn: required('feedetl_sn'),
  init_feedetl_sn: text,
  mdtrt_id: required('mdtrt_id'),
  psn_no: required('psn_no'),
  chrg_bchno: text,
  med_type: text,
  fee_ocur_time: required('fee_ocur_time'),
  med_list_codg: required('med_list_codg'),
  medins_list_codg: required('medins_list_codg'),
  det_item_fee_sumamt: bureauAmount,
  cnt: quantity,
  pric: quantity,
  bilg_dept_codg: required('bilg_dept_codg'),
  bilg_dept_name: required('bilg_dept_name'),
  bilg_dr_codg: required('bilg_dr_codg'),
  bilg_dr_name: required('bilg_dr_name'),
  hosp_appr_flag: required('hosp_appr_flag'),
  rx_circ_flag: text,
  memo: text,
});
export type FeeDetail = z.input<typeof feeDetailSchema>;
export const feeUploadInputSchema = z.object({ feedetail: z.array(feeDetailSchema).min(1, 'feedetail 不能为空') });

/** §9.4: the centre's split of each line, with its class and self-pay ratio. */
export const feeResultSchema = z.object({
  feedetl_sn: code,
  det_item_fee_sumamt: bureauAmount,
  cnt: code,
  pric: code,
  pric_uplmt_amt: code,
  selfpay_prop: code,
  fulamt_ownpay_amt: bureauAmount,
  overlmt_amt: bureauAmount,
  preselfpay_amt: bureauAmount,
  inscp_scp_amt: bureauAmount,
  chrgitm_lv: code,
  med_chrgitm_type: text,
  memo: text,
});
export type FeeResult = z.output<typeof feeResultSchema>;
export const feeUploadOutputSchema = z.object({ result: z.array(feeResultSchema) });

/** 2302 is an array; 2205 one batch. `feedetl_sn` / `chrg_bchno` "0000": every unsettled line. */
export const inpatientFeesCancelInputSchema = z.object({
  data: z.array(z.object({ feedetl_sn: required('feedetl_sn'), mdtrt_id: required('mdtrt_id'), psn_no: required('psn_no') })).min(1),
});
export const outpatientFeesCancelInputSchema = z.object({
  data: z.object({ mdtrt_id: required('mdtrt_id'), chrg_bchno: required('chrg_bchno'), psn_no: required('psn_no') }),
});

// ---------- settlement 2206/2207, 2303/2304 ----------

export const settleInputSchema = z.object({
  data: z.object({
    psn_no: required('psn_no'),
    mdtrt_cert_type: required('mdtrt_cert_type'),
    mdtrt_cert_no: required('mdtrt_cert_no'),
    med_type: text,
    medfee_sumamt: bureauAmount,
    psn_setlway: required('psn_setlway'),
    mdtrt_id: required('mdtrt_id'),
    chrg_bchno: text,
    insutype: required('insutype'),
    acct_used_flag: required('acct_used_flag'),
    mid_setl_flag: text,
    invono: text,
    dscgTime: text,
  }),
});

/** §11.1, the fields OneBill reads (the rest pass through). */
export const setlinfoSchema = z
  .object({
    mdtrt_id: code,
    setl_id: text,
    psn_no: code,
    medfee_sumamt: bureauAmount,
    fulamt_ownpay_amt: bureauAmount,
    overlmt_selfpay: bureauAmount,
    preselfpay_amt: bureauAmount,
    inscp_scp_amt: bureauAmount,
    act_pay_dedc: bureauAmount.nullish(),
    hifp_pay: bureauAmount,
    pool_prop_selfpay: text,
    cvlserv_pay: bureauAmount.nullish(),
    hifes_pay: bureauAmount.nullish(),
    hifmi_pay: bureauAmount,
    hifob_pay: bureauAmount.nullish(),
    maf_pay: bureauAmount,
    oth_pay: bureauAmount.nullish(),
    fund_pay_sumamt: bureauAmount,
    psn_part_amt: bureauAmount.nullish(),
    acct_pay: bureauAmount,
    psn_cash_pay: bureauAmount,
    hosp_part_amt: bureauAmount.nullish(),
    medins_setl_id: text,
    setl_time: text,
    clr_type: text,
  })
  .passthrough();
export type Setlinfo = z.output<typeof setlinfoSchema>;

export const rtSetldetailSchema = z.object({
  fund_pay_type: code,
  fund_payamt: bureauAmount,
  inscp_scp_amt: bureauAmount.nullish(),
  crt_payb_lmt_amt: bureauAmount.nullish(),
  fund_pay_type_name: text,
  setl_proc_info: text,
});
export const settleOutputSchema = z.object({
  setlinfo: setlinfoSchema,
  setldetail: z
    .array(rtSetldetailSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type SettleAnswer = z.output<typeof settleOutputSchema>;

/** 2208 / 2305. */
export const settleCancelInputSchema = z.object({ data: z.object({ setl_id: required('setl_id'), mdtrt_id: required('mdtrt_id'), psn_no: required('psn_no') }) });
