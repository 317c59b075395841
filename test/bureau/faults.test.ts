/**
 * The client against every injected fault, over loopback: it never stores a settlement twice,
 * never loses one (every record ends stored, rejected or pending), never hangs, and says what
 * happened in Chinese with a stable code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BureauClient } from '../../electron/bureau/client';
import { FAULT_KINDS } from '../../tools/bureau-sim/faults';
import { WANG, ZERO_YTD_FOR_TESTS, ZHAO, settledList, startHarness, zhaoBill, type Harness } from './helpers';

const list = async (id: string, extra = 0) => (await settledList(ZERO_YTD_FOR_TESTS, id, zhaoBill(extra), ZHAO)).list;

let h: Harness;
let client: BureauClient;
let serial = 0;
const nextId = () => `F${String(++serial).padStart(6, '0')}`;

beforeAll(async () => {
  h = await startHarness();
  client = h.client({ retries: 2, timeoutMs: 400 });
  expect((await client.signIn()).ok).toBe(true);
});
beforeEach(() => h.setFaults({}));
afterAll(() => h.close());

const EXPECTED_FAILURE = {
  infcode: { code: 'bureau-rejected', attempts: 1, message: '医保中心系统繁忙，请稍后再试（模拟故障）' },
  http500: { code: 'bureau-http-error', attempts: 3, message: '交易4101：医保中心返回 HTTP 500（已尝试3次）' },
  drop: { code: 'bureau-connection-dropped', attempts: 3, message: '交易4101：与医保中心的连接中断，未收到完整应答（已尝试3次）' },
  malformed: { code: 'bureau-malformed', attempts: 3, message: '交易4101：医保中心应答不是有效的 JSON，无法解析（已尝试3次）' },
} as const;

describe.each(FAULT_KINDS)('fault %s on 4101', (kind) => {
  it.each([false, true])('afterProcessing=%s: one fault is survived (by retry where safe) and stores once', async (afterProcessing) => {
    const records = [await list(nextId()), await list(nextId(), 1)];
    const before = (await h.stats()).settlements;
    await h.setFaults({ failNext: 1, kinds: [kind], infnos: ['4101'], afterProcessing });
    const first = await client.uploadSettlements(records);
    if (kind === 'infcode') {
      // An answer, not retried: the list is refused with the bureau's words and waits for a person; the next goes up.
      expect(first.outcomes.map((o) => [o.status, o.message])).toEqual([
        ['rejected', EXPECTED_FAILURE.infcode.message],
        ['stored', undefined],
      ]);
      expect(first.errors).toEqual([]);
    } else {
      expect(first.errors).toEqual([]);
      expect(first.outcomes.map((o) => o.status)).toEqual(['stored', 'stored']);
    }
    const second = await client.uploadSettlements(records);
    expect(second.outcomes.map((o) => o.status)).toEqual(['stored', 'stored']);
    expect((await h.stats()).settlements).toBe(before + 2);
  });

  it('persistent faults leave every record pending with a Chinese message and a code', async () => {
    const record = await list(nextId(), 2);
    const before = (await h.stats()).settlements;
    await h.setFaults({ failNext: 3, kinds: [kind], infnos: ['4101'], afterProcessing: true });
    const report = await client.uploadSettlements([record]);
    const expected = EXPECTED_FAILURE[kind];
    if (kind === 'infcode') {
      expect(report.outcomes).toEqual([{ setlId: record.setlinfo.setl_id, status: 'rejected', message: expected.message }]);
    } else {
      expect(report.outcomes).toEqual([{ setlId: record.setlinfo.setl_id, status: 'pending', message: expected.message }]);
      expect(report.errors[0]).toMatchObject(expected);
      expect(new Set(report.errors[0]!.msgids).size).toBe(expected.attempts);
    }
    await h.setFaults({});
    const retry = await client.uploadSettlements([record]);
    expect(retry.outcomes[0]!.status).toBe('stored');
    expect((await h.stats()).settlements).toBe(before + 1);
  });
});

describe('timeouts', () => {
  it('a slow bureau is a timeout, retried for 1101, and the client does not wait longer', async () => {
    await h.setFaults({ latencyMs: 1500, infnos: ['1101'] });
    const r = await client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'bureau-timeout', attempts: 3, message: '交易1101：医保中心在0.4秒内未应答（已尝试3次）' });
  });

  it('a 4101 that timed out after the bureau stored it is acknowledged on re-send, stored once', async () => {
    const record = await list(nextId(), 3);
    const before = (await h.stats()).settlements;
    await h.setFaults({ latencyMs: 600, infnos: ['4101'] });
    const slow = await client.uploadSettlements([record]);
    expect(slow.outcomes[0]).toMatchObject({ status: 'pending', message: '交易4101：医保中心在0.4秒内未应答（已尝试3次）' });
    // The first attempt was stored 600 ms in, long before the client gave up on the third.
    await h.setFaults({});
    const resent = await client.uploadSettlements([record]);
    expect(resent.outcomes[0]).toMatchObject({ status: 'stored', message: '该结算清单已上传，未重复保存' });
    expect((await h.stats()).settlements).toBe(before + 1);
  });
});

describe('transactions that are not repeated blindly', () => {
  it.each([
    ['9001', (c: BureauClient) => c.asOperator({ code: `OP${serial++}`, name: '新收费员' }).signIn()],
    ['2601', (c: BureauClient) => c.reverse({ omsgid: 'H52010200001202401010000000001', oinfno: '2207' })],
  ])('%s is sent once on a transport fault', async (infno, call) => {
    await h.setFaults({ failNext: 1, kinds: ['http500'], infnos: [infno] });
    const r = await call(client);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'bureau-http-error', attempts: 1, message: `交易${infno}：医保中心返回 HTTP 500` });
  });

  it('an unreachable bureau is said so', async () => {
    const offline = h.client({ url: 'http://127.0.0.1:1/fsi/api/rsfComIfsService/callService', retries: 0 });
    const r = await offline.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    expect(!r.ok && r.error).toMatchObject({ code: 'bureau-unreachable', transient: true, message: '交易9001：无法连接医保中心（ECONNREFUSED），请检查网络' });
  });
});

describe('random faults of every kind', () => {
  it('uploading through a 40 % error rate (no answer, of every kind) ends with every record stored exactly once', async () => {
    const records = await Promise.all(Array.from({ length: 30 }, (_, i) => list(nextId(), 100 + i)));
    const before = (await h.stats()).settlements;
    await h.setFaults({ errorRate: 0.4, kinds: FAULT_KINDS.filter((k) => k !== 'infcode'), afterProcessing: true, seed: 42 });
    const stored = new Set<string>();
    for (let round = 0; round < 20 && stored.size < records.length; round++) {
      const report = await client.uploadSettlements(records.filter((r) => !stored.has(r.setlinfo.setl_id)).slice(0, 5));
      for (const o of report.outcomes) {
        expect(o.status).not.toBe('rejected');
        if (o.status === 'stored') stored.add(o.setlId);
      }
    }
    expect(stored.size).toBe(30);
    const stats = await h.stats();
    expect(stats.settlements).toBe(before + 30);
    expect(stats.faultsInjected).toBeGreaterThan(0);
  });
});
