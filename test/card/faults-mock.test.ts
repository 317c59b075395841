import { afterEach, describe, expect, it } from 'vitest';
import { createMockDevicePort, openReader, ReaderSimulator, findSimCard, type FaultKind } from '../../electron/card';
import { encodeAcr30Response } from '../../electron/card/acr30/frame';
import { registerPortBinding, unregisterPortBinding } from '../../electron/card/bindings';
import { outcome, startRig, TODAY, waitForStatus, type Rig } from './rig';

/**
 * Every injected fault at every command of a read, against @serialport/binding-mock: the read
 * either yields the whole identity (a retry was safe) or a clear error, and the next read works.
 */
let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const COMMANDS_PER_READ = { acr30: 20, idcard: 3 } as const;
/** Late answers cost a timeout each; on acr30 these positions cover every kind of command. */
const LATE_POSITIONS = { acr30: [1, 2, 3, 4, 5, 11, 12, 13, 19, 20], idcard: [1, 2, 3] } as const;
const RECOVERED: FaultKind[] = ['bad-checksum', 'drop-byte', 'silence', 'garbage'];

describe.each(['acr30', 'idcard'] as const)('%s over the mock binding', (driver) => {
  it('reads the demo card whole', async () => {
    rig = await startRig({ driver, card: '杨光英', link: 'mock' });
    const result = await rig.reader.readCard();
    expect(result.ok && [result.value.name, result.value.certno, result.value.source]).toEqual([
      '杨光英',
      '522627197209080047',
      driver === 'acr30' ? 'social-security-card' : 'id-card',
    ]);
    expect(rig.reader.state.status).toBe('card-present');
  });

  it('counts the commands of one read', async () => {
    rig = await startRig({ driver, card: '杨光英', link: 'mock' });
    await rig.reader.readCard();
    expect(rig.sim.simulator.commands).toBe(COMMANDS_PER_READ[driver]);
  });

  it.each(RECOVERED)('recovers from %s at any command by retrying once', async (kind) => {
    rig = await startRig({ driver, card: '杨光英', link: 'mock' });
    const whole = outcome(await rig.reader.readCard());
    for (let at = 1; at <= COMMANDS_PER_READ[driver]; at++) {
      rig.sim.simulator.inject({ kind, at });
      expect(outcome(await rig.reader.readCard()), `${kind} at command ${at}`).toEqual(whole);
    }
  });

  it('survives late answers at any command: whole identity or a clear error, then reads again', async () => {
    rig = await startRig({ driver, card: '杨光英', link: 'mock' });
    const whole = outcome(await rig.reader.readCard());
    for (const at of LATE_POSITIONS[driver]) {
      rig.sim.simulator.inject({ kind: 'late', at, delayMs: 250 });
      const late = outcome(await rig.reader.readCard());
      if (typeof late !== 'string') expect(late, `late at ${at}`).toEqual(whole);
      else expect(['reader-timeout', 'card-error', 'card-data-invalid'], `late at ${at}: ${late}`).toContain(late);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(outcome(await rig.reader.readCard()), `read after late at ${at}`).toEqual(whole);
    }
  });

  it('reports card-removed when the card leaves mid-read, never a partial identity', async () => {
    rig = await startRig({ driver, card: '杨光英', link: 'mock' });
    const whole = outcome(await rig.reader.readCard());
    const card = rig.sim.simulator.card;
    const last = COMMANDS_PER_READ[driver];
    for (let at = 1; at <= last; at++) {
      rig.sim.simulator.insertCard(card);
      rig.sim.simulator.inject({ kind: 'remove-card', at });
      // acr30: the last command is POWER_OFF, after the identity is whole. idcard: the SAM says
      // "select failed" (card-removed) or "read failed" (idcard-read-failed).
      const expected = at === 1 ? 'no-card' : driver === 'acr30' ? (at === last ? whole : 'card-removed') : at === 2 ? 'card-removed' : 'idcard-read-failed';
      expect(outcome(await rig.reader.readCard()), `removed before command ${at}`).toEqual(expected);
    }
  });

  it('says reader-timeout when the reader goes silent for good, then reads once it answers again', async () => {
    rig = await startRig({ driver, card: '杨光英', link: 'mock' });
    rig.sim.simulator.inject({ kind: 'silence', times: Number.POSITIVE_INFINITY });
    expect(await rig.reader.readCard()).toEqual({ ok: false, error: { code: 'reader-timeout', message: '读卡器无响应，请检查连线' } });
    expect(rig.reader.state).toMatchObject({ status: 'error', error: { code: 'reader-timeout' } });
    rig.sim.simulator.clearFaults();
    expect((await rig.reader.readCard()).ok).toBe(true);
  });

  it('says no-card for an empty reader', async () => {
    rig = await startRig({ driver, card: 'none', link: 'mock' });
    expect(outcome(await rig.reader.readCard())).toBe('no-card');
  });

  it('polls card presence into its state', async () => {
    rig = await startRig({ driver, card: 'none', link: 'mock', pollIntervalMs: 20 });
    await waitForStatus(rig.reader, 'ready');
    rig.sim.simulator.insertCard(findSimCard('王建国')!);
    await waitForStatus(rig.reader, 'card-present');
    rig.sim.simulator.insertCard(null);
    await waitForStatus(rig.reader, 'ready');
  });

  it('shares one read between concurrent calls', async () => {
    rig = await startRig({ driver, card: '王建国', link: 'mock' });
    const [a, b] = await Promise.all([rig.reader.readCard(), rig.reader.readCard()]);
    expect(a).toBe(b);
    expect(rig.sim.simulator.commands).toBe(COMMANDS_PER_READ[driver]);
  });
});

