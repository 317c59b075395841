// npm run roster:import -- <file.csv|file.xlsx> [--ledger path] [--region CN-GZ] [--roster-date 2021-03] [--operator id]
// Imports a monthly roster into a terminal's ledger and prints the summary and every bad row.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLedger } from '../electron/ledger';
import { loadPolicyLibrary } from '../electron/policy';
import { identityMapperFromLibrary, importRoster } from '../electron/roster';

const DEFAULT_LEDGER = 'onebill-data/ledger.db';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ledger: { type: 'string', default: process.env.ONEBILL_LEDGER ?? DEFAULT_LEDGER },
    region: { type: 'string' },
    'roster-date': { type: 'string' },
    operator: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const file = positionals[0];
if (values.help || !file) {
  console.log('用法: npm run roster:import -- <名单.csv|名单.xlsx> [--ledger 账本路径] [--region CN-GZ] [--roster-date 2021-03] [--operator 工号]');
  console.log(`默认账本: ${DEFAULT_LEDGER}（或环境变量 ONEBILL_LEDGER）`);
  process.exit(file ? 0 : 2);
}

const ledgerPath = resolve(values.ledger!);
mkdirSync(dirname(ledgerPath), { recursive: true });
const ledger = await openLedger({ path: ledgerPath });
try {
  const library = loadPolicyLibrary();
  let lastShown = 0;
  const outcome = await importRoster(ledger, resolve(file), {
    region: values.region,
    rosterDate: values['roster-date'],
    operatorId: values.operator,
    mapIdentityCode: identityMapperFromLibrary(library),
    onProgress: ({ rowsRead }) => {
      if (rowsRead - lastShown >= 100_000) {
        lastShown = rowsRead;
        process.stderr.write(`  已读 ${rowsRead} 行…\n`);
      }
    },
  });
  const rejected = outcome.ok ? outcome.value.rejected : (outcome.error.rejected ?? []);
  const rejectedCount = outcome.ok ? outcome.value.rejectedCount : (outcome.error.rejectedCount ?? 0);
  if (outcome.ok) {
    console.log(`名单已导入账本 ${ledgerPath}`);
    console.log(`  版本 ${outcome.value.versionId}（${outcome.value.format.toUpperCase()}）：导入 ${outcome.value.imported} 行，退回 ${rejectedCount} 行`);
  } else {
    console.log(`名单未导入（${outcome.error.code}）：${outcome.error.message}`);
  }
  for (const r of rejected) console.log(`  第 ${r.line} 行：${r.reason}`);
  if (rejected.length < rejectedCount) console.log(`  ……另有 ${rejectedCount - rejected.length} 行有误未逐一列出`);
  process.exitCode = outcome.ok ? 0 : 1;
} finally {
  await ledger.close();
}
