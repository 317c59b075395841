export { importRoster, type ImportRosterOptions, type RosterImportOutcome, type RosterImportProgress, type RosterImportSummary } from './import';
export { identityCodeTable, identityMapperFromLibrary, resolveIdentity, type IdentityCodeMapper, type RegionCodes } from './identity';
export { ROSTER_COLUMNS, normaliseHeader } from './columns';
// The streaming readers, shared with the drug catalogue import (electron/catalogue).
export { readRows, sniffFormat, type ReadCounter, type RosterFormat } from './read-rows';
export { detectEncodingOf } from './encoding';
export type { RawCell, RawRow, RawRowBatches } from './raw-row';
export type { RowRejection } from './parse-row';
