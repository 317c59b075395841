/**
 * The e-voucher middle platform (§6.3): `ec.query` decodes a scanned QR code into its holder and a
 * fresh ecToken (region(6) + 32 characters, as the sample), which 1101 then accepts as
 * mdtrt_cert_no for `mdtrt_cert_type` 01. The demo QR codes are "EV" + the holder's ID number
 * (ours: a real code is opaque); a token lives 30 minutes (ours: the sources say only that it expires).
 */
import { randomBytes } from 'node:crypto';
import { ecQueryRequestSchema } from '../../electron/bureau';
import type { SimDb } from './db';

const TOKEN_MS = 30 * 60 * 1000;

interface Holder {
  certno: string;
  psn_name: string;
  gend: string;
  brdy: string;
  insuplc_admdvs: string;
}

export function ecQuery(db: SimDb, body: string, now: Date): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return refusal('请求不是有效的 JSON');
  }
  const parsed = ecQueryRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refusal(`请求参数错误：${issue.path.join('.')} ${issue.message}`);
  }
  const code = parsed.data.data.ecQrCode.trim();
  const certno = /^EV\d{17}[\dX]$/.test(code) ? code.slice(2) : null;
  const holder = certno ? (db.prepare('SELECT certno, psn_name, gend, brdy, insuplc_admdvs FROM person WHERE certno = ?').get(certno) as Holder | undefined) : undefined;
  if (!holder) return refusal('电子凭证二维码无效或已过期');
  const ecToken = `${holder.insuplc_admdvs}${randomBytes(16).toString('hex')}`;
  db.prepare('INSERT INTO ec_token VALUES (?, ?, ?, ?)').run(ecToken, holder.certno, parsed.data.orgId, new Date(now.getTime() + TOKEN_MS).toISOString());
  return {
    code: 0,
    type: 'success',
    message: '成功',
    data: {
      idNo: holder.certno,
      idType: '01',
      userName: holder.psn_name,
      ecToken,
      insuOrg: holder.insuplc_admdvs,
      ecIndexNo: randomBytes(16).toString('hex'),
      gender: holder.gend,
      birthday: holder.brdy,
      nationality: '01',
      email: null,
      extData: null,
    },
  };
}

/** The holder's ID number for a token this platform issued to the hospital and that has not expired. */
export function tokenHolder(db: SimDb, ecToken: string, fixmedinsCode: string, now: Date): string | null {
  const row = db.prepare('SELECT certno, expires_at FROM ec_token WHERE ec_token = ? AND org_id = ?').get(ecToken, fixmedinsCode) as
    { certno: string; expires_at: string } | undefined;
  return row && row.expires_at > now.toISOString() ? row.certno : null;
}

function refusal(message: string) {
  return { code: -1, type: 'fail', message, data: null };
}
