export { importRoster, type ImportRosterOptions, type RosterImportOutcome, type RosterImportProgress, type RosterImportSummary } from './import';
export { identityMapperFromLibrary, resolveIdentity, type IdentityCodeMapper } from './identity';
export { ROSTER_COLUMNS } from './columns';
export type { RowRejection } from './parse-row';
