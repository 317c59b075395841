/** Append-only tables get a pair of triggers refusing UPDATE and DELETE. */
export const appendOnly = (table: string, options: { ifNotExists?: boolean } = {}) => {
  const create = options.ifNotExists ? 'CREATE TRIGGER IF NOT EXISTS' : 'CREATE TRIGGER';
  return `
${create} ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'ledger-append-only: ${table} rows are never updated'); END;
${create} ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'ledger-append-only: ${table} rows are never deleted'); END;
`;
};