describe('reconnect over the mock binding', () => {
  it('goes to no-reader when unplugged and back to reading after the plug returns', async () => {
    const path = 'sim:test-unplug';
    const port = createMockDevicePort(path);
    const simulator = new ReaderSimulator({ driver: 'acr30', card: findSimCard('刘玉珍')!, baudRate: 9600, pace: false });
    port.onOpen((link) => simulator.attach(link));
    registerPortBinding(path, port.binding);
    const reader = await openReader({ driver: 'acr30', path, pollIntervalMs: 0, commandTimeoutMs: 150 }, { today: TODAY, reconnectDelaysMs: [20] });
    try {
      expect(outcome(await reader.readCard())).toMatchObject({ name: '刘玉珍' });
      port.unplug();
      await waitForStatus(reader, 'no-reader');
      expect(outcome(await reader.readCard())).toBe('reader-not-connected');
      port.plugIn();
      await waitForStatus(reader, 'ready');
      expect(outcome(await reader.readCard())).toMatchObject({ name: '刘玉珍' });
      expect(reader.stats.reopenAttempts).toBeGreaterThan(0);
    } finally {
      await reader.close();
      unregisterPortBinding(path);
    }
  });
});

describe('scripted device bytes over the mock binding', () => {
  it('takes an answer split into single bytes with noise before it', async () => {
    const path = 'sim:test-scripted';
    const port = createMockDevicePort(path);
    port.onOpen((link) => {
      link.onData(() => {
        // GET_STATUS answer: 16 status bytes, byte 15 = 1 (card present), delivered byte by byte.
        const status = Buffer.alloc(16);
        status[15] = 1;
        for (const byte of Buffer.concat([Buffer.from('\r\n\xff', 'latin1'), encodeAcr30Response(0x90, 0x00, status)])) {
          link.write(Buffer.from([byte]));
        }
      });
    });
    registerPortBinding(path, port.binding);
    const reader = await openReader({ driver: 'acr30', path, pollIntervalMs: 1000 }, { today: TODAY });
    try {
      await waitForStatus(reader, 'card-present');
      expect(reader.stats.garbageBytes).toBe(3);
    } finally {
      await reader.close();
      unregisterPortBinding(path);
    }
  });
});
