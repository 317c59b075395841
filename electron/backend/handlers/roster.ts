import { rmSync, writeFileSync } from 'node:fs';
import { privateDir } from '../private-files';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { identityCodeTable } from '../../roster';
import { runImportInWorker } from '../import-jobs';
import { ledgerSourceOf } from '../runtime';
import type { RosterVersion } from '../../ledger';
import { BackendError } from '../errors';
import type { Runtime } from '../runtime';
import { requireSession } from '../session';
import type { Handlers } from './types';

const versionView = (v: RosterVersion) => ({
  id: String(v.id),
  region: v.region ?? '',
  asOf: v.rosterDate,
  effectiveFrom: v.effectiveOn,
  importedAt: v.importedAt,
  rows: v.rowCount,
  source: v.sourceName,
});

/** An uploaded file (browser mode, drag and drop) is written to a private temp file for the streaming import (roster, catalogue). */
export function stageUpload(runtime: Runtime, fileName: string, contentBase64: string): string {
  const dir = join(runtime.options.userDataDir, 'imports');
  privateDir(dir);
  const safeName = basename(fileName).replace(/[^\w.\u4e00-\u9fff-]/g, '_');
  const path = join(dir, `${randomUUID()}-${safeName}`);
  writeFileSync(path, Buffer.from(contentBase64, 'base64'), { mode: 0o600 });
  return path;
}

export const rosterHandlers = {
  'roster.import': async (input, { runtime, session }) => {
    const operatorId = requireSession(session).operator.id;
    const sourceName = 'path' in input ? basename(input.path) : input.fileName;
    const progress = runtime.rosterImport;
    // One at a time: a second import would discard the first one's staged rows (the same terminal's).
    if (progress.view().state === 'running') throw new BackendError('import-busy', '另一份名单正在导入，请等它完成后再导入');
    progress.start(sourceName);
    let uploaded: string | null = null;
    try {
      if ('contentBase64' in input) uploaded = stageUpload(runtime, input.fileName, input.contentBase64);
      const outcome = await runImportInWorker(
        {
          kind: 'roster',
          source: ledgerSourceOf(runtime.options, runtime.ledger.terminalId),
          file: 'path' in input ? input.path : uploaded!,
          options: { sourceName, region: input.region ?? runtime.settings.region, ...(input.rosterDate ? { rosterDate: input.rosterDate } : {}), operatorId },
          identityCodes: identityCodeTable(runtime.library),
        },
        progress.update,
      );
      if (!outcome.ok) {
        const lines = (outcome.error.rejected ?? []).slice(0, 20).map((r) => ({ path: `line.${r.line}`, message: `第 ${r.line} 行：${r.reason}` }));
        throw new BackendError(outcome.error.code, outcome.error.message, lines.length > 0 ? lines : undefined);
      }
      const summary = outcome.value;
      const version = (await runtime.ledger.rosterVersions(50)).find((v) => v.id === summary.versionId);
      if (!version) throw new BackendError('internal', '名单已导入，但找不到新版本记录');
      progress.done(summary.imported, summary.rejectedCount);
      return {
        version: versionView(version),
        accepted: summary.imported,
        rejected: summary.rejectedCount,
        errors: summary.rejected.slice(0, 20).map((r) => `第 ${r.line} 行：${r.reason}`),
      };
    } catch (error) {
      progress.failed(error instanceof BackendError ? error.message : '名单导入失败');
      throw error;
    } finally {
      if (uploaded) rmSync(uploaded, { force: true });
    }
  },
  'roster.versions': async (_input, { runtime }) => (await runtime.ledger.rosterVersions(50)).map(versionView),
  'roster.importProgress': (_input, { runtime }) => runtime.rosterImport.view(),
} satisfies Partial<Handlers>;
