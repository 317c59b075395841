/** Routes one envelope to its transaction, inside one SQLite transaction with the message log. */
import { INFNO } from '../../../electron/bureau';
import type { PolicyLibrary } from '../../../shared/policy';
import type { SimDb } from '../db';
import { accumulators } from './accumulators';
import { personInfo } from './person-info';
import { reconcile } from './reconcile';
import { reverse } from './reversal';
import { isSignedIn, signIn } from './sign-in';
import { txFail, type Envelope, type TxContext, type TxOutcome } from './types';
import { uploadSettlementList } from './upload';
import { signOut } from './sign-out';
import { settlementQuery } from './settlement-query';
import { fileDownload, fileUpload } from './files';
import { reconcileDetail } from './reconcile-detail';
import { dictionary } from './dictionary';
import { REALTIME_HANDLERS } from '../realtime';

const HANDLERS: Record<string, (ctx: TxContext) => TxOutcome> = {
  [INFNO.signIn]: signIn,
  [INFNO.signOut]: signOut,
  [INFNO.settlementQuery]: settlementQuery,
  [INFNO.personInfo]: personInfo,
  [INFNO.accumulators]: accumulators,
  [INFNO.uploadSettlements]: uploadSettlementList,
  [INFNO.reversal]: reverse,
  [INFNO.reconcile]: reconcile,
  [INFNO.reconcileDetail]: reconcileDetail,
  [INFNO.fileUpload]: fileUpload,
  [INFNO.fileDownload]: fileDownload,
  [INFNO.dictionary]: dictionary,
  ...REALTIME_HANDLERS,
};

export function processEnvelope(db: SimDb, library: PolicyLibrary, envelope: Envelope, now: Date): TxOutcome {
  const handler = HANDLERS[envelope.infno];
  if (!handler) return txFail(`不支持的交易编号 ${envelope.infno}`);
  const ctx: TxContext = { db, library, envelope, now };
  if (envelope.infno !== INFNO.signIn && !isSignedIn(ctx)) return txFail('签到流水号 sign_no 无效，请先签到（9001）');
  const psnNo = (envelope.input.data as { psn_no?: unknown } | undefined)?.psn_no;
  if (psnNo && !envelope.insuplc_admdvs) return txFail('输入含人员编号 psn_no 时，参保地医保区划 insuplc_admdvs 必填');
  return db.transaction(() => {
    const outcome = handler(ctx);
    if (outcome.ok) {
      db.prepare('INSERT OR IGNORE INTO message (msgid, infno, fixmedins_code, received_at) VALUES (?, ?, ?, ?)').run(
        envelope.msgid,
        envelope.infno,
        envelope.fixmedins_code,
        now.toISOString(),
      );
    }
    return outcome;
  })();
}
