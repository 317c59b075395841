export { importCatalogue, type CatalogueImportOutcome, type CatalogueImportProgress, type CatalogueImportSummary, type ImportCatalogueOptions } from './import';
export { pinyinInitials } from './initials';
export { CATALOGUE_COLUMNS } from './columns';
export { COLUMNS_1301 } from './national-1301';
export { resolveSaleLines, SaleLineError, type SaleLineRequest, type ResolvedSale } from './sale-lines';
export type { RowRejection as CatalogueRowRejection } from './parse-row';
