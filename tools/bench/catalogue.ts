// npm run bench:catalogue [-- drugs] — imports a generated 100,000-drug catalogue CSV beside a bare
// prepared insert of the same rows, then times the counter's look-ups at that size: by barcode and
// by pinyin initials (p50/p99), beside a bare indexed SELECT.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCatalogue, pinyinInitials } from '../../electron/catalogue';
import { openLedger } from '../../electron/ledger';
import { fmt, percentile } from './stats';

const DRUGS = Number(process.argv[2] ?? 100_000);
const LOOKUPS = 2000;
const BATCH = 10_000;
const HEADS =
  '阿奥巴板苯丙布茶川地丁多恩二法酚伏氟复甘肝格谷桂还黄磺甲金静卡克拉兰利硫罗洛氯马美蒙米莫那尼诺帕哌泼普齐羟青曲去瑞塞沙舒双丝司索他替酮头维西硝辛血盐氧叶依乙异益吲右鱼扎珠';
const TAILS = ['片', '胶囊', '颗粒', '注射液', '缓释片', '肠溶片', '口服液', '滴眼液', '软膏', '丸'];

/** Drug i as the file and the bare insert both see it. */
function drug(i: number) {
  const a = HEADS[i % HEADS.length]!;
  const b = HEADS[Math.floor(i / HEADS.length) % HEADS.length]!;
  const c = HEADS[Math.floor(i / HEADS.length ** 2) % HEADS.length]!;
  const name = `${a}${b}${c}${TAILS[i % TAILS.length]}`;
  const cls = (['甲', '乙', '丙'] as const)[i % 3]!;
  return {
    code: `X${String(i).padStart(9, '0')}`,
    name,
    spec: `${(i % 50) + 1}mg×${(i % 4) * 10 + 10}`,
    price: `${(i % 500) + 1}.${String(i % 100).padStart(2, '0')}`,
    cls,
    ratio: cls === '乙' ? '0.1' : '',
    specific: i % 97 === 0 ? '是' : '',
    barcode: `69${String(i).padStart(11, '0')}`,
  };
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('药品编码,药品名称,规格,单位,单价,类别,自付比例,限价,特殊药品,条码\n');
  for (let start = 0; start < DRUGS; start += BATCH) {
    let chunk = '';
    for (let i = start; i < Math.min(DRUGS, start + BATCH); i++) {
      const d = drug(i);
      chunk += `${d.code},${d.name},${d.spec},盒,${d.price},${d.cls},${d.ratio},,${d.specific},${d.barcode}\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function timeAsync(fn: (i: number) => Promise<unknown> | unknown, n: number) {
  for (let i = 0; i < n / 10; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const dir = mkdtempSync(join(tmpdir(), 'onebill-bench-catalogue-'));
try {
  const csvPath = join(dir, 'catalogue.csv');
  await writeCsv(csvPath);

  const ledger = await openLedger({ path: join(dir, 'import.db') });
  const t0 = process.hrtime.bigint();
  const outcome = await importCatalogue(ledger, csvPath, { effectiveDate: '2021-01-01' });
  const importSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!outcome.ok) throw new Error(outcome.error.message);
  if (outcome.value.imported !== DRUGS) throw new Error(`imported ${outcome.value.imported} of ${DRUGS}: ${JSON.stringify(outcome.value.rejected.slice(0, 3))}`);

  await (await openLedger({ path: join(dir, 'bare.db') })).close(); // the same schema, then a bare connection to it
  const bare = new Database(join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  const insert = bare.prepare(
    `INSERT INTO catalogue_drugs (version_id, code, line, name, initials, specification, unit, price, class, self_pay_ratio, price_cap, specific_drug, barcode)
     VALUES (1, ?, ?, ?, ?, ?, '盒', ?, ?, ?, NULL, ?, ?)`,
  );
  let bareSeconds = 0;
  bare.exec('BEGIN IMMEDIATE');
  bare.prepare(`INSERT INTO catalogue_versions VALUES (1, 'x', '2021-01-01', 'x', 'csv', 0, 0, NULL)`).run();
  for (let start = 0; start < DRUGS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, DRUGS - start) }, (_, k) => drug(start + k)); // untimed
    const initials = rows.map((r) => pinyinInitials(r.name)); // untimed: the bare insert is given them
    const t1 = process.hrtime.bigint();
    rows.forEach((r, k) =>
      insert.run(
        r.code,
        start + k + 2,
        r.name,
        initials[k],
        r.spec,
        r.price,
        r.cls === '甲' ? 'A' : r.cls === '乙' ? 'B' : 'C',
        r.ratio || null,
        r.specific ? 1 : null,
        r.barcode,
      ),
    );
    bareSeconds += Number(process.hrtime.bigint() - t1) / 1e9;
  }
  const t2 = process.hrtime.bigint();
  bare.exec('COMMIT');
  bareSeconds += Number(process.hrtime.bigint() - t2) / 1e9;

  // Look-ups at the counter: spread over the catalogue (a prime stride), on a date the version is in effect.
  const pick = (i: number) => (i * 7919) % DRUGS;
  const store = ledger.catalogue;
  const byBarcode = await timeAsync((i) => store.search(drug(pick(i)).barcode, '2021-06-01'), LOOKUPS);
  const byInitials = await timeAsync((i) => store.search(pinyinInitials(drug(pick(i)).name).slice(0, 3), '2021-06-01'), LOOKUPS);
  const bareSelect = bare.prepare('SELECT * FROM catalogue_drugs WHERE barcode = ?');
  const bareBarcode = await timeAsync((i) => bareSelect.all(drug(pick(i)).barcode), LOOKUPS);
  const bareInitials = bare.prepare('SELECT * FROM catalogue_drugs WHERE initials >= ? AND initials < ? LIMIT 20');
  const bareByInitials = await timeAsync((i) => {
    const p = pinyinInitials(drug(pick(i)).name).slice(0, 3);
    return bareInitials.all(p, p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1));
  }, LOOKUPS);
  const sample = await store.search(pinyinInitials(drug(1234).name).slice(0, 3), '2021-06-01');
  bare.close();
  await ledger.close();

  const rate = (s: number) => Math.round(DRUGS / s).toLocaleString('en-US');
  console.log(
    `catalogue bench: ${DRUGS.toLocaleString('en-US')} drugs, ${Math.round(statSync(csvPath).size / 1024 / 1024)} MB CSV (UTF-8), one transaction, WAL + synchronous=FULL`,
  );
  console.log(`  importCatalogue (stream, validate, pinyin, insert)  ${rate(importSeconds)} rows/s  (${importSeconds.toFixed(2)} s)`);
  console.log(`  bare prepared insert of the same rows             ${rate(bareSeconds)} rows/s  (${bareSeconds.toFixed(2)} s)`);
  console.log(`  ratio                                             ${(bareSeconds / importSeconds).toFixed(2)}`);
  console.log(
    `  look-up by barcode          p50 ${fmt(byBarcode.p50)} ms  p99 ${fmt(byBarcode.p99)} ms   (bare SELECT p50 ${fmt(bareBarcode.p50)} ms  p99 ${fmt(bareBarcode.p99)} ms)`,
  );
  console.log(
    `  look-up by pinyin initials  p50 ${fmt(byInitials.p50)} ms  p99 ${fmt(byInitials.p99)} ms   (bare range SELECT p50 ${fmt(bareByInitials.p50)} ms  p99 ${fmt(bareByInitials.p99)} ms; 3 letters, up to 20 drugs, e.g. ${sample.length})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
