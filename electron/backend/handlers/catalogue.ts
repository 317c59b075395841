import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { CatalogueDrug, CatalogueVersion } from '../../ledger';
import { BackendError } from '../errors';
import type { Runtime } from '../runtime';
import { requireSession } from '../session';
import { runImportInWorker } from '../import-jobs';
import { ledgerSourceOf } from '../runtime';
import { stageUpload } from './roster';
import type { Handlers } from './types';

export const catalogueVersionView = (v: CatalogueVersion) => ({
  id: String(v.id),
  effectiveFrom: v.effectiveOn,
  importedAt: v.importedAt,
  source: v.sourceName,
  format: v.format,
  rows: v.rowCount,
  rejected: v.rejectedCount,
});

const drugView = (d: CatalogueDrug) => ({
  code: d.code,
  name: d.name,
  initials: d.initials,
  specification: d.specification,
  unit: d.unit,
  price: d.price,
  class: d.class,
  selfPayRatio: d.selfPayRatio,
  priceCap: d.priceCap,
  specificDrug: d.specificDrug,
  barcode: d.barcode,
  versionId: String(d.versionId),
  effectiveFrom: d.effectiveOn,
});

async function versionOf(runtime: Runtime, id: number) {
  const version = await runtime.ledger.catalogue.version(id);
  if (!version) throw new BackendError('not-found', '目录已导入，但找不到新版本记录');
  return version;
}

export const catalogueHandlers = {
  'catalogue.lookup': async ({ query, date, limit }, { runtime }) => (await runtime.ledger.catalogue.search(query, date, limit)).map(drugView),

  'catalogue.import': async (input, { runtime, session }) => {
    const operatorId = requireSession(session).operator.id;
    const sourceName = 'path' in input ? basename(input.path) : input.fileName;
    const progress = runtime.catalogueImport;
    // One at a time: a second import would discard the first one's staged rows (the same terminal's).
    if (progress.view().state === 'running') throw new BackendError('import-busy', '另一份目录正在导入，请等它完成后再导入');
    progress.start(sourceName);
    let uploaded: string | null = null;
    try {
      if ('contentBase64' in input) uploaded = stageUpload(runtime, input.fileName, input.contentBase64);
      const outcome = await runImportInWorker(
        {
          kind: 'catalogue',
          source: ledgerSourceOf(runtime.options, runtime.ledger.terminalId),
          file: 'path' in input ? input.path : uploaded!,
          options: { sourceName, operatorId, ...(input.effectiveDate ? { effectiveDate: input.effectiveDate } : {}), ...(input.bRatio ? { bRatio: input.bRatio } : {}) },
        },
        progress.update,
      );
      if (!outcome.ok) {
        const lines = (outcome.error.rejected ?? []).slice(0, 20).map((r) => ({ path: `line.${r.line}`, message: `第 ${r.line} 行：${r.reason}` }));
        throw new BackendError(outcome.error.code, outcome.error.message, lines.length > 0 ? lines : undefined);
      }
      const summary = outcome.value;
      progress.done(summary.imported, summary.rejectedCount);
      return {
        version: catalogueVersionView(await versionOf(runtime, summary.versionId)),
        accepted: summary.imported,
        rejected: summary.rejectedCount,
        skipped: summary.skipped,
        errors: summary.rejected.slice(0, 20).map((r) => `第 ${r.line} 行：${r.reason}`),
      };
    } catch (error) {
      progress.failed(error instanceof BackendError ? error.message : '目录导入失败');
      throw error;
    } finally {
      if (uploaded) rmSync(uploaded, { force: true });
    }
  },

  'catalogue.versions': async (_input, { runtime }) => (await runtime.ledger.catalogue.versions(50)).map(catalogueVersionView),
  'catalogue.importProgress': (_input, { runtime }) => runtime.catalogueImport.view(),
} satisfies Partial<Handlers>;
