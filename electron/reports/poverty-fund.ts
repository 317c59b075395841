/**
 * A poverty fund's settlement report (the `poverty-fund` kind a policy file declares; seed 004 is
 * the one we ship): the hospital's share of the self-paid costs (the split with the fund, plus the
 * waived fees and the purchase-price difference), per month; the medical-assistance amounts the fund
 * advanced (先由…资金垫付), for offset with civil affairs; and the settlements still waiting for the
 * expert review above the region's review threshold (专家审核).
 */
import { AMOUNT_LABELS } from '../../shared/labels';
import type { Ledger } from '../ledger';
import { money } from './amounts';
import { col, declaredColumns, type ReportDeclaration, type ReportDocument } from './document';
import { monthPeriod, type Period } from './period';
import { loadRows } from './settlement-rows';

export interface PovertyFundReport {
  period: Period;
  hospitalShare: {
    total: string;
    rows: Array<{ id: string; businessDay: string; name: string; certno: string; selfPaid: string; povertyFund: string; hospitalShare: string }>;
  };
  assistanceAdvanced: { total: string; rows: Array<{ id: string; businessDay: string; name: string; certno: string; assistance: string; assistanceAdvanced: string }> };
  pendingReview: Array<{ id: string; committedAt: string; name: string; certno: string; visit: string; selfPaid: string; total: string }>;
  document: ReportDocument;
}

export async function buildPovertyFundReport(query: {
  ledger: Pick<Ledger, 'reportRows' | 'dayCloses' | 'pendingReview' | 'terminalId'>;
  month: string;
  declaration: ReportDeclaration;
}): Promise<PovertyFundReport> {
  const period = monthPeriod(query.month);
  const region = query.declaration.region;
  const rows = await loadRows(query.ledger, { from: period.from, to: period.to, region });
  const shareRows = rows.filter((r) => r.hospitalShare !== 0);
  const advancedRows = rows.filter((r) => r.assistanceAdvanced !== 0);
  const pending = await query.ledger.pendingReview(region);

  const hospitalShare = {
    total: money(shareRows.reduce((s, r) => s + r.hospitalShare, 0)),
    rows: shareRows.map((r) => ({
      id: r.id,
      businessDay: r.businessDay,
      name: r.name,
      certno: r.certno,
      selfPaid: money(r.selfPaid),
      povertyFund: money(r.povertyFund),
      hospitalShare: money(r.hospitalShare),
    })),
  };
  const assistanceAdvanced = {
    total: money(advancedRows.reduce((s, r) => s + r.assistanceAdvanced, 0)),
    rows: advancedRows.map((r) => ({
      id: r.id,
      businessDay: r.businessDay,
      name: r.name,
      certno: r.certno,
      assistance: money(r.assistance),
      assistanceAdvanced: money(r.assistanceAdvanced),
    })),
  };
  const pendingReview = pending.map((p) => ({
    id: p.id as string,
    committedAt: p.committed_at as string,
    name: p.patient_name as string,
    certno: p.patient_certno as string,
    visit: p.visit as string,
    selfPaid: money(p.self_paid_fen as number),
    total: money(p.total_fen as number),
  }));
  const person = [col('id', '结算单号'), col('businessDay', '营业日'), col('name', '姓名'), col('certno', '证件号码')];
  return {
    period,
    hospitalShare,
    assistanceAdvanced,
    pendingReview,
    document: declaredColumns(
      {
        title: query.declaration.title,
        subtitle: `${period.label}　终端 ${query.ledger.terminalId}`,
        tables: [
          {
            title: '医院负担（个人自费分担、减免费用及药品进价差价）',
            columns: [
              ...person,
              col('selfPaid', '个人自费', 'money'),
              col('povertyFund', AMOUNT_LABELS.povertyFund, 'money'),
              col('hospitalShare', AMOUNT_LABELS.hospitalShare, 'money'),
            ],
            rows: hospitalShare.rows,
            total: { id: '合计', hospitalShare: hospitalShare.total },
          },
          {
            title: `${AMOUNT_LABELS.povertyFund}垫付医疗救助（与民政核算冲减）`,
            columns: [...person, col('assistance', AMOUNT_LABELS.assistance, 'money'), col('assistanceAdvanced', '垫付金额', 'money')],
            rows: assistanceAdvanced.rows,
            total: { id: '合计', assistanceAdvanced: assistanceAdvanced.total },
          },
          {
            title: '待专家审核结算（个人自费超过审核线）',
            columns: [
              col('id', '结算单号'),
              col('committedAt', '结算时间'),
              col('name', '姓名'),
              col('certno', '证件号码'),
              col('visit', '就诊类型'),
              col('selfPaid', '个人自费', 'money'),
              col('total', AMOUNT_LABELS.total, 'money'),
            ],
            rows: pendingReview,
          },
        ],
        notes: ['医院负担与垫付金额含冲销（负数）；待审核清单不限月份，列出所有尚未登记审核结论的结算。'],
      },
      query.declaration.columns,
    ),
  };
}
