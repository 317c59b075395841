/** 1101: person information by e-voucher (01), ID card (02) or social-security card (03). */
import { hospitalWall } from '../../../shared/time';
import { personQueryInputSchema } from '../../../electron/bureau';
import { findPerson, type SimDb } from '../db';
import { rawNumber } from '../raw-number';
import { tokenHolder } from '../e-voucher';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function personInfo(ctx: TxContext): TxOutcome {
  const input = parseInput(personQueryInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const q = input.value.data;
  if (!['01', '02', '03'].includes(q.mdtrt_cert_type)) return txFail(`就诊凭证类型 ${q.mdtrt_cert_type} 无效（应为 01、02 或 03）`);
  // 01 takes the ecToken the e-voucher platform issued (§6.3), never the QR code itself; 03 is
  // looked up by card number first (a reissued card still finds the person by certno).
  let byNumber = q.mdtrt_cert_no;
  if (q.mdtrt_cert_type === '01') {
    const holder = tokenHolder(ctx.db, q.mdtrt_cert_no, ctx.envelope.fixmedins_code, ctx.now);
    if (!holder) return txFail('电子凭证令牌 ecToken 无效或已过期，请重新扫码');
    if (q.certno && q.certno !== holder) return txFail('证件号码与电子凭证持有人不符');
    byNumber = holder;
  }
  const person = q.mdtrt_cert_type === '03' ? findPerson(ctx.db, { cardNo: q.mdtrt_cert_no, certno: q.certno }) : findPerson(ctx.db, { certno: q.certno || byNumber });
  if (!person) return txFail(`未查询到参保人员信息（凭证类型 ${q.mdtrt_cert_type}，号码 ${q.mdtrt_cert_no}）`);
  if (q.psn_name && q.psn_name !== person.psn_name) return txFail(`姓名与证件号码不符：${q.psn_name}`);
  return {
    ok: true,
    output: {
      baseinfo: {
        psn_no: person.psn_no,
        psn_cert_type: '01',
        certno: person.certno,
        psn_name: person.psn_name,
        gend: person.gend,
        naty: '01',
        brdy: person.brdy,
        age: rawNumber(ageOn(person.brdy, ctx.now)),
        exp_content: { conditions: JSON.parse(person.conditions) as string[] },
      },
      insuinfo: [
        {
          insutype: person.insutype,
          psn_type: person.psn_type,
          psn_insu_stas: person.psn_insu_stas,
          insuplc_admdvs: person.insuplc_admdvs,
          balc: rawNumber('0.00'),
          psn_insu_date: person.psn_insu_date,
          paus_insu_date: person.paus_insu_date,
        },
      ],
      idetinfo: identities(ctx.db, person.psn_no),
    },
  };
}

function identities(db: SimDb, psnNo: string) {
  const rows = db.prepare('SELECT psn_idet_type, memo, begntime, endtime FROM identity WHERE psn_no = ? ORDER BY rowid').all(psnNo) as Array<{
    psn_idet_type: string;
    memo: string | null;
    begntime: string;
    endtime: string | null;
  }>;
  return rows.map((r) => ({ psn_idet_type: r.psn_idet_type, psn_type_lv: null, memo: r.memo ?? '', begntime: r.begntime, endtime: r.endtime }));
}

function ageOn(brdy: string, now: Date): string {
  const [y, m, d] = brdy.split('-').map(Number) as [number, number, number];
  const today = hospitalWall(now);
  const beforeBirthday = today.month < m || (today.month === m && today.day < d);
  return `${today.year - y - (beforeBirthday ? 1 : 0)}.0`;
}
