import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

describe('runtime validation and error mapping', () => {
  let t: TestBackend;
  const printLog: string[] = [];
  beforeAll(async () => {
    // A slow printer: without the write queue a second commit would start while the first prints.
    t = await startTestBackend({
      printReceipt: async ({ settlementId }) => {
        printLog.push(`start ${settlementId}`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        printLog.push(`end ${settlementId}`);
      },
    });
    await loginDemo(t, 'cashier');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each([
    ['auth.login', { username: '', password: 'x' }, '参数有误：「username」请输入用户名'],
    ['auth.login', { username: 'a', password: 'b', extra: 1 }, '参数有误：不认识的字段：extra'],
    ['card.fromTypedId', {}, '参数有误：「certno」缺少必填项'],
    ['settlement.list', { limit: 0 }, '参数有误：「limit」数值太小'],
    ['settlement.list', { from: '2020/01/01' }, '参数有误：「from」日期格式应为 YYYY-MM-DD'],
    ['settlement.get', { id: 42 }, '参数有误：「id」类型错误（应为 文本）'],
    [
      'settlement.recordReview',
      { id: 'x', reviewer: '王专家', opinion: '合理', disallowed: '-1', supervisor: { username: 's', password: 'p' } },
      '参数有误：「disallowed」不予支付金额应为非负金额（最多两位小数），全部合理填 0',
    ],
    [
      'settings.testReader',
      { reader: { driver: 'acr30', port: 'COM3', baudRate: 1200 } },
      '参数有误：「reader.baudRate」波特率必须是 9600、19200、38400、57600 或 115200',
    ],
    ['bill.import', { format: 'xml', content: 'x' }, '参数有误：内容不符合任何一种允许的格式'],
  ])('%s %j → invalid-argument', async (op, input, message) => {
    const result = await t.backend.handle(op, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.message).toBe(message);
    expect(result.error.details?.length).toBeGreaterThan(0);
  });

  it('treats a missing input as an empty object', async () => {
    expect((await t.backend.handle('settlement.list', undefined)).ok).toBe(true);
  });

  it('refuses an unknown operation', async () => {
    expect(await t.backend.handle('ledger.dropAll', {})).toEqual({ ok: false, error: { code: 'unknown-operation', message: '未知操作：ledger.dropAll' } });
  });

  it('answers a typed ID with a bad check digit with the card module’s message', async () => {
    expect(await t.backend.handle('card.fromTypedId', { certno: '440703195807120023' })).toEqual({
      ok: false,
      error: { code: 'certno-check-digit', message: '身份证号码校验位不正确，请核对后重新输入' },
    });
  });

  it('maps an engine refusal to its code and message', async () => {
    const card = await t.call('card.fromTypedId', { certno: '520102196503150017' });
    const person = await t.call('eligibility.resolve', { identity: card, date: '2010-01-01', visit: 'outpatient' });
    const result = await t.backend.handle('settlement.preview', {
      attemptId: randomUUID(),
      eligibilityId: person.eligibilityId,
      visit: 'outpatient',
      date: '2010-01-01',
      lines: [{ code: 'A', class: 'A', price: '1', qty: '1' }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'no-policy' } });
  });

  it('keeps stack traces out of answers and in the log', async () => {
    const runtime = t.backend.runtime;
    const original = runtime.ledger.outboxCounts;
    runtime.ledger.outboxCounts = () => {
      throw new TypeError('boom at secret/path.ts:12');
    };
    try {
      const result = await t.backend.handle('outbox.status', {});
      expect(result).toEqual({ ok: false, error: { code: 'internal', message: '系统内部错误，请重试；如仍失败请联系技术支持（详情已记录在日志中）' } });
    } finally {
      runtime.ledger.outboxCounts = original;
    }
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(runtime.logger.path, 'utf8')).toContain('TypeError: boom at secret/path.ts:12');
  });

  it('runs mutating operations one at a time: three presses of 结算 for one attempt settle once, printed once', async () => {
    const card = await t.call('card.fromTypedId', { certno: '520102196503150017' });
    const person = await t.call('eligibility.resolve', { identity: card, date: '2023-07-02', visit: 'pharmacy' });
    const bill = await t.call('bill.import', { demo: 'gz-pharmacy-wang-jianguo' });
    const request = { attemptId: randomUUID(), eligibilityId: person.eligibilityId, visit: 'pharmacy', date: '2023-07-02', lines: bill.lines };
    const before = (await t.call('settlement.list')).total;
    const results = await Promise.all([1, 2, 3].map(() => t.backend.handle('settlement.commit', request)));
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const ids = results.map((r) => (r.ok ? (r.value as { id: string }).id : ''));
    expect(new Set(ids).size).toBe(1);
    expect(results.map((r) => r.ok && (r.value as { replayed?: boolean }).replayed === true)).toEqual([false, true, true]);
    expect((await t.call('settlement.list')).total).toBe(before + 1);
    await t.call('settlement.receipt', { id: ids[0] });
    expect(printLog).toEqual([`start ${ids[0]}`, `end ${ids[0]}`]);
  });
});
