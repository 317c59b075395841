import { randomUUID } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../shared/time';
import { DEFAULT_POLICY_DIR } from '../../electron/policy';
import { loginDemo, startTestBackend, type TestBackend } from '../backend/helpers';

/**
 * Which visits count toward 大病 is the policy's (`catastrophic.accumulatingVisits`), not the
 * ledger's: the same outpatient bill adds its 政策范围内个人自付 to the 大病 year-to-date of a person
 * of the fifth region (whose file counts outpatient visits) and nothing to that of a Jilin person.
 */
const DATE = businessDate(new Date());
const FIFTH = { certno: '99010219600101002X', name: '样例人' };
const JILIN = { certno: '220102195011220044', name: '李凤霞' };
const LINES = [{ code: 'I001', name: '检查费', class: 'A', price: '300', qty: '1', kind: 'item' }];

describe('the visits that count toward 大病 come from the policy file', () => {
  let t: TestBackend;
  let policyDir: string;

  beforeAll(async () => {
    policyDir = mkdtempSync(join(tmpdir(), 'onebill-policies-'));
    cpSync(DEFAULT_POLICY_DIR, policyDir, { recursive: true });
    copyFileSync(join(import.meta.dirname, 'fixtures', 'CN-XX-TEST.yaml'), join(policyDir, 'CN-XX-TEST.yaml'));
    t = await startTestBackend({ policyDir });
    await loginDemo(t, 'cashier');
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(policyDir, { recursive: true, force: true });
  });

  const resolve = async (person: typeof FIFTH) =>
    t.call('eligibility.resolve', { identity: await t.call('card.fromTypedId', person), date: DATE, visit: 'outpatient', offline: true });

  async function settleOutpatient(person: typeof FIFTH) {
    const before = await resolve(person);
    const bill = await t.call('bill.import', {
      format: 'json',
      content: JSON.stringify({ title: '门诊', visit: 'outpatient', date: DATE, patient: person, lines: LINES }),
    });
    const committed = await t.call('settlement.commit', {
      attemptId: randomUUID(),
      eligibilityId: before.eligibilityId,
      visit: 'outpatient',
      date: DATE,
      lines: bill.lines,
      billId: bill.billId,
    });
    const after = await resolve(person);
    return { before: before.ytd.catastrophicBase, after: after.ytd.catastrophicBase, committed };
  }

  it('adds an outpatient copay1 to the 大病 base where the policy counts outpatient visits, and not elsewhere', async () => {
    const fifth = await settleOutpatient(FIFTH);
    expect(fifth.committed.result.policyVersion).toBe('CN-XX-TEST@2024-01-01');
    // 300 in scope, basic 50 %: copay1 150.00, counted.
    expect(fifth.committed.result.intermediates).toMatchObject({ copay1: '150.00', catastrophicBase: '150.00' });
    expect([fifth.before, fifth.after]).toEqual(['0.00', '150.00']);

    const jilin = await settleOutpatient(JILIN);
    expect(jilin.committed.result.policyVersion).toMatch(/^CN-JL@/);
    expect(jilin.committed.result.intermediates).toMatchObject({ copay1: '150.00', catastrophicBase: '0.00' });
    expect([jilin.before, jilin.after]).toEqual(['0.00', '0.00']);
  });
});
