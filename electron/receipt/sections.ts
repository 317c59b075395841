import type { ReceiptModel } from './model';

export interface InfoPair {
  label: string;
  value: string;
  /** Takes a whole row of the grid. */
  wide?: boolean;
}

/** The receipt's text, section by section, shared by the PDF and the HTML renderings. */
export interface ReceiptSections {
  info: InfoPair[];
  billHeading: string;
  billHeader: string[];
  billRows: string[][];
  billTotal: string[];
  analysis: InfoPair[];
  payments: InfoPair[];
  notes: string[];
  footer: string;
  signature: string;
}

export function receiptSections(model: ReceiptModel): ReceiptSections {
  const { patient, visit, bill } = model;
  const identities = [...patient.identities, ...patient.conditions].join('、') || '—';
  return {
    info: [
      { label: '结算单号', value: model.settlementId, wide: true },
      { label: '结算时间', value: model.settledAt },
      { label: '结算状态', value: model.status },
      ...(model.mode ? [{ label: '结算方式', value: model.mode }] : []),
      { label: '姓名', value: patient.name },
      { label: '证件号码', value: patient.idMasked },
      { label: '险种', value: patient.insurance, wide: true },
      { label: '人员身份', value: identities, wide: true },
      { label: '就诊类型', value: visit.label },
      { label: '结算日期', value: visit.date },
      ...(visit.hospitalLevel ? [{ label: '医院等级', value: visit.hospitalLevel }] : []),
      ...(visit.referral ? [{ label: '就医方式', value: visit.referral }] : []),
      ...(model.certificate ? [{ label: '就医证号', value: model.certificate }] : []),
      { label: '政策依据', value: visit.policy, wide: true },
    ],
    billHeading: `费用明细（按费用类别汇总，共 ${bill.lineCount} 项）`,
    billHeader: ['费用类别', '项数', '甲类', '乙类', '丙类', '金额'],
    billRows: bill.rows.map((r) => [r.label, String(r.lines), r.byClass.A, r.byClass.B, r.byClass.C, r.amount]),
    billTotal: ['合计', String(bill.lineCount), bill.byClass.A, bill.byClass.B, bill.byClass.C, bill.total],
    analysis: bill.analysis.map((a) => ({ label: a.label, value: a.amount })),
    payments: model.payments.map((p) => ({ label: p.label, value: p.amount })),
    notes: [...(model.flags.length ? [`提示：${model.flags.join('；')}`] : []), ...model.notes],
    footer: `收费员：${model.operator.name}（${model.operator.id}）　终端：${model.terminalId}　打印时间：${model.printedAt}　${model.hospital.code}`,
    signature: '患者（家属）签字：____________________　　　　日期：________年____月____日',
  };
}
