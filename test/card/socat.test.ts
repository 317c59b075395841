import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAULT_KINDS,
  ReaderSimulator,
  findSimCard,
  hasSocat,
  openReader,
  openSerialDeviceLink,
  startEmbeddedReaderSimulator,
  startSocatPair,
  type EmbeddedSimulator,
  type FaultKind,
} from '../../electron/card';
import { outcome, startRig, TODAY, waitForStatus, type Rig } from './rig';

/**
 * Through a real socat pty pair, opened by the real serialport binding, with the simulator on
 * the far end: every fault, reconnect after the cable comes back, and the read-card command.
 */
const socat = describe.runIf(hasSocat());
let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

/** Positions of commands to spoil: first, a middle one, the last. */
const POSITIONS = { acr30: [1, 3, 9, 20], idcard: [1, 2, 3] } as const;

socat.each(['acr30', 'idcard'] as const)('%s through a socat pair', (driver) => {
  it('reads 刘玉珍 whole at the driver default speed with the line paced', async () => {
    rig = await startRig({ driver, card: '刘玉珍', link: 'socat', pace: true, baudRate: 115200 });
    const result = await rig.reader.readCard();
    expect(result.ok && [result.value.name, result.value.certno, result.value.region, result.value.expired]).toEqual(['刘玉珍', '220102195506200029', '220102', false]);
  });

  it.each(FAULT_KINDS.filter((k) => k !== 'remove-card'))('survives %s: whole identity, or a clear error and then a whole read', async (kind) => {
    rig = await startRig({ driver, card: '刘玉珍', link: 'socat' });
    const whole = outcome(await rig.reader.readCard());
    expect(whole).toMatchObject({ name: '刘玉珍' });
    for (const at of POSITIONS[driver]) {
      rig.sim.simulator.inject({ kind: kind as FaultKind, at, delayMs: 250 });
      const spoiled = outcome(await rig.reader.readCard());
      if (kind === 'late' && typeof spoiled === 'string') {
        expect(['reader-timeout', 'card-error', 'card-data-invalid'], `${kind} at ${at}`).toContain(spoiled);
        await new Promise((resolve) => setTimeout(resolve, 300));
      } else {
        expect(spoiled, `${kind} at ${at}`).toEqual(whole);
      }
      expect(outcome(await rig.reader.readCard()), `read after ${kind} at ${at}`).toEqual(whole);
    }
  });

  it('reports the card taken out mid-read, and reads it once it is back', async () => {
    rig = await startRig({ driver, card: '刘玉珍', link: 'socat' });
    const card = rig.sim.simulator.card;
    rig.sim.simulator.inject({ kind: 'remove-card', at: 2 });
    expect(await rig.reader.readCard()).toEqual({ ok: false, error: { code: 'card-removed', message: expect.stringContaining('读卡过程中卡片被移走') } });
    rig.sim.simulator.insertCard(card);
    expect(outcome(await rig.reader.readCard())).toMatchObject({ name: '刘玉珍' });
  });

  it('never hangs on a silent reader', async () => {
    rig = await startRig({ driver, card: '刘玉珍', link: 'socat' });
    rig.sim.simulator.inject({ kind: 'silence', times: Number.POSITIVE_INFINITY });
    expect(outcome(await rig.reader.readCard())).toBe('reader-timeout');
  });
});

socat('reconnect through socat', () => {
  it('goes to no-reader when the cable goes, and reads again when it comes back on the same path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onebill-card-test-'));
    const simulator = new ReaderSimulator({ driver: 'acr30', card: findSimCard('张福生')!, baudRate: 9600, pace: false });
    let pair = await startSocatPair({ dir });
    simulator.attach(await openSerialDeviceLink(pair.devicePath, 9600));
    const reader = await openReader({ driver: 'acr30', path: pair.hostPath, pollIntervalMs: 0, commandTimeoutMs: 150 }, { today: TODAY, reconnectDelaysMs: [20, 50] });
    try {
      expect(outcome(await reader.readCard())).toMatchObject({ name: '张福生' });
      await simulator.stop();
      await pair.stop();
      await waitForStatus(reader, 'no-reader', 15_000); // a loaded machine notices the closed pty late
      expect(outcome(await reader.readCard())).toBe('reader-not-connected');
      pair = await startSocatPair({ dir });
      simulator.attach(await openSerialDeviceLink(pair.devicePath, 9600));
      await waitForStatus(reader, 'ready');
      expect(outcome(await reader.readCard())).toMatchObject({ name: '张福生' });
    } finally {
      await reader.close();
      await simulator.stop();
      await pair.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function runReadCard(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/read-card.ts', ...args], { cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

socat('npm run read-card', () => {
  let sim: EmbeddedSimulator | null = null;
  afterEach(async () => {
    await sim?.stop();
    sim = null;
  });

  it('prints the identity as JSON and exits 0', async () => {
    sim = await startEmbeddedReaderSimulator({ driver: 'acr30', card: '赵志强', baudRate: 115200 });
    const { code, stdout, stderr } = await runReadCard(['--port', sim.portPath, '--driver', 'acr30', '--baud', '115200']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      source: 'social-security-card',
      mdtrt_cert_type: '03',
      mdtrt_cert_no: 'K52010103',
      certno: '520102198002020010',
      name: '赵志强',
    });
  });

  it('prints the code and Chinese message on stderr and exits 1 when no card is in the reader', async () => {
    sim = await startEmbeddedReaderSimulator({ driver: 'idcard', card: 'none' });
    const { code, stdout, stderr } = await runReadCard(['--port', sim.portPath, '--driver', 'idcard']);
    expect([code, stdout, stderr.trim()]).toEqual([1, '', 'no-card 读卡器内没有卡，请插入社保卡或放置身份证']);
  });

  it('exits 1 with reader-not-connected for a port that does not exist', async () => {
    const { code, stderr } = await runReadCard(['--port', '/dev/onebill-no-such-port', '--driver', 'acr30']);
    expect([code, stderr.trim()]).toEqual([1, 'reader-not-connected 未连接读卡器，请检查读卡器连线和串口设置（/dev/onebill-no-such-port）']);
  });
});
