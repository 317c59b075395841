// npm run catalogue:import -- <file.csv|file.xlsx|plc.zip> [--ledger path] [--effective 2021-01-01] [--b-ratio 0.05] [--operator id]
// Imports a drug catalogue (the simple CSV/XLSX, or the national platform's 1301 西药中成药 file) into a terminal's ledger.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importCatalogue } from '../electron/catalogue';
import { openLedger } from '../electron/ledger';

const DEFAULT_LEDGER = 'onebill-data/ledger.db';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ledger: { type: 'string', default: process.env.ONEBILL_LEDGER ?? DEFAULT_LEDGER },
    effective: { type: 'string' },
    'b-ratio': { type: 'string' },
    operator: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const file = positionals[0];
if (values.help || !file) {
  console.log(
    '用法: npm run catalogue:import -- <目录.csv|目录.xlsx|1301目录.zip> [--ledger 账本路径] [--effective 生效日期YYYY-MM-DD] [--b-ratio 乙类先行自付比例] [--operator 工号]',
  );
  console.log(`默认账本: ${DEFAULT_LEDGER}（或环境变量 ONEBILL_LEDGER）；不写 --effective 则自导入当日起生效`);
  process.exit(file ? 0 : 2);
}

const ledgerPath = resolve(values.ledger!);
mkdirSync(dirname(ledgerPath), { recursive: true });
const ledger = await openLedger({ path: ledgerPath });
try {
  let lastShown = 0;
  const outcome = await importCatalogue(ledger, resolve(file), {
    effectiveDate: values.effective,
    bRatio: values['b-ratio'],
    operatorId: values.operator,
    onProgress: ({ rowsRead }) => {
      if (rowsRead - lastShown >= 50_000) {
        lastShown = rowsRead;
        process.stderr.write(`  已读 ${rowsRead} 行…\n`);
      }
    },
  });
  const rejected = outcome.ok ? outcome.value.rejected : (outcome.error.rejected ?? []);
  const rejectedCount = outcome.ok ? outcome.value.rejectedCount : (outcome.error.rejectedCount ?? 0);
  if (outcome.ok) {
    const v = outcome.value;
    console.log(`药品目录已导入账本 ${ledgerPath}`);
    console.log(`  版本 ${v.versionId}（${v.format.toUpperCase()}，${v.effectiveOn} 起生效）：导入 ${v.imported} 行，退回 ${rejectedCount} 行，跳过无效 ${v.skipped} 行`);
  } else {
    console.log(`药品目录未导入（${outcome.error.code}）：${outcome.error.message}`);
  }
  for (const r of rejected) console.log(`  第 ${r.line} 行：${r.reason}`);
  if (rejected.length < rejectedCount) console.log(`  ……另有 ${rejectedCount - rejected.length} 行有误未逐一列出`);
  process.exitCode = outcome.ok ? 0 : 1;
} finally {
  await ledger.close();
}
