// npm run bench:roster [-- rows] — imports a generated 1,000,000-row roster CSV and compares it with
// a bare prepared-statement insert of the same rows into the same schema (one transaction each).
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger, openSqliteConnection } from '../../electron/ledger';
import { importRoster } from '../../electron/roster';
import { validCertno } from '../fixtures';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = 10_000;
const IDENTITIES = ['低保对象', '特困人员', 'relapse-risk', '建档立卡贫困人口', 'stable-exit', '突发严重困难户'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['秀兰', '建国', '光英', '福生', '玉珍', '志强', '桂芳', '德明', '春花', '永福'];

/** Row i of the roster, as the CSV and the bare insert both see it. */
function row(i: number) {
  const precision = i % 50 === 0;
  return {
    name: SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]!,
    certno: validCertno(i),
    identity: precision ? '精准扶贫重点帮扶对象' : IDENTITIES[i % IDENTITIES.length]!,
    identityEngine: precision
      ? 'precision-target'
      : (['subsistence', 'extreme-poverty', 'relapse-risk', 'registered-poor', 'stable-exit', 'sudden-hardship'] as const)[i % 6]!,
    beginDate: `20${String(16 + (i % 5))}-0${1 + (i % 9)}-01`,
    endDate: i % 3 === 0 ? null : '2025-12-31',
    region: precision ? 'CN-GD-JM' : 'CN-GZ',
    certificate: precision ? `JM${String(i).padStart(10, '0')}` : null,
  };
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('姓名,证件号码,身份类别,开始日期,结束日期,统筹区划,就医证号\n');
  for (let start = 0; start < ROWS; start += BATCH) {
    let chunk = '';
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) {
      const r = row(i);
      chunk += `${r.name},${r.certno},${r.identity},${r.beginDate},${r.endDate ?? ''},${r.region},${r.certificate ?? ''}\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const dir = mkdtempSync(join(tmpdir(), 'onebill-bench-roster-'));
try {
  const csvPath = join(dir, 'roster.csv');
  await writeCsv(csvPath);
  const rssBefore = process.resourceUsage().maxRSS;

  const ledger = await openLedger({ path: join(dir, 'import.db') });
  const t0 = process.hrtime.bigint();
  const outcome = await importRoster(ledger, csvPath, { rosterDate: '2021-03' });
  const importSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rssPeak = process.resourceUsage().maxRSS;
  await ledger.close();
  if (!outcome.ok) throw new Error(outcome.error.message);
  if (outcome.value.imported !== ROWS) throw new Error(`imported ${outcome.value.imported} of ${ROWS}: ${JSON.stringify(outcome.value.rejected.slice(0, 3))}`);

  await (await openLedger({ path: join(dir, 'bare.db') })).close();
  const bare = openSqliteConnection({ path: join(dir, 'bare.db') });
  const insert = bare.prepare(
    `INSERT INTO roster_persons (certno, version_id, identity, identity_raw, line, name, begin_date, end_date, region_code, certificate)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let bareSeconds = 0;
  bare.exec('BEGIN IMMEDIATE');
  bare.prepare(`INSERT INTO roster_versions VALUES (1, 'x', 'x', 'x', 'x', NULL, 0, 0, NULL)`).run();
  for (let start = 0; start < ROWS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, k) => row(start + k)); // untimed
    const t1 = process.hrtime.bigint();
    rows.forEach((r, k) => insert.run(r.certno, r.identityEngine, r.identity, start + k + 2, r.name, r.beginDate, r.endDate, r.region, r.certificate));
    bareSeconds += Number(process.hrtime.bigint() - t1) / 1e9;
  }
  const t2 = process.hrtime.bigint();
  bare.exec('COMMIT');
  bareSeconds += Number(process.hrtime.bigint() - t2) / 1e9;
  bare.close();

  const rate = (s: number) => Math.round(ROWS / s).toLocaleString('en-US');
  console.log(`roster bench: ${ROWS.toLocaleString('en-US')} rows, ${mb(statSync(csvPath).size / 1024)} CSV (UTF-8), one transaction, WAL + synchronous=FULL`);
  console.log(`  importRoster (stream, validate, insert)  ${rate(importSeconds)} rows/s  (${importSeconds.toFixed(2)} s)`);
  console.log(`  bare prepared insert of the same rows    ${rate(bareSeconds)} rows/s  (${bareSeconds.toFixed(2)} s)`);
  console.log(`  ratio                                    ${(bareSeconds / importSeconds).toFixed(2)}  (target ≥ 0.5)`);
  console.log(`  peak RSS                                 ${mb(rssPeak)}  (${mb(rssBefore)} before the import)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
