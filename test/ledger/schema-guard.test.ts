// Additive-only schema (Actual Budget's schema guard): once shipped, a table, column, index or
// trigger is never removed or changed, so older terminals and the upload format keep working.
// After adding schema in a NEW migration, refresh the snapshot: UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/ledger/schema-guard.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openLedger } from '../../electron/ledger';
import { tempDir } from './helpers';

const SNAPSHOT = join(__dirname, 'schema-snapshot.json');
type Schema = Record<string, string[]>;

const dir = tempDir();
afterAll(async () => dir.remove());

async function currentSchema(): Promise<Schema> {
  const path = join(dir.dir, 'schema.sqlite');
  await (await openLedger({ path })).close();
  const db = new Database(path, { readonly: true });
  try {
    const objects = db.prepare(`SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY tbl_name, type, name`).all() as Array<{
      type: string;
      name: string;
      tbl_name: string;
    }>;
    const schema: Schema = {};
    for (const o of objects) {
      const entries = (schema[o.tbl_name] ??= []);
      if (o.type === 'table') {
        const cols = db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`).all(o.name) as Array<Record<string, string | number>>;
        entries.push(...cols.map((c) => `column ${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ` PK${c.pk}` : ''}`));
      } else {
        entries.push(`${o.type} ${o.name}`);
      }
    }
    return schema;
  } finally {
    db.close();
  }
}

describe('ledger schema guard', () => {
  let schema: Schema;
  let shipped: Schema;
  beforeAll(async () => {
    schema = await currentSchema();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(schema, null, 2)}\n`);
    shipped = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Schema;
  });

  it('keeps every shipped table, column, index and trigger unchanged', async () => {
    const lost = Object.entries(shipped).flatMap(([table, entries]) => entries.filter((e) => !schema[table]?.includes(e)).map((e) => `${table}: ${e}`));
    expect(lost).toEqual([]);
  });

  it('has the snapshot up to date with what the migrations create', async () => {
    const added = Object.entries(schema).flatMap(([table, entries]) => entries.filter((e) => !shipped[table]?.includes(e)).map((e) => `${table}: ${e}`));
    expect(added).toEqual([]);
  });
});
