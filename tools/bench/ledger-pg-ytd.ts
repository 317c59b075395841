// bench:ledger, PostgreSQL part — the year-to-date look-up at card read (ytdMark, ytdFor and
// ytdNotUploaded, as eligibility asks them) and the hospital-wide monthly report, over a ledger of
// `rows` settlements (100,000 people, spread over 2021, one in ten not yet acknowledged).
import pg from 'pg';
import { openLedger, openPostgresEngine } from '../../electron/ledger';
import { sampleCommit } from '../fixtures';
import { freshSchema } from './ledger-pg';
import { percentile } from './stats';

const PEOPLE = 100_000;
const certnoOf = (n: number) => `5201${String(n).padStart(14, '0')}`;

export interface YtdFigures {
  fillSeconds: number;
  lookup: { p50: number; p99: number; samples: number };
  /** The same three reads as bare queries on one connection: the server and the machine without the ledger. */
  bare: { p50: number; p99: number };
  report: { ms: number; rows: number };
}

export async function benchPgYtd(url: string, rows: number, options: { lookups?: number; explain?: boolean } = {}): Promise<YtdFigures> {
  const lookups = options.lookups ?? 2000;
  const schema = 'bench_ytd';
  await freshSchema(url, schema);
  const ledger = await openLedger({ engine: openPostgresEngine({ url, schema }), terminalId: 'T1', machineId: 'bench-ytd' });
  try {
    await ledger.ensureDemoOperators();
    const template = await ledger.commitSettlement(sampleCommit({ lines: 3 }));
    if (!template.ok) throw new Error(template.error.message);
    // Filled in bulk from the template row (the commit path would take hours for a million rows).
    const t0 = performance.now();
    const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      const cols = (
        (
          await c.query(
            `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'settlements' AND column_name <> 'seq' ORDER BY ordinal_position`,
            [schema],
          )
        ).rows as Array<{ column_name: string }>
      ).map((r) => r.column_name);
      const day = `'2021-' || lpad(((g % 12) + 1)::text, 2, '0') || '-' || lpad(((g % 28) + 1)::text, 2, '0')`;
      const expr: Record<string, string> = {
        id: `'F' || g`,
        patient_certno: `'5201' || lpad((g % ${PEOPLE})::text, 14, '0')`,
        settle_date: day,
        committed_on: day,
        committed_at: `${day} || ' 09:00:00'`,
        input_json: `'{}'`,
        trace_json: `'[]'`,
      };
      for (let from = 1; from <= rows; from += 250_000) {
        const to = Math.min(rows, from + 249_999);
        await c.query(
          `INSERT INTO settlements (${cols.join(', ')}) SELECT ${cols.map((col) => expr[col] ?? `t.${col}`).join(', ')}
           FROM generate_series(${from}, ${to}) g CROSS JOIN (SELECT * FROM settlements WHERE id = $1) t`,
          [template.value.settlementId],
        );
        await c.query(
          `INSERT INTO outbox (settlement_id, status, attempts, created_at, updated_at)
           SELECT 'F' || g, CASE WHEN g % 10 = 0 THEN 'pending' ELSE 'acked' END, 1, '2021-01-01 09:00:00', '2021-01-01 09:00:00' FROM generate_series(${from}, ${to}) g`,
        );
      }
      await c.query('ANALYZE');
      if (options.explain) {
        const who = certnoOf(4242);
        for (const q of [
          `SELECT coalesce(max(seq), 0) FROM settlements WHERE patient_certno = '${who}'`,
          `SELECT coalesce(sum(basic_fen), 0) FROM settlements WHERE patient_certno = '${who}' AND settle_date >= '2021-01-01' AND settle_date <= '2021-12-31'
             AND (CAST(NULL AS TEXT) IS NULL OR settle_date < NULL) AND (1 = 0 OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.settlement_id = settlements.id AND o.status = 'acked')) AND seq > 0`,
        ])
          console.log(((await c.query(`EXPLAIN ANALYZE ${q}`)).rows as Array<Record<string, string>>).map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
      }
    } finally {
      await c.end();
    }
    const fillSeconds = (performance.now() - t0) / 1000;

    // At card read: the mark, the ledger's year-to-date and the part the bureau has not acknowledged.
    const samples: number[] = [];
    for (let i = 0; i < lookups; i++) {
      const certno = certnoOf((i * 7919) % PEOPLE);
      const s = performance.now();
      await ledger.ytdMark(certno);
      await ledger.ytdFor(certno, 2021, undefined, '2021-06-15');
      await ledger.ytdNotUploaded(certno, 2021, undefined, '2021-06-15');
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);

    const bareSamples: number[] = [];
    const b = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await b.connect();
    try {
      for (let i = 0; i < lookups; i++) {
        const certno = certnoOf((i * 7919) % PEOPLE);
        const s = performance.now();
        await b.query('SELECT coalesce(max(seq), 0) FROM settlements WHERE patient_certno = $1', [certno]);
        for (const acked of [false, true]) {
          await b.query(
            `SELECT coalesce(sum(basic_fen), 0), coalesce(sum(assistance_fen), 0), coalesce(sum(patient_cash_fen), 0) FROM settlements s
             WHERE patient_certno = $1 AND settle_date >= '2021-01-01' AND settle_date <= '2021-12-31'
               ${acked ? `AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.settlement_id = s.id AND o.status = 'acked')` : ''}`,
            [certno],
          );
        }
        bareSamples.push(performance.now() - s);
      }
    } finally {
      await b.end();
    }
    bareSamples.sort((x, y) => x - y);

    const r0 = performance.now();
    const month = await ledger.reportRows({ committedFrom: '2021-03-01', committedTo: '2021-03-31' });
    const reportMs = performance.now() - r0;
    return {
      fillSeconds,
      lookup: { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: lookups },
      bare: { p50: percentile(bareSamples, 50), p99: percentile(bareSamples, 99) },
      report: { ms: reportMs, rows: month.length },
    };
  } finally {
    await ledger.close();
    await freshSchema(url, schema);
  }
}
