import { describe, expect, it } from 'vitest';
import { AMOUNT_FIELDS, FLAG_FIELDS } from '../../shared/engine';
import { AMOUNT_LABELS, BILL_SUM_LABELS, FLAG_LABELS, PAYER_LABELS } from '../../shared/labels';
import { FLAG_LABELS as RECEIPT_FLAG_LABELS, PAYMENT_LABELS } from '../../electron/receipt';
import { ANALYSIS_LABELS } from '../../electron/receipt/labels';

describe('labels defined once (shared/labels)', () => {
  it('names every flag, bill sum and payer exactly', () => {
    expect(FLAG_FIELDS.map((f) => FLAG_LABELS[f])).toEqual(['专家审核', '返贫监测预警', '慈善救助转介', '先诊疗后付费']);
    expect(BILL_SUM_LABELS).toEqual({ total: '费用总额', ownpay: '全自费', overlimit: '超限价自费', preselfpay: '乙类先行自付', inscope: '符合范围' });
    expect(PAYER_LABELS).toEqual({
      basic: '基本医保统筹基金',
      catastrophic: '大病保险',
      assistance: '医疗救助',
      supplementary: '医疗补充保险',
      povertyFund: '精准扶贫资金',
      hospitalShare: '医院承担',
      discount: '药店让利',
      patientCash: '个人现金支付',
    });
    expect(Object.keys(AMOUNT_LABELS)).toEqual([...AMOUNT_FIELDS]);
  });

  it('the receipt prints the shared labels (the pharmacy discount without a fixed rate)', () => {
    expect(RECEIPT_FLAG_LABELS).toBe(FLAG_LABELS);
    expect(PAYMENT_LABELS.map((p) => [p.field, p.label, p.always])).toEqual([
      ['basic', '基本医保统筹基金', true],
      ['catastrophic', '大病保险', true],
      ['assistance', '医疗救助', true],
      ['supplementary', '医疗补充保险', false],
      ['povertyFund', '精准扶贫资金', false],
      ['hospitalShare', '医院承担', true],
      ['discount', '药店让利', false],
    ]);
    expect(ANALYSIS_LABELS.map((a) => a.label)).toEqual(['全自费', '超限价自费', '乙类先行自付', '符合范围']);
  });
});
