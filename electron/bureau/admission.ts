/**
 * The admission context a 医保结算清单 (4101, national-platform.md §15) needs and OneBill does not
 * hold: it comes with the HIS bill file. Every field is optional; what a site's HIS does not send
 * is filled with the placeholder PW uses against centres that refuse empty fields ("无"), or a
 * value OneBill does hold (see settlement-list.ts and the README's bureau section).
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/, '时间格式应为 YYYY-MM-DD HH:mm:ss');

export const diagnosisSchema = z.object({
  code: text(20),
  name: text(100),
  /** diag_type (C 3): 1 西医, 2 中医主病, 3 中医主证 (the HIS's own code is passed through). */
  type: text(3).default('1'),
  main: z.boolean().default(false),
  /** adm_cond_type 入院病情 (1 有, 2 临床未确定, 3 情况不明, 4 无). */
  admissionCondition: text(3).optional(),
});

export const admissionContextSchema = z.object({
  /** The centre's 就诊ID when the HIS registered the admission (2401) itself: real-time settlement uses it instead of its own 2401. */
  mdtrtId: text(30).optional(),
  /** medcasno 病案号 */
  caseNo: text(40).optional(),
  /** adm_caty / dscg_caty 科别 and the department name */
  department: z.object({ code: text(6), name: text(100).optional() }).optional(),
  dischargeDepartment: z.object({ code: text(6), name: text(100).optional() }).optional(),
  diagnoses: z.array(diagnosisSchema).max(50).default([]),
  admittedAt: dateTime.optional(),
  dischargedAt: dateTime.optional(),
  /** adm_way 入院途径 (1 急诊, 2 门诊, 3 其他医疗机构转入, 9 其他) */
  admissionWay: text(3).optional(),
  /** dscg_way 离院方式 (1 医嘱离院, 2 医嘱转院, 3 医嘱转社区, 4 非医嘱离院, 5 死亡, 9 其他) */
  dischargeWay: text(3).optional(),
  attendingDoctor: z.object({ code: text(30), name: text(50) }).optional(),
});
export type AdmissionContext = z.output<typeof admissionContextSchema>;
export type AdmissionContextInput = z.input<typeof admissionContextSchema>;
