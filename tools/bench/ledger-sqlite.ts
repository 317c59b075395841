// bench:ledger, SQLite part — settlement commits per second (10-line bills) against a bare prepared-statement
// insert of the very same rows, both in the ledger's durability mode: WAL + synchronous=FULL,
// one transaction (one fsync) per settlement, as a cashier needs before printing a receipt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLedger, openSqliteConnection } from '../../electron/ledger';
import { sampleCommit } from '../fixtures';

type Row = Record<string, unknown>;

function insertStatement(db: Database.Database, table: string, sample: Row) {
  const cols = Object.keys(sample);
  return db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
}

export async function benchSqlite(COUNT: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onebill-bench-ledger-'));
  try {
    // 1. The ledger: validation, money conversion, id sequence, audit hash chain, one transaction each.
    const ledgerPath = join(dir, 'ledger.sqlite');
    const ledger = await openLedger({ path: ledgerPath });
    await ledger.ensureDemoOperators();
    const args = Array.from({ length: COUNT }, (_, i) => sampleCommit({ lines: 10, certno: `52010219650315${String(i % 1000).padStart(4, '0')}` }));
    const t0 = process.hrtime.bigint();
    for (const a of args) {
      const r = await ledger.commitSettlement(a);
      if (!r.ok) throw new Error(r.error.message);
    }
    const ledgerSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

    // 核验台账 (as at every start): the keyed chain, every covered row against its digest, the anchors.
    const tv = process.hrtime.bigint();
    const verdict = await ledger.verifyLedger();
    const verifySeconds = Number(process.hrtime.bigint() - tv) / 1e9;
    if (!verdict.ok) throw new Error(verdict.problems.join('; '));

    // 2. The same rows, read back, inserted with bare prepared statements into a fresh copy of the schema.
    await ledger.close();
    const readBack = new Database(ledgerPath, { readonly: true });
    const all = (sql: string) => readBack.prepare(sql).all() as Row[];
    // Its baseline: reading the same tables once, nothing hashed or compared.
    const tr = process.hrtime.bigint();
    for (const table of ['audit_log', 'settlements', 'reversals', 'settlement_events']) all(`SELECT * FROM ${table}`);
    const readSeconds = Number(process.hrtime.bigint() - tr) / 1e9;
    const settlements = all('SELECT * FROM settlements ORDER BY rowid');
    const bills = new Map(all('SELECT * FROM bills').map((b) => [b.settlement_id as string, b]));
    const lines = new Map<number, Row[]>();
    for (const line of all('SELECT * FROM bill_lines')) {
      const billId = line.bill_id as number;
      lines.set(billId, [...(lines.get(billId) ?? []), line]);
    }
    const events = new Map(all('SELECT * FROM settlement_events').map((e) => [e.settlement_id as string, e]));
    const outbox = new Map(all('SELECT * FROM outbox').map((o) => [o.settlement_id as string, o]));
    const audit = new Map(all(`SELECT * FROM audit_log WHERE action = 'settlement.commit'`).map((a) => [a.subject as string, a]));
    const patients = new Map(all('SELECT * FROM patients').map((p) => [p.certno as string, p]));
    readBack.close();

    // The baseline: a raw connection in the same durability mode on a fresh copy of the schema.
    await (await openLedger({ path: join(dir, 'bare.sqlite') })).close();
    const bare = openSqliteConnection({ path: join(dir, 'bare.sqlite') });
    const first = settlements[0]!;
    const ins = {
      settlement: insertStatement(bare, 'settlements', first),
      bill: insertStatement(bare, 'bills', bills.get(first.id as string)!),
      line: insertStatement(bare, 'bill_lines', lines.get(bills.get(first.id as string)!.id as number)![0]!),
      event: insertStatement(bare, 'settlement_events', events.get(first.id as string)!),
      outbox: insertStatement(bare, 'outbox', outbox.get(first.id as string)!),
      audit: insertStatement(bare, 'audit_log', audit.get(first.id as string)!),
      patient: bare.prepare(
        `INSERT INTO patients (certno, name, psn_no, region, first_seen_at, last_seen_at, visits) VALUES (@certno, @name, @psn_no, @region, @first_seen_at, @last_seen_at, 1)
       ON CONFLICT (certno) DO UPDATE SET last_seen_at = excluded.last_seen_at, visits = visits + 1`,
      ),
      counter: bare.prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1'),
    };
    bare.prepare(`INSERT INTO operators (id, name, role, password_hash, must_change_password, created_at) VALUES ('cashier', 'x', 'cashier', 'x', 0, 'x')`).run();
    const one = bare.transaction((s: Row) => {
      const id = s.id as string;
      const bill = bills.get(id)!;
      ins.counter.run('settlement-seq');
      ins.settlement.run(s);
      ins.bill.run(bill);
      for (const line of lines.get(bill.id as number)!) ins.line.run(line);
      ins.event.run(events.get(id)!);
      ins.outbox.run(outbox.get(id)!);
      ins.patient.run(patients.get(s.patient_certno as string)!);
      ins.audit.run(audit.get(id)!);
    });
    const t1 = process.hrtime.bigint();
    for (const s of settlements) one.immediate(s);
    const bareSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
    bare.close();

    const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
    console.log(`ledger bench: ${COUNT} settlements, 10 lines each, WAL + synchronous=FULL, one transaction per settlement (${dir})`);
    console.log(`  commitSettlement      ${rate(COUNT, ledgerSeconds)} settlements/s  (${ledgerSeconds.toFixed(2)} s)`);
    console.log(`  bare prepared insert  ${rate(COUNT, bareSeconds)} settlements/s  (${bareSeconds.toFixed(2)} s)`);
    console.log(`  ratio                 ${(bareSeconds / ledgerSeconds).toFixed(2)}`);
    console.log(`  verifyLedger          ${verifySeconds.toFixed(2)} s  (${verdict.auditRows} audit rows, ${verdict.coveredRows} covered rows, keyed ${verdict.keyed})`);
    console.log(`  bare read of the same tables ${readSeconds.toFixed(2)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
