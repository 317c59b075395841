/**
 * npm run ledger:migrate -- --from <SQLite ledger file> --to <postgres://user:password@host:port/db>
 * Moves a one-window site's ledger into the hospital's server (electron/ledger transfer.ts): every
 * row with its ids, amounts, events, outbox states and the audit chain, verified per table (counts
 * and fen sums), in one transaction. Run it again and it copies nothing; a server that holds other
 * rows under the same ids is refused (ledger-migrate-collision) and nothing is written.
 * Stop the window's app first (its ledger must not change during the copy).
 */
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { LedgerError, openPostgresEngine, redactUrl, transferLedger } from '../electron/ledger';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });

async function main(): Promise<void> {
  if (!values.from || !values.to) throw new LedgerError('usage', '用法：npm run ledger:migrate -- --from <本机台账文件> --to <postgres://用户:密码@服务器:端口/数据库>');
  if (!existsSync(values.from)) throw new LedgerError('ledger-not-found', `找不到台账文件：${values.from}`);
  if (!/^postgres(ql)?:\/\//.test(values.to)) throw new LedgerError('ledger-migrate-target', '迁移目标必须是医院台账服务器地址（postgres://…）');
  const target = openPostgresEngine({ url: values.to });
  let last = '';
  try {
    console.log(`迁移 ${values.from} → ${redactUrl(values.to)}`);
    const report = await transferLedger({
      from: values.from,
      to: target,
      onProgress: ({ table, done, total }) => {
        const line = `  ${table} ${done}/${total}`;
        if (line !== last && (done === total || done % 10_000 === 0)) console.log(line);
        last = line;
      },
    });
    for (const t of report.tables) console.log(`${t.table}\t本机 ${t.source}\t复制 ${t.copied}\t已有 ${t.present}`);
    // The chain is keyed by the file's audit.key: the server's windows must verify with the same key.
    const key = join(dirname(values.from), 'audit.key');
    if (existsSync(key)) console.log(`审计链由 ${key} 加密签名：请把该文件安全地复制给每个窗口，并在站点配置中写 ledger.auditKeyFile 指向它`);
    console.log(
      report.copied === 0
        ? '服务器已有全部记录，没有需要复制的数据（核对一致）'
        : `已复制 ${report.copied} 条记录，逐表核对行数与金额合计一致；审计链末条 ${report.auditHead ?? '无'}`,
    );
  } finally {
    await target.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof LedgerError ? `${error.message}（${error.code}）` : `迁移失败：${(error as Error).message.replace(/postgres(ql)?:\/\/[^\s]*/g, '***')}`);
  process.exit(1);
});
