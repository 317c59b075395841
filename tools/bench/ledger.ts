// npm run bench:ledger -- [--pg-url postgres://…] [--sqlite 10000] [--pg-commits 200] [--ytd-rows 1000000] [--only sqlite|pg|ytd] [--explain]
// One run, figures side by side with their ratios: SQLite commits beside a bare insert (the embedded
// default), PostgreSQL commits for 1, 4 and 16 terminals beside a bare INSERT of the same rows
// (synchronous_commit on), the year-to-date look-up at card read and the monthly report over a
// ledger of a million settlements. Without --pg-url (or ONEBILL_BENCH_PG_URL) a throwaway cluster
// is started (tools/pg/throwaway-cluster.ts) and stopped at the end.
import { parseArgs } from 'node:util';
import { startThrowawayCluster, type Cluster } from '../pg';
import { benchPgCommits } from './ledger-pg';
import { benchPgYtd } from './ledger-pg-ytd';
import { benchSqlite } from './ledger-sqlite';

const { values } = parseArgs({
  options: {
    'pg-url': { type: 'string' },
    sqlite: { type: 'string', default: '10000' },
    'pg-commits': { type: 'string', default: '200' },
    'ytd-rows': { type: 'string', default: '1000000' },
    explain: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

const part = (name: string) => !values.only || values.only === name;
if (part('sqlite')) await benchSqlite(Number(values.sqlite));

let cluster: Cluster | null = null;
try {
  let url = values['pg-url'] ?? process.env.ONEBILL_BENCH_PG_URL;
  if (!url) {
    cluster = await startThrowawayCluster();
    url = cluster.url;
  }
  const perTerminalTotal = Number(values['pg-commits']);
  console.log(`\nPostgreSQL ledger bench (${cluster ? 'throwaway cluster' : 'given server'}, synchronous_commit on, 10-line bills, one transaction per settlement)`);
  console.log('  terminals   commits/s   p99 ms   |  bare INSERT/s   p99 ms   |  ratio');
  for (const terminals of part('pg') ? [1, 4, 16] : []) {
    // The same total work spread over the terminals (at least 20 each).
    const per = Math.max(20, Math.round(perTerminalTotal / terminals));
    const { ledger, bare } = await benchPgCommits(url, terminals, per);
    const f = (n: number, d = 0) => n.toFixed(d).padStart(9);
    console.log(
      `  ${String(terminals).padStart(9)}   ${f(ledger.perSecond)}   ${f(ledger.p99, 1)}   |  ${f(bare.perSecond)}      ${f(bare.p99, 1)}   |  ${(ledger.perSecond / bare.perSecond).toFixed(2)}`,
    );
  }
  if (!part('ytd')) process.exit(0);
  const rows = Number(values['ytd-rows']);
  const ytd = await benchPgYtd(url, rows, { explain: values.explain });
  console.log(`\n  ${rows.toLocaleString('en-US')} settlements filled in ${ytd.fillSeconds.toFixed(1)} s`);
  console.log(
    `  ytd look-up at card read (ytdMark + ytdFor + ytdNotUploaded), ${ytd.lookup.samples} people: p50 ${ytd.lookup.p50.toFixed(2)} ms, p99 ${ytd.lookup.p99.toFixed(2)} ms (target ≤ 5 ms)`,
  );
  console.log(
    `    the same three reads as bare queries on one connection: p50 ${ytd.bare.p50.toFixed(2)} ms, p99 ${ytd.bare.p99.toFixed(2)} ms; ratio of p99 ${(ytd.bare.p99 / ytd.lookup.p99).toFixed(2)}`,
  );
  console.log(`  hospital-wide monthly report rows (2021-03, ${ytd.report.rows.toLocaleString('en-US')} settlements): ${ytd.report.ms.toFixed(0)} ms`);
} finally {
  cluster?.stop();
}
