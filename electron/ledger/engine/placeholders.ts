import type { Params } from './types';

/**
 * Rewrites `?` and `@name` placeholders to PostgreSQL's `$n`, skipping quoted text. The same
 * `@name` twice is the same `$n`. Returns the SQL and the values in `$n` order.
 */
export function toNumbered(sql: string, params: Params | undefined): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const named = new Map<string, number>();
  const positional = Array.isArray(params) ? (params as readonly unknown[]) : [];
  const byName = !Array.isArray(params) && params ? (params as Readonly<Record<string, unknown>>) : {};
  let next = 0;
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '?') {
      values.push(positional[next++]);
      out += `$${values.length}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const m = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))!;
      const name = m[0];
      if (!(name in byName)) throw new Error(`SQL parameter @${name} has no value`);
      let n = named.get(name);
      if (n === undefined) {
        values.push(byName[name]);
        named.set(name, (n = values.length));
      }
      out += `$${n}`;
      i += name.length;
    } else {
      out += c;
    }
  }
  return { text: out, values };
}
