/**
 * npm run upload -- --now [--ledger ./ledger.db] [--bureau http://127.0.0.1:8765/fsi/api/rsfComIfsService/callService]
 *                   [--state ./bureau-state.db] [--hospital H52010200001] [--hospital-name 名称] [--area 520100]
 *                   [--date 2021-03-15] [--batch 500] [--at 23:30] [--operator NIGHT01 --operator-name 夜间上传]
 * --now: drains the outbox once through 4101, printing progress, then reconciles (3201) the days
 * uploaded (or --date) and prints the outcome. Exit 0 only when everything went up and balanced.
 * Without --now: runs the nightly scheduler (default 23:30) until interrupted.
 * Hospital, region and bureau URL default to the terminal settings stored in the ledger; the
 * operator who signs in (9001) is the site's nightly operator (--operator), never a made-up 'system'.
 */
import { ledgerStamp } from '../shared/time';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BureauClient, DEMO_NIGHTLY_OPERATOR } from '../electron/bureau';
import { openLedger } from '../electron/ledger';
import { loadPolicyLibrary } from '../electron/policy';
import { createScheduler, createUploader, reconcileDay, type DayReconciliation } from '../electron/upload';

const { values } = parseArgs({
  options: {
    now: { type: 'boolean', default: false },
    ledger: { type: 'string', default: process.env.ONEBILL_LEDGER ?? 'ledger.db' },
    bureau: { type: 'string' },
    state: { type: 'string' },
    hospital: { type: 'string' },
    'hospital-name': { type: 'string' },
    area: { type: 'string' },
    date: { type: 'string' },
    batch: { type: 'string', default: '500' },
    at: { type: 'string', default: '23:30' },
    quiet: { type: 'boolean', default: false },
    operator: { type: 'string', default: DEMO_NIGHTLY_OPERATOR.code },
    'operator-name': { type: 'string', default: DEMO_NIGHTLY_OPERATOR.name },
  },
});

const storedSettings = z
  .object({
    region: z.string().optional(),
    hospital: z.object({ code: z.string(), name: z.string() }).partial().optional(),
    bureau: z.object({ url: z.string() }).partial().optional(),
  })
  .catch({});

const ledger = await openLedger({ path: values.ledger });
const stored = storedSettings.parse((await ledger.settings.get('terminal')) ?? {});
const url = values.bureau ?? stored.bureau?.url;
if (!url) {
  console.error('未配置医保中心地址：请用 --bureau 指定，或在终端设置中填写');
  process.exit(2);
}
const areaCode =
  values.area ??
  (stored.region
    ? loadPolicyLibrary()
        .regions()
        .find((r) => r.region === stored.region)?.admdvs
    : undefined) ??
  '520100';
const client = BureauClient.open(
  {
    url,
    hospitalCode: values.hospital ?? stored.hospital?.code ?? 'H52010200001',
    hospitalName: values['hospital-name'] ?? stored.hospital?.name ?? '定点医疗机构',
    areaCode,
    operator: { code: values.operator, name: values['operator-name'] },
  },
  values.state ?? join(dirname(values.ledger), 'bureau-state.db'),
);

const log = (line: string) => {
  if (!values.quiet) console.log(`${ledgerStamp(new Date())} ${line}`);
};
const uploader = createUploader({
  ledger,
  bureau: client,
  batchSize: Number(values.batch),
  onProgress: (p) => log(`上传进度 ${p.sent}/${p.total}（批次 ${p.batch}/${p.batches}，确认 ${p.acked}，拒收 ${p.rejected}，待重传 ${p.pending}）`),
  logger: {
    info: (message, data) => log(`${message} ${data ? JSON.stringify(data) : ''}`),
    warn: (message, data) => log(`警告 ${message} ${data ? JSON.stringify(data) : ''}`),
  },
});

function printReconciliation(r: DayReconciliation): void {
  console.log(`对账 ${r.date}：${r.balanced ? '平衡' : '不平'}`);
  for (const g of r.groups) {
    console.log(
      `  险种 ${g.insutype} 清算类别 ${g.clrType}：${g.balanced ? '平衡' : '不平'}　本机 ${g.terminal.count} 笔 医疗费 ${g.terminal.medfeeSumamt} 基金 ${g.terminal.fundPaySumamt}` +
        `　医保已确认 ${g.acknowledged.count} 笔 医疗费 ${g.acknowledged.medfeeSumamt} 基金 ${g.acknowledged.fundPaySumamt}　中心：${g.bureauMessage}`,
    );
    for (const d of g.differing) console.log(`    未确认 ${d.id} ${d.patientName} ${d.total} 状态 ${d.outboxStatus}${d.lastError ? `：${d.lastError}` : ''}`);
  }
}

async function uploadAndReconcile(): Promise<boolean> {
  const days = values.date ? [values.date] : await ledger.outboxDueDays();
  const run = await uploader.runOnce();
  console.log(
    `上传完成：共 ${run.total} 笔，确认 ${run.acked}，拒收 ${run.rejected}，待重传 ${run.pending}${run.complete ? '' : `（未完成：${run.errors.join('；')}）`}`,
  );
  for (const r of await uploader.rejected()) console.log(`  拒收 ${r.id} ${r.name}：${r.error ?? ''}`);
  let balanced = true;
  for (const day of days) {
    const result = await reconcileDay({ ledger, bureau: client, date: day, setlOptins: areaCode });
    printReconciliation(result);
    balanced &&= result.balanced;
  }
  return run.complete && run.rejected === 0 && balanced;
}

if (values.now) {
  const good = await uploadAndReconcile();
  client.close();
  await ledger.close();
  process.exit(good ? 0 : 1);
} else {
  const scheduler = createScheduler({ at: values.at, run: uploadAndReconcile, onError: (e) => console.error('上传失败', e) });
  scheduler.start();
  console.log(`夜间上传已启动，下次上传时间 ${scheduler.nextRunAt()?.toString()}；按 Ctrl+C 退出`);
  const keepAlive = setInterval(() => undefined, 60_000);
  process.on('SIGINT', () => {
    scheduler.stop();
    clearInterval(keepAlive);
    client.close();
    void ledger.close().finally(() => process.exit(0));
  });
}
