import { existsSync } from 'node:fs';
import { startBureauService } from './bureau-service';
import { BackendError } from './errors';
import { openReaderService } from './reader-service';
import { eligibilityFor, loadLibrary, openTerminalLedger, type Runtime } from './runtime';
import { writeSettings, type TerminalSettings } from './terminal-settings';
import { DEFAULT_UPLOAD_AT } from './upload-service';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Checks what the schema cannot: codes the ledger and the bureau insist on, regions with a policy file. */
export function checkSettings(next: TerminalSettings, regions: readonly string[]): void {
  if (!/^[A-Za-z0-9]{1,12}$/.test(next.terminalId))
    throw new BackendError('invalid-argument', '终端编号只能由字母和数字组成（最多 12 位）', [
      { path: 'terminalId', message: '终端编号只能由字母和数字组成（最多 12 位）' },
    ]);
  if (next.hospital.code.length !== 12)
    throw new BackendError('invalid-argument', '定点医药机构编号必须为 12 位', [{ path: 'hospital.code', message: '定点医药机构编号必须为 12 位' }]);
  if (!regions.includes(next.region)) throw new BackendError('invalid-argument', `没有统筹区 ${next.region} 的政策文件`, [{ path: 'region', message: '统筹区未知' }]);
  if (next.receiptFont && !existsSync(next.receiptFont))
    throw new BackendError('invalid-argument', `找不到结算单字体文件：${next.receiptFont}`, [{ path: 'receiptFont', message: '字体文件不存在' }]);
  if (next.reader.driver !== 'simulator' && !next.reader.port.trim())
    throw new BackendError('invalid-argument', '请填写读卡器串口（如 COM3 或 /dev/ttyUSB0）', [{ path: 'reader.port', message: '缺少串口' }]);
}

/**
 * Stores new terminal settings and restarts only what they touch: the policy library (overrides
 * folder), the bureau (region, hospital), the reader, the ledger (terminal id, used in
 * settlement ids). A part that fails to start leaves the old settings in force. The swap waits for
 * the jobs in flight (an upload run, reads) to drain (job-gate.ts).
 */
export async function applySettings(runtime: Runtime, next: TerminalSettings, actor: string): Promise<void> {
  const prev = runtime.settings;
  const library = prev.policyOverridesDir === next.policyOverridesDir ? runtime.library : loadLibrary(runtime, next.policyOverridesDir);
  checkSettings(
    next,
    library.regions().map((r) => r.region),
  );
  // The bureau section is the site file's; the hospital and region name the envelope and the demo centre.
  const bureauChanged = !same([prev.region, prev.hospital], [next.region, next.hospital]) || library !== runtime.library;
  const bureau = bureauChanged
    ? await startBureauService(next, library, runtime.options.userDataDir, runtime.options.site?.config.bureau, runtime.options.bureauTimeoutMs)
    : runtime.bureau;
  const reader = same(prev.reader, next.reader) ? runtime.reader : await openReaderService(next.reader, runtime.options.readerSimulator);

  // Only once the upload (or a read) in flight has drained: nothing is closed under it.
  await runtime.jobs.rebuild(async () => {
    await writeSettings(runtime.ledger.settings, next, actor, runtime.locked);
    if (bureau !== runtime.bureau) await runtime.bureau.close();
    if (reader !== runtime.reader) await runtime.reader.close();
    if (prev.terminalId !== next.terminalId) {
      await runtime.ledger.close();
      runtime.ledger = await openTerminalLedger(runtime.options);
    }
    Object.assign(runtime, { settings: next, library, bureau, reader });
    if (prev.uploadAt !== next.uploadAt) runtime.upload.setTime(next.uploadAt ?? DEFAULT_UPLOAD_AT);
    runtime.eligibility = eligibilityFor(runtime);
  });
  runtime.logger.info(`settings updated by ${actor}`);
}
