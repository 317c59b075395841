/**
 * One 医保结算清单 (4101, national-platform.md §15) per settlement: `setlinfo` (表154) with every
 * required field filled, `payinfo` with a §12 fund_pay_type per payer, `diseinfo`, `iteminfo`,
 * and empty `opspdiseinfo`/`oprninfo`/`icuinfo`. OneBill settles locally (the centre's 2207/2304
 * is the real-time issue's), so setl_id is our settlement id, mdtrt_id the visit's (a reversal's is
 * the original's), and — ours — `exp_content.bill` carries the bill so the centre can settle it
 * itself and refuse a list whose amounts differ from its own by a fen. A reversal is the list of
 * the reversing settlement: its own setl_id, every amount negated (as 2208/2305 answer), and
 * `exp_content.init_setl_id` naming the original.
 */
import { citizenIdFacts } from '../../shared/card';
import { lineAmount, type BillLine, type SettlementInputRaw, type Visit } from '../../shared/engine';
import { dec, formatMoney, sum, type Decimal } from '../../shared/money';
import { daysBetween } from '../../shared/time';
import type { AdmissionContext } from './admission';
import { FUND_PAY_TYPES, INSUTYPE, MED_TYPE } from './protocol';
import { setldetailAmounts, type EngineAmounts } from './setlinfo';

/** What OneBill holds of a settlement for its list. */
export interface SettlementForList {
  /** setl_id: our settlement id. */
  id: string;
  /** For a reversal: the setl_id of the settlement it reverses. */
  reverses?: string;
  /** yyyy-MM-dd HH:mm:ss: when it was committed (dcla_time). */
  settledAt: string;
  psnNo?: string;
  certno: string;
  name: string;
  /** insuplc 参保地 (the person's region, 6 digits). */
  insuplcAdmdvs: string;
  /** medins_fill_psn: who settled it. */
  operatorName: string;
  /** The settlement's inputs (policy, date, visit, hospital, person, lines). */
  bill: SettlementInputRaw;
  /** The engine's result amounts (positive, as settled). */
  amounts: EngineAmounts;
  admission?: AdmissionContext | null;
}

/** Placeholder for a required text field the HIS did not send (PW's choice against strict centres). */
export const PLACEHOLDER = '无';

/** §17.11 med_chrgitm of a bill line kind. */
const MED_CHRGITM: Record<string, string> = { registration: '13', diagnosis: '02', drug: '09', item: '05', material: '08' };
const OTHER_CHRGITM = '14';

export type SettlementListInput = ReturnType<typeof buildSettlementList>;

/** The amounts a list states (positive; negated for a reversal by the builder). */
export function listAmounts(a: EngineAmounts): { psn_selfpay: Decimal; psn_ownpay: Decimal; acct_pay: Decimal; psn_cashpay: Decimal } {
  return {
    // 个人自付: 政策范围内个人自付 before the later layers (preselfpay + inscope − basic).
    psn_selfpay: dec(a.preselfpay).plus(a.inscope).minus(a.basic),
    // 个人自费: wholly self-paid and above the price cap.
    psn_ownpay: dec(a.ownpay).plus(a.overlimit),
    acct_pay: dec(0),
    psn_cashpay: dec(a.patientCash),
  };
}

