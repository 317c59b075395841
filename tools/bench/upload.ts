// npm run bench:upload [-- 2000] — fills a ledger with N real settlements (engine-settled bills of
// the simulator's demo people, each on the year-to-date an online cashier would have), drains the
// outbox through 4101 to the bureau simulator over loopback (one settlement list per message, as
// the platform takes them: the simulator validates, settles each bill itself on its own
// year-to-date and stores it), and prints records/second beside a bare HTTP POST of the same JSON
// bytes to a server that only reads the body — the transport floor — and the ratio of the two.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BureauClient, type SettlementListInput } from '../../electron/bureau';
import { openLedger } from '../../electron/ledger';
import { createUploader } from '../../electron/upload';
import { settle } from '../../shared/engine';
import { startBureauSimulator } from '../bureau-sim';
import { PATIENTS, billFor, library, onlineYtd } from '../fixtures';
import { fmt } from './stats';

const COUNT = Number(process.argv[2] ?? 2_000);
const dir = mkdtempSync(join(tmpdir(), 'onebill-bench-upload-'));
const HOSPITAL = { code: 'H52010200001', name: '基准测试医院', area: '520100' };

async function fillLedger(path: string) {
  // bulkFill (synchronous=OFF): filling the bench's own temp ledger is not what is measured.
  const filling = await openLedger({ path, bulkFill: true });
  await filling.ensureDemoOperators();
  const people = Object.values(PATIENTS);
  const t0 = Date.now();
  for (let start = 0; start < COUNT; start += 5000) {
    for (let i = start; i < Math.min(COUNT, start + 5000); i++) {
      // The simulator recomputes each list on its own year-to-date, so each bill is settled on the online one.
      const p = people[i % people.length]!;
      const input = billFor(p, {
        lines: [
          ['A', `${100 + (i % 300)}.00`, '1'],
          ['B', '35.50', '2'],
          ['C', '20.00', '1'],
        ],
        ytd: await onlineYtd(filling, p),
      });
      const outcome = settle(input, library());
      if (!outcome.ok) throw new Error(outcome.error.message);
      const r = await filling.commitSettlement({ input, result: outcome.value, operator: 'cashier', patient: { certno: p.certno, name: p.name, psnNo: p.psnNo } });
      if (!r.ok) throw new Error(r.error.message);
    }
  }
  await filling.close();
  const ledger = await openLedger({ path });
  console.log(`ledger filled: ${COUNT} settlements in ${fmt((Date.now() - t0) / 1000, 1)} s`);
  return ledger;
}

/** A server that reads the whole body and answers a fixed small JSON: the HTTP floor. */
async function bareServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"infcode":0}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

function post(port: number, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/fsi/api/rsfComIfsService/callService',
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

try {
  const ledger = await fillLedger(join(dir, 'ledger.sqlite'));
  const sim = await startBureauSimulator({ dbPath: join(dir, 'sim.sqlite'), library: library() });
  const client = BureauClient.open(
    { url: sim.url, hospitalCode: HOSPITAL.code, hospitalName: HOSPITAL.name, areaCode: HOSPITAL.area, operator: { code: 'system', name: '系统' } },
    join(dir, 'state.sqlite'),
  );
  await client.signIn();
  const batches: SettlementListInput[][] = [];
  let lastPrinted = 0;
  const uploader = createUploader({
    ledger,
    bureau: { uploadSettlements: (records) => (batches.push([...records]), client.uploadSettlements(records)) },
    onProgress: (p) => {
      if (p.sent - lastPrinted >= 20_000 || p.sent === p.total) {
        lastPrinted = p.sent;
        console.log(`  uploaded ${p.sent}/${p.total}`);
      }
    },
  });
  const t0 = process.hrtime.bigint();
  const run = await uploader.runOnce();
  const uploadS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!run.complete || run.acked !== COUNT) throw new Error(`upload incomplete: ${JSON.stringify({ ...run, errors: run.errors.slice(0, 3) })}`);
  client.close();
  await sim.stop();

  // The same JSON bytes: each batch in the same envelope shape the client sends (msgid and times have fixed widths).
  const envelope = (list: SettlementListInput, i: number) => ({
    infno: '4101',
    msgid: `${HOSPITAL.code}20210315120000${String(i % 10000).padStart(4, '0')}`,
    mdtrtarea_admvs: HOSPITAL.area,
    insuplc_admdvs: '',
    recer_sys_code: 'YBXT',
    dev_no: '',
    dev_safe_info: '',
    cainfo: '',
    signtype: '',
    infver: 'V1.0',
    opter_type: '1',
    opter: 'system',
    opter_name: '系统',
    inf_time: '2021-03-15 12:00:00',
    fixmedins_code: HOSPITAL.code,
    fixmedins_name: HOSPITAL.name,
    sign_no: '2021031512000000000001',
    input: list,
  });
  const bodies = batches.flat().map((l, i) => Buffer.from(JSON.stringify(envelope(l, i)), 'utf8'));
  const bytes = bodies.reduce((s, b) => s + b.length, 0);
  const bare = await bareServer();
  const t1 = process.hrtime.bigint();
  for (const body of bodies) await post(bare.port, body);
  const bareS = Number(process.hrtime.bigint() - t1) / 1e9;
  await bare.close();
  await ledger.close();

  const uploadRate = COUNT / uploadS;
  const bareRate = COUNT / bareS;
  console.log(`records: ${COUNT} settlement lists (one 4101 each, in ${batches.length} chunks), ${fmt(bytes / 1024 / 1024, 1)} MiB of JSON`);
  console.log(`upload (ledger → 4101 → simulator recompute + store → ledger ack): ${fmt(uploadRate, 0)} records/s (${fmt(uploadS, 2)} s)`);
  console.log(`bare HTTP POST of the same bytes:                               ${fmt(bareRate, 0)} records/s (${fmt(bareS, 2)} s)`);
  console.log(`ratio bare / upload: ${fmt(bareRate / uploadRate, 1)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
