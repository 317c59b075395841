/**
 * The import worker: one roster or catalogue import per worker thread, over the ledger connection
 * it opens itself (openImportLedger), its progress posted to the backend after every batch. The
 * answer is the importer's outcome (ok, or a refusal with its code, message and bad lines).
 */
import { importCatalogue, type CatalogueImportOutcome } from '../catalogue';
import { LedgerError, openImportLedger } from '../ledger';
import { identityMapperFromLibrary, importRoster, type RosterImportOutcome } from '../roster';
import { serveWorkerJob } from '../worker';
import type { ImportJob, ImportProgress } from './import-job';

async function run(job: ImportJob, progress: (p: ImportProgress) => void): Promise<RosterImportOutcome | CatalogueImportOutcome> {
  const ledger = await openImportLedger(job.source);
  try {
    if (job.kind === 'roster') {
      const codes = job.identityCodes;
      return await importRoster(ledger, job.file, { ...job.options, mapIdentityCode: identityMapperFromLibrary({ regions: () => codes }), onProgress: progress });
    }
    return await importCatalogue(ledger, job.file, { ...job.options, onProgress: progress });
  } finally {
    await ledger.close();
  }
}

// The importers answer their own refusals; what escapes is opening the ledger (the server away...), which keeps its code.
serveWorkerJob(run, (error) =>
  error instanceof LedgerError ? { code: error.code, message: error.message } : { code: 'import-failed', message: '导入失败（后台线程出错），未导入任何数据' },
);