export function buildSettlementList(s: SettlementForList) {
  const sign = s.reverses === undefined ? 1 : -1;
  const money = (d: Decimal) => formatMoney(d.times(sign));
  const visit = s.bill.visit as Visit;
  const insurance = s.bill.person.insurance;
  const ad = s.admission ?? null;
  const facts = safeIdFacts(s.certno);
  const date = String(s.bill.date).slice(0, 10);
  const admitted = ad?.admittedAt ? withSeconds(ad.admittedAt) : `${date} 00:00:00`;
  const discharged = ad?.dischargedAt ? withSeconds(ad.dischargedAt) : `${date} 00:00:00`;
  const department = ad?.department?.code ?? PLACEHOLDER;
  const diagnoses = ad?.diagnoses ?? [];
  const main = diagnoses.find((d) => d.main) ?? diagnoses[0];
  const amounts = listAmounts(s.amounts);
  const level = s.bill.hospital?.level;
  const days = Math.max(1, daysBetween(admitted.slice(0, 10), discharged.slice(0, 10)));

  const setlinfo = {
    mdtrt_id: s.reverses ?? s.id,
    setl_id: s.id,
    fixmedins_name: '',
    fixmedins_code: '',
    hi_setl_lv: level === undefined ? '' : String(level),
    hi_no: s.psnNo ?? '',
    medcasno: ad?.caseNo ?? s.reverses ?? s.id,
    dcla_time: s.settledAt,
    psn_name: s.name,
    gend: facts ? (facts.sex === 'male' ? '1' : '2') : '9',
    brdy: facts?.birthDate ?? '',
    age: facts ? ageOn(facts.birthDate, date) : '',
    ntly: 'CHN',
    nwb_age: '',
    naty: '99',
    patn_cert_type: '01',
    certno: s.certno,
    prfs: '90',
    curr_addr: '',
    emp_name: '',
    emp_addr: '',
    emp_tel: '',
    poscode: '',
    coner_name: PLACEHOLDER,
    patn_rlts: '9',
    coner_addr: PLACEHOLDER,
    coner_tel: PLACEHOLDER,
    hi_type: insurance in INSUTYPE ? INSUTYPE[insurance as keyof typeof INSUTYPE] : insurance,
    insuplc: s.insuplcAdmdvs,
    sp_psn_type: '',
    nwb_adm_type: '',
    nwb_bir_wt: '',
    nwb_adm_wt: '',
    opsp_diag_caty: visit === 'chronic-outpatient' ? department : '',
    opsp_mdtrt_date: visit === 'chronic-outpatient' ? date : '',
    ipt_med_type: MED_TYPE[visit] ?? '',
    adm_way: ad?.admissionWay ?? '9',
    trt_type: '1',
    adm_time: admitted,
    adm_caty: department,
    refldept_dept: '',
    dscg_time: discharged,
    dscg_caty: ad?.dischargeDepartment?.code ?? department,
    act_ipt_days: visit === 'inpatient' ? String(days) : '0',
    otp_wm_dise: main?.name ?? '',
    wm_dise_code: main?.code ?? '',
    otp_tcm_dise: '',
    tcm_dise_code: '',
    diag_code_cnt: String(diagnoses.length),
    maindiag_flag: '1',
    oprn_oprt_code_cnt: '0',
    vent_used_dura: '',
    pwcry_bfadm_coma_dura: '',
    pwcry_afadm_coma_dura: '',
    bld_cat: '',
    bld_amt: '',
    bld_unt: '',
    spga_nurscare_days: '',
    lv1_nurscare_days: '',
    scd_nurscare_days: '',
    lv3_nurscare_days: '',
    dscg_way: ad?.dischargeWay ?? '9',
    acp_medins_name: '',
    acp_optins_code: '',
    bill_code: PLACEHOLDER,
    bill_no: s.id,
    biz_sn: s.id,
    days_rinp_flag_31: '1',
    days_rinp_pup_31: '',
    chfpdr_name: ad?.attendingDoctor?.name ?? PLACEHOLDER,
    chfpdr_code: ad?.attendingDoctor?.code ?? PLACEHOLDER,
    setl_begn_date: admitted.slice(0, 10),
    setl_end_date: date,
    psn_selfpay: money(amounts.psn_selfpay),
    psn_ownpay: money(amounts.psn_ownpay),
    acct_pay: money(amounts.acct_pay),
    psn_cashpay: money(amounts.psn_cashpay),
    hi_paymtd: '1',
    hsorg: PLACEHOLDER,
    hsorg_opter: PLACEHOLDER,
    medins_fill_dept: '住院结算处',
    medins_fill_psn: s.operatorName,
  };

  return {
    setlinfo,
    payinfo: setldetailAmounts(s.amounts).map((row) => ({ fund_pay_type: row.code, fund_payamt: money(row.amount) })),
    opspdiseinfo: [] as unknown[],
    diseinfo: diagnoses.map((d) => ({
      diag_type: d.type,
      diag_code: d.code,
      diag_name: d.name,
      adm_cond_type: d.admissionCondition ?? '',
      maindiag_flag: d === main ? '1' : '0',
    })),
    iteminfo: itemInfo(s.bill.lines as BillLine[]).map((r) => ({
      med_chrgitm: r.code,
      amt: money(r.amt),
      claa_sumfee: money(r.a),
      clab_amt: money(r.b),
      fulamt_ownpay_amt: money(r.c),
      oth_amt: money(dec(0)),
    })),
    oprninfo: [] as unknown[],
    icuinfo: [] as unknown[],
    exp_content: {
      bill: billForCentre(s.bill),
      ...(s.reverses !== undefined ? { init_setl_id: s.reverses } : {}),
    },
  };
}

/** The fund codes a list may carry (the centre knows no others). */
export const LIST_FUND_CODES: ReadonlySet<string> = new Set(FUND_PAY_TYPES.map((f) => f.code));

function itemInfo(lines: BillLine[]): Array<{ code: string; amt: Decimal; a: Decimal; b: Decimal; c: Decimal }> {
  const groups = new Map<string, { code: string; amt: Decimal[]; a: Decimal[]; b: Decimal[]; c: Decimal[] }>();
  for (const line of lines) {
    const code = (line.kind && MED_CHRGITM[line.kind]) || OTHER_CHRGITM;
    const g = groups.get(code) ?? { code, amt: [], a: [], b: [], c: [] };
    const amount = lineAmount(line);
    g.amt.push(amount);
    (line.class === 'A' ? g.a : line.class === 'B' ? g.b : g.c).push(amount);
    groups.set(code, g);
  }
  return [...groups.values()].sort((x, y) => x.code.localeCompare(y.code)).map((g) => ({ code: g.code, amt: sum(g.amt), a: sum(g.a), b: sum(g.b), c: sum(g.c) }));
}

/**
 * What the centre settles with: the bill without the person's identities, conditions and
 * year-to-date (it holds its own); only the cashier's 就医证 check travels.
 */
function billForCentre(bill: SettlementInputRaw) {
  const { ytd: _ytd, person, ...rest } = bill;
  return { ...rest, person: { insurance: person.insurance, ...(person.certificate ? { certificate: person.certificate } : {}) } };
}

function safeIdFacts(certno: string) {
  return /^\d{17}[\dX]$/i.test(certno) ? citizenIdFacts(certno.toUpperCase()) : null;
}

function ageOn(birth: string, date: string): string {
  const years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4)) - (date.slice(5) < birth.slice(5) ? 1 : 0);
  return `${Math.max(0, years)}`;
}

function withSeconds(t: string): string {
  return t.length === 10 ? `${t} 00:00:00` : t.length === 16 ? `${t}:00` : t;
}
