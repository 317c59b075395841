// bench:ledger, PostgreSQL part — commits per second and p99 for 1, 4 and 16 terminals on one
// server, each a ledger of its own (its pool, its terminal id) committing its patients' 10-line
// bills, beside a bare INSERT of the very same rows by as many clients, one transaction per
// settlement with synchronous_commit on (the server's default durability).
import pg from 'pg';
import { openLedger, openPostgresEngine, type Ledger } from '../../electron/ledger';
import { sampleCommit } from '../fixtures';
import { percentile } from './stats';

type Row = Record<string, unknown>;

export interface Figures {
  perSecond: number;
  p99: number;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function freshSchema(url: string, name: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await c.query(`CREATE SCHEMA ${name}`);
  });
}

/** Runs `perTerminal` calls of `one(terminal, i)` on every terminal at once: rate and p99 latency. */
async function concurrently(terminals: number, perTerminal: number, one: (t: number, i: number) => Promise<void>): Promise<Figures> {
  const samples: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: terminals }, async (_, t) => {
      for (let i = 0; i < perTerminal; i++) {
        const s = performance.now();
        await one(t, i);
        samples.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  samples.sort((a, b) => a - b);
  return { perSecond: (terminals * perTerminal) / seconds, p99: percentile(samples, 99) };
}

export async function benchPgCommits(url: string, terminals: number, perTerminal: number): Promise<{ ledger: Figures; bare: Figures }> {
  const schema = `bench_commit_${terminals}`;
  await freshSchema(url, schema);
  const ledgers: Ledger[] = [];
  for (let t = 0; t < terminals; t++) {
    ledgers.push(await openLedger({ engine: openPostgresEngine({ url, schema, max: 2 }), terminalId: `T${t + 1}`, machineId: `bench-${t + 1}` }));
  }
  await ledgers[0]!.ensureDemoOperators();
  const args = ledgers.map((_, t) =>
    Array.from({ length: perTerminal }, (_, i) => sampleCommit({ lines: 10, certno: `5201021965${String(t).padStart(2, '0')}${String(i % 500).padStart(6, '0')}` })),
  );
  const ledger = await concurrently(terminals, perTerminal, async (t, i) => {
    const r = await ledgers[t]!.commitSettlement(args[t]![i]!);
    if (!r.ok) throw new Error(r.error.message);
  });
  for (const l of ledgers) await l.close();

  // The same rows, read back, inserted bare into a fresh copy of the schema by as many clients.
  const rows = await withClient(url, async (c) => {
    await c.query(`SET search_path = ${schema}`);
    const all = async (sql: string) => (await c.query(sql)).rows as Row[];
    const byKey = (list: Row[], key: string) => {
      const m = new Map<unknown, Row[]>();
      for (const r of list) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
      return m;
    };
    const settlements = (await all('SELECT * FROM settlements ORDER BY seq')).map(({ seq: _seq, ...s }) => s);
    return {
      settlements,
      bills: byKey(await all('SELECT * FROM bills'), 'settlement_id'),
      lines: byKey(await all('SELECT * FROM bill_lines'), 'bill_id'),
      events: byKey(await all('SELECT * FROM settlement_events'), 'settlement_id'),
      outbox: byKey(await all('SELECT * FROM outbox'), 'settlement_id'),
      audit: byKey(await all(`SELECT * FROM audit_log WHERE action = 'settlement.commit'`), 'subject'),
    };
  });
  const bareSchema = `bench_bare_${terminals}`;
  await freshSchema(url, bareSchema);
  const baseline = await openLedger({ engine: openPostgresEngine({ url, schema: bareSchema }), terminalId: 'T0', machineId: 'bench-bare' });
  await baseline.ensureDemoOperators();
  await baseline.close();
  const clients = await Promise.all(
    Array.from({ length: terminals }, async () => {
      const c = new pg.Client({ connectionString: url, options: `-c search_path=${bareSchema}` });
      await c.connect();
      return c;
    }),
  );
  const insert = (c: pg.Client, table: string, list: Row[]) => {
    if (list.length === 0) return Promise.resolve();
    const cols = Object.keys(list[0]!);
    const values: unknown[] = [];
    const tuples = list.map((r) => `(${cols.map((col) => (values.push(r[col]), `$${values.length}`)).join(', ')})`);
    return c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  };
  const perClient = rows.settlements.length / terminals;
  const bare = await concurrently(terminals, perClient, async (t, i) => {
    const c = clients[t]!;
    const s = rows.settlements[t * perClient + i]!;
    const id = s.id as string;
    const bill = rows.bills.get(id)![0]!;
    await c.query('BEGIN');
    await c.query(`INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1`, [
      `settlement-seq:${s.terminal_id as string}`,
    ]);
    await insert(c, 'settlements', [s]);
    await insert(c, 'bills', [bill]);
    await insert(c, 'bill_lines', rows.lines.get(bill.id) ?? []);
    await insert(c, 'settlement_events', rows.events.get(id) ?? []);
    await insert(c, 'outbox', rows.outbox.get(id) ?? []);
    await c.query(
      `INSERT INTO patients (certno, name, psn_no, region, first_seen_at, last_seen_at, visits) VALUES ($1, $2, NULL, NULL, $3, $3, 1)
       ON CONFLICT (certno) DO UPDATE SET last_seen_at = excluded.last_seen_at, visits = patients.visits + 1`,
      [s.patient_certno, s.patient_name, s.committed_at],
    );
    await insert(c, 'audit_log', rows.audit.get(id) ?? []);
    await c.query('COMMIT');
  });
  for (const c of clients) await c.end();
  await withClient(url, async (c) => {
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.query(`DROP SCHEMA ${bareSchema} CASCADE`);
  });
  return { ledger, bare };
}
