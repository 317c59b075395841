/**
 * The centre that settles a person is the one they are insured with: a real-time request names it
 * in the envelope's insuplc_admdvs (national-platform.md §2.1 row 4, taken from 1101's
 * insuinfo.insuplc_admdvs). A request naming another area (the hospital's own region, for a patient
 * insured elsewhere) finds no such person there and is refused.
 */
import { findPerson, type SimDb } from '../db';
import { txFail, type TxContext, type TxOutcome } from '../transactions/types';

/** The psn_no of a real-time input, wherever the transaction carries it. */
function psnNoOf(input: Record<string, unknown>): string | undefined {
  for (const part of [
    input.data,
    input.mdtrtinfo,
    input.dscginfo,
    ...(Array.isArray(input.feedetail) ? input.feedetail : []),
    ...(Array.isArray(input.data) ? input.data : []),
  ]) {
    const psnNo = (part as { psn_no?: unknown } | undefined)?.psn_no;
    if (typeof psnNo === 'string' && psnNo !== '') return psnNo;
  }
  return undefined;
}

/** The refusal of a request whose insuplc_admdvs is not where its person is insured; null when it is. */
function wrongArea(db: SimDb, ctx: TxContext): TxOutcome | null {
  const psnNo = psnNoOf(ctx.envelope.input as Record<string, unknown>);
  if (!psnNo) return null;
  const person = findPerson(db, { psnNo });
  if (!person || person.insuplc_admdvs === ctx.envelope.insuplc_admdvs) return null;
  return txFail(`参保地医保区划 ${ctx.envelope.insuplc_admdvs || '（空）'} 下无人员编号 ${psnNo} 的参保信息（该人员参保地为 ${person.insuplc_admdvs}）`);
}

/** A real-time transaction that first checks the envelope names the person's insured area. */
export function inInsuredArea(handler: (ctx: TxContext) => TxOutcome): (ctx: TxContext) => TxOutcome {
  return (ctx) => wrongArea(ctx.db, ctx) ?? handler(ctx);
}
