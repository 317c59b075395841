/**
 * 4101: a batch of at most 500 settlement records, each idempotent on medins_setl_id: a re-sent
 * record is acknowledged with its first setl_id and never stored twice. Every record is
 * recomputed with the engine; a reversal must name a stored settlement and negate it exactly.
 */
import { createHash } from 'node:crypto';
import { MAX_UPLOAD_BATCH } from '../../../electron/bureau/protocol';
import { SETLINFO_AMOUNT_FIELDS, setlinfoRecordSchema, uploadInputSchema, type ParsedSetlinfoRecord } from '../../../electron/bureau/schemas';
import { compactTime, infTime } from '../../../electron/bureau/time';
import { dec, formatMoney, fromFen } from '../../../shared/money';
import { findPerson, findSettlement, insertSettlement, nextCounter, type SettlementRow } from '../db';
import { recomputeMismatch } from '../recompute';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

interface RecordResult {
  medins_setl_id: string;
  setl_id: string;
  stas: '0' | '1';
  err_msg: string;
}

export function uploadSettlements(ctx: TxContext): TxOutcome {
  const input = parseInput(uploadInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const records = input.value.setlinfo;
  if (records.length === 0) return txFail('setlinfo 为空，没有可上传的结算');
  if (records.length > MAX_UPLOAD_BATCH) return txFail(`单次上传不能超过${MAX_UPLOAD_BATCH}条（本次${records.length}条）`);
  return { ok: true, output: { result: records.map((raw, i) => storeOne(ctx, raw, i)) } };
}

function storeOne(ctx: TxContext, raw: unknown, index: number): RecordResult {
  const idOf = (raw as { medins_setl_id?: unknown } | null)?.medins_setl_id;
  const reject = (err_msg: string, setl_id = ''): RecordResult => ({
    medins_setl_id: typeof idOf === 'string' ? idOf : String(idOf ?? ''),
    setl_id,
    stas: '0',
    err_msg,
  });
  const parsed = setlinfoRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return reject(`第${index + 1}条记录 ${issue.path.join('.')}：${issue.message}`);
  }
  const record = parsed.data;
  const hospital = ctx.envelope.fixmedins_code;
  const fingerprint = createHash('sha256').update(JSON.stringify(record)).digest('hex');

  const existing = ctx.db
    .prepare('SELECT setl_id, fingerprint FROM settlement WHERE fixmedins_code = ? AND medins_setl_id = ?')
    .get(hospital, record.medins_setl_id) as { setl_id: string; fingerprint: string } | undefined;
  if (existing) {
    return existing.fingerprint === fingerprint
      ? { medins_setl_id: record.medins_setl_id, setl_id: existing.setl_id, stas: '1', err_msg: '重复上传：该结算已保存，未重复保存' }
      : reject(`medins_setl_id ${record.medins_setl_id} 已上传且内容不同，未覆盖原记录`, existing.setl_id);
  }

  const person = findPerson(ctx.db, record.psn_no ? { psnNo: record.psn_no } : { certno: record.certno });
  if (!person) return reject(record.psn_no ? `人员编号 ${record.psn_no} 不存在` : `证件号码 ${record.certno} 未参保`);
  if (person.certno !== record.certno.toUpperCase()) return reject(`certno ${record.certno} 与人员编号 ${person.psn_no} 不符`);

  let original: SettlementRow | undefined;
  if (record.refd_setl_flag === '1') {
    const found = findOriginal(ctx, record);
    if (typeof found === 'string') return reject(found);
    original = found;
  } else if (record.refd_setl_flag !== '0') {
    return reject(`refd_setl_flag 取值 ${record.refd_setl_flag} 无效（0 结算，1 冲销）`);
  }

  const mismatch = recomputeMismatch(record, ctx.library) ?? (original ? negationMismatch(record, original) : null);
  if (mismatch) return reject(mismatch);

  const setlId = `${ctx.envelope.mdtrtarea_admvs}${compactTime(ctx.now)}${String(nextCounter(ctx.db, 'setl_id')).padStart(10, '0')}`;
  insertSettlement(ctx.db, { fixmedinsCode: hospital, setlId, msgid: ctx.envelope.msgid, psnNo: person.psn_no, fingerprint, storedAt: infTime(ctx.now) }, record);
  return { medins_setl_id: record.medins_setl_id, setl_id: setlId, stas: '1', err_msg: '' };
}

function findOriginal(ctx: TxContext, record: ParsedSetlinfoRecord): SettlementRow | string {
  const initId = record.init_setl_id;
  if (!initId) return '冲销记录缺少 init_setl_id（原结算编号）';
  const original = findSettlement(ctx.db, ctx.envelope.fixmedins_code, initId);
  if (!original || original.refd_setl_flag !== '0') return `init_setl_id ${initId} 不是本院已上传的结算`;
  const reversedBy = ctx.db
    .prepare("SELECT medins_setl_id FROM settlement WHERE fixmedins_code = ? AND refd_setl_flag = '1' AND init_setl_id IN (?, ?)")
    .get(ctx.envelope.fixmedins_code, original.medins_setl_id, original.setl_id) as { medins_setl_id: string } | undefined;
  if (reversedBy) return `原结算 ${initId} 已被 ${reversedBy.medins_setl_id} 冲销`;
  return original;
}

function negationMismatch(record: ParsedSetlinfoRecord, original: SettlementRow): string | null {
  for (const field of SETLINFO_AMOUNT_FIELDS) {
    const sent = record[field];
    if (sent === undefined) continue;
    const expected = fromFen(original[field]).negated();
    if (!dec(sent).eq(expected)) return `${field} 与原结算金额的相反数不符：上传 ${sent}，应为 ${formatMoney(expected)}`;
  }
  return null;
}
