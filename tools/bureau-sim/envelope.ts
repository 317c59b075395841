/**
 * The simulator's check of a §2.1 request envelope, stricter than the client's own schema: every
 * required field present, each within its type and length, codes from their lists, and the msgid
 * built as the rule says (institution code + yyyyMMddHHmmss + 4 digits). Returns the platform's
 * err_msg for the first problem, or null.
 */
const FIELDS: ReadonlyArray<readonly [string, number, boolean]> = [
  ['infno', 6, true],
  ['msgid', 30, true],
  ['mdtrtarea_admvs', 6, true],
  ['insuplc_admdvs', 6, false],
  ['recer_sys_code', 10, true],
  ['dev_no', 100, false],
  ['dev_safe_info', 2000, false],
  ['cainfo', 1024, false],
  ['signtype', 10, false],
  ['infver', 6, true],
  ['opter_type', 3, true],
  ['opter', 30, true],
  ['opter_name', 50, true],
  ['inf_time', 19, true],
  ['fixmedins_code', 30, true],
  ['fixmedins_name', 200, true],
  ['sign_no', 30, false],
];

const OPTER_TYPES = new Set(['1', '2', '3']);

export function envelopeProblem(raw: Record<string, unknown>): string | null {
  for (const [field, max, required] of FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null || value === '') {
      if (required) return `报文缺少必填字段 ${field}`;
      continue;
    }
    if (typeof value !== 'string') return `报文字段 ${field} 类型错误：应为字符型`;
    if (value.length > max) return `报文字段 ${field} 长度超过 ${max}`;
  }
  const s = (f: string) => raw[f] as string;
  if (s('msgid').length !== 30) return '报文字段 msgid 长度应为 30';
  if (!s('msgid').startsWith(s('fixmedins_code')) || !/^\d{18}$/.test(s('msgid').slice(s('fixmedins_code').length).padStart(18, '0').slice(-18))) {
    return 'msgid 应为 定点医药机构编号 + yyyyMMddHHmmss + 4位序号';
  }
  if (!/^\d{6}$/.test(s('mdtrtarea_admvs'))) return '就医地医保区划 mdtrtarea_admvs 应为6位数字';
  if (raw.insuplc_admdvs && !/^\d{6}$/.test(s('insuplc_admdvs'))) return '参保地医保区划 insuplc_admdvs 应为6位数字';
  if (!OPTER_TYPES.has(s('opter_type'))) return `经办人类别 opter_type 代码 ${s('opter_type')} 无效（1 经办人，2 自助终端，3 移动终端）`;
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s('inf_time'))) return '交易时间 inf_time 格式应为 yyyy-MM-dd HH:mm:ss';
  if (raw.input === undefined || raw.input === null) return '报文缺少必填字段 input';
  return null;
}
