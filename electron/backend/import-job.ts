import type { ImportCatalogueOptions } from '../catalogue';
import type { LedgerSource } from '../ledger';
import type { ImportRosterOptions, RegionCodes } from '../roster';

/** The progress both imports report (rows read, written, refused; bytes of the file read). */
export interface ImportProgress {
  rowsRead: number;
  imported: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number;
}

type Plain<T> = Omit<T, 'onProgress' | 'signal' | 'mapIdentityCode'>;

/** One import as data, so it can cross to the import worker (import-worker.ts). */
export type ImportJob = { source: LedgerSource; file: string } & (
  { kind: 'roster'; options: Plain<ImportRosterOptions>; identityCodes: RegionCodes[] } | { kind: 'catalogue'; options: Plain<ImportCatalogueOptions> }
);
