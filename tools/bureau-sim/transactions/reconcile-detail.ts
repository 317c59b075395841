/**
 * 3202 (§16.2): the hospital's detail file (9101, zipped, TAB lines) against the settlements the
 * simulator stored for the hospital × clr_type (× the group's insutype, when sent) × period. Every
 * settlement either side has becomes a result.txt row: stmt_rslt 0 对平, 1 中心多 (only the centre
 * has it), 2 医药机构多 (only the file has it), 3 数据不一致 (amounts or refund flag differ), with the
 * centre's amounts where it has them and a memo saying what differs. The ZIP is offered for 9102.
 */
import {
  DETAIL_FILE_NAME,
  parseDetailFile,
  RESULT_FILE_NAME,
  resultFileText,
  type DetailLine,
  type ResultRow,
  reconcileDetailInputSchema,
  unzipFirst,
  zipOne,
} from '../../../electron/bureau';
import { dec, formatMoney, fromFen } from '../../../shared/money';
import { fetchFile, storeFile } from '../files';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

interface Stored {
  setl_id: string;
  init_setl_id: string | null;
  psn_no: string;
  msgid: string;
  refd_setl_flag: string;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
}

const AMOUNTS = [
  ['medfeeSumamt', 'medfee_sumamt', '医疗费总额'],
  ['fundPaySumamt', 'fund_pay_sumamt', '基金支付'],
  ['acctPay', 'acct_pay', '个人账户'],
] as const;

export function reconcileDetail(ctx: TxContext): TxOutcome {
  const input = parseInput(reconcileDetailInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.data;
  if (d.stmt_enddate < d.stmt_begndate) return txFail('对账截止日期早于开始日期');
  const hospital = ctx.envelope.fixmedins_code;
  const file = fetchFile(ctx.db, hospital, d.file_qury_no, ctx.now);
  if (!file.ok) return txFail(file.errMsg);
  const entry = unzipFirst(file.bytes);
  if (!entry) return txFail(`文件 ${d.file_qury_no} 不是有效的 ZIP 压缩文件`);
  const parsed = parseDetailFile(entry.content.toString('utf8'));
  if (!parsed.ok) return txFail(`明细文件 ${entry.name || DETAIL_FILE_NAME} 第 ${parsed.line} 行：${parsed.message}`);
  const lines = parsed.lines;
  if (String(lines.length) !== d.fixmedins_setl_cnt.trim()) return txFail(`明细文件有 ${lines.length} 笔，与 fixmedins_setl_cnt ${d.fixmedins_setl_cnt} 不符`);
  const sum = (pick: (l: DetailLine) => string) => lines.reduce((acc, l) => acc.plus(pick(l)), dec(0));
  if (!sum((l) => l.medfeeSumamt).eq(d.medfee_sumamt))
    return txFail(`明细文件医疗费合计 ${formatMoney(sum((l) => l.medfeeSumamt))} 与 medfee_sumamt ${d.medfee_sumamt} 不符`);

  const stored = ctx.db
    .prepare(
      `SELECT setl_id, init_setl_id, psn_no, msgid, refd_setl_flag, medfee_sumamt, fund_pay_sumamt, acct_pay FROM settlement
       WHERE fixmedins_code = ? AND clr_type = ? AND (? IS NULL OR insutype = ?) AND substr(setl_time, 1, 10) BETWEEN ? AND ?
       ORDER BY setl_time, setl_id`,
    )
    .all(hospital, d.clr_type, d.insutype ?? null, d.insutype ?? null, d.stmt_begndate.slice(0, 10), d.stmt_enddate.slice(0, 10)) as Stored[];
  const centre = new Map(stored.map((s) => [s.setl_id, s]));
  const money = (fen: number) => formatMoney(fromFen(fen));
  const rows: ResultRow[] = [];
  for (const l of lines) {
    const s = centre.get(l.setlId);
    centre.delete(l.setlId);
    if (!s) {
      rows.push({ ...fromLine(l), stmtRslt: '2', memo: '医药机构有此结算，中心无记录' });
      continue;
    }
    const differences = AMOUNTS.filter(([ours, theirs]) => !dec(l[ours]).eq(fromFen(s[theirs]))).map(
      ([ours, theirs, label]) => `${label} 医药机构 ${formatMoney(l[ours])}，中心 ${money(s[theirs])}`,
    );
    if (l.refdSetlFlag !== s.refd_setl_flag) differences.push(`退费标志 医药机构 ${l.refdSetlFlag}，中心 ${s.refd_setl_flag}`);
    rows.push({ ...fromStored(s), stmtRslt: differences.length ? '3' : '0', memo: differences.length ? differences.join('；') : null });
  }
  for (const s of centre.values()) rows.push({ ...fromStored(s), stmtRslt: '1', memo: '中心有此结算，医药机构明细中无' });

  const result = storeFile(ctx.db, hospital, `${d.file_qury_no}_result.zip`, zipOne(RESULT_FILE_NAME, Buffer.from(resultFileText(rows), 'utf8')), ctx.now);
  return { ok: true, output: { fileinfo: { file_qury_no: result.fileQuryNo, filename: result.filename, dld_endtime: result.dldEndtime } } };

  function fromStored(s: Stored): Omit<ResultRow, 'stmtRslt' | 'memo'> {
    return {
      psnNo: s.psn_no,
      mdtrtId: s.init_setl_id ?? s.setl_id,
      setlId: s.setl_id,
      msgid: s.msgid,
      refdSetlFlag: s.refd_setl_flag,
      medfeeSumamt: money(s.medfee_sumamt),
      fundPaySumamt: money(s.fund_pay_sumamt),
      acctPay: money(s.acct_pay),
    };
  }
}

function fromLine(l: DetailLine): Omit<ResultRow, 'stmtRslt' | 'memo'> {
  return {
    psnNo: l.psnNo,
    mdtrtId: l.mdtrtId,
    setlId: l.setlId,
    msgid: null,
    refdSetlFlag: l.refdSetlFlag,
    medfeeSumamt: l.medfeeSumamt,
    fundPaySumamt: l.fundPaySumamt,
    acctPay: l.acctPay,
  };
}
