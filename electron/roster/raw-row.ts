/** One row as a reader found it: the file's line (or sheet row) number and its cells. */
export interface RawRow {
  line: number;
  cells: RawCell[];
  /** Set when the reader could not make cells of the line (e.g. unbalanced quotes). */
  error?: string;
}

/** CSV cells are text; XLSX cells may also be dates. */
export type RawCell = string | Date;

/** Readers hand rows over in batches so the importer can work synchronously between awaits. */
export type RawRowBatches = AsyncIterable<RawRow[]>;
