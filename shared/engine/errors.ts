import type { z } from 'zod';
import type { EngineError } from './schema';

const FIELD_LABELS: Record<string, string> = {
  policy: '统筹区',
  date: '结算日期',
  visit: '就诊类型',
  hospital: '医院',
  level: '医院级别',
  referral: '转诊情况',
  person: '人员',
  insurance: '险种',
  identities: '身份',
  conditions: '病种',
  certificate: '就医证号',
  ytd: '本年累计',
  lines: '费用明细',
  code: '项目编码',
  class: '项目类别',
  price: '单价',
  qty: '数量',
  selfPayRatio: '乙类先行自付比例',
  priceCap: '限价',
  kind: '费用种类',
  purchasePrice: '药品进价',
  review: '专家审核结果',
  disallowed: '不予支付金额',
};

/** A Chinese message naming the field and, for bill lines, the line number and code. */
export function invalidInput(error: z.ZodError, raw: unknown): EngineError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  let where = path.map((p) => FIELD_LABELS[p] ?? p).join(' › ') || '输入';
  if (path[0] === 'lines' && path[1] !== undefined && /^\d+$/.test(path[1])) {
    const index = Number(path[1]);
    const line = (raw as { lines?: Array<{ code?: unknown }> })?.lines?.[index];
    const code = line && typeof line === 'object' && line.code !== undefined ? `（编码 ${String(line.code)}）` : '';
    const field = path
      .slice(2)
      .map((p) => FIELD_LABELS[p] ?? p)
      .join(' › ');
    where = `费用明细第 ${index + 1} 行${code}${field ? ` ${field}` : ''}`;
  }
  const message = issue.message.startsWith('Invalid') || issue.message.startsWith('Required') ? `${where}缺失或格式错误` : issue.message;
  return { code: 'invalid-input', message: `${where}：${message}` };
}
