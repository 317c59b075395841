/**
 * PostgreSQL form of the append-only guard: one shared trigger function refusing the change, and
 * a pair of triggers per table (as SQLite's RAISE(ABORT) pair). The message starts the same way.
 */
export const APPEND_ONLY_FUNCTION = `
CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger-append-only: % rows are never %', TG_TABLE_NAME, (CASE TG_OP WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END);
END $$;
`;

export const appendOnlyPg = (table: string, ops: ReadonlyArray<'UPDATE' | 'DELETE'> = ['UPDATE', 'DELETE']) =>
  ops.map((op) => `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_append_only();\n`).join('');
