/** 9101 file upload and 9102 file download (§8.5; the file itself is the 9102 answer, §1 shape A). */
import { fileDownloadInputSchema, fileUploadInputSchema } from '../../../electron/bureau';
import { fetchFile, storeFile } from '../files';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function fileUpload(ctx: TxContext): TxOutcome {
  const input = parseInput(fileUploadInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const f = input.value.fsUploadIn;
  if (f.fixmedins_code !== ctx.envelope.fixmedins_code) return txFail(`fsUploadIn.fixmedins_code ${f.fixmedins_code} 与报文的定点医药机构编号不符`);
  if (!BASE64.test(f.in)) return txFail('fsUploadIn.in 不是有效的 Base64 文件内容');
  const stored = storeFile(ctx.db, f.fixmedins_code, f.filename, Buffer.from(f.in, 'base64'), ctx.now);
  return { ok: true, output: { file_qury_no: stored.fileQuryNo, filename: stored.filename, dld_endtime: stored.dldEndtime } };
}

export function fileDownload(ctx: TxContext): TxOutcome {
  const input = parseInput(fileDownloadInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const f = input.value.fsDownloadIn;
  const found = fetchFile(ctx.db, ctx.envelope.fixmedins_code, f.file_qury_no, ctx.now);
  if (!found.ok) return txFail(found.errMsg);
  return { ok: true, output: null, file: found.bytes };
}
