/** 5203 (§13): a stored settlement by setl_id, in the §11.1 fields plus refd_setl_flag and year, with setldetail. */
import { FUND_PAY_TYPES, settlementQueryInputSchema, type ParsedSettlementList } from '../../../electron/bureau';
import { formatMoney, fromFen } from '../../../shared/money';
import { findSettlement } from '../db';
import { rawNumber } from '../raw-number';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function settlementQuery(ctx: TxContext): TxOutcome {
  const input = parseInput(settlementQueryInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const { psn_no, setl_id } = input.value.data;
  const s = findSettlement(ctx.db, ctx.envelope.fixmedins_code, setl_id);
  if (!s || s.psn_no !== psn_no) return txFail(`未查询到结算信息（结算ID ${setl_id}）`);
  const money = (fen: number) => rawNumber(formatMoney(fromFen(fen)));
  const list = JSON.parse(s.record) as ParsedSettlementList;
  const names = new Map(FUND_PAY_TYPES.map((f) => [f.code, f.name]));
  return {
    ok: true,
    output: {
      setlinfo: {
        setl_id: s.setl_id,
        mdtrt_id: list.setlinfo.mdtrt_id,
        psn_no: s.psn_no,
        certno: s.certno,
        insutype: s.insutype,
        med_type: s.med_type,
        clr_type: s.clr_type,
        setl_time: s.setl_time,
        medfee_sumamt: money(s.medfee_sumamt),
        fulamt_ownpay_amt: money(s.fulamt_ownpay_amt),
        overlmt_selfpay: money(s.overlmt_selfpay),
        preselfpay_amt: money(s.preselfpay_amt),
        inscp_scp_amt: money(s.inscp_scp_amt),
        hifp_pay: money(s.hifp_pay),
        hifmi_pay: money(s.hifmi_pay),
        maf_pay: money(s.maf_pay),
        oth_pay: money(s.oth_pay),
        fund_pay_sumamt: money(s.fund_pay_sumamt),
        acct_pay: money(s.acct_pay),
        psn_cash_pay: money(s.psn_cash_pay),
        hosp_part_amt: money(s.hosp_part_amt),
        refd_setl_flag: s.refd_setl_flag,
        year: (s.settle_date ?? s.setl_time).slice(0, 4),
        fixmedins_code: ctx.envelope.fixmedins_code,
      },
      setldetail: list.payinfo.map((p) => ({
        fund_pay_type: p.fund_pay_type,
        fund_payamt: rawNumber(p.fund_payamt),
        fund_pay_type_name: names.get(p.fund_pay_type) ?? null,
      })),
    },
  };
}
