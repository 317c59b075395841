import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderTrace } from '../../shared/labels';
import { useTestBackend, hisBillNo } from './helpers';

// Logged in as the supervisor (first-login password changed), who also authorises.
const t = useTestBackend('supervisor');
const SUPERVISOR = { username: 'supervisor', password: 'supervisor-pass-2026' };

/** 陈秀兰 (Jiangmen precision target, 就医证 verified) with 个人自费 12000 > 10000: pending expert review. */
async function pendingReview(): Promise<string> {
  await t().call('card.simulatorInsert', { card: 'chen-xiulan' });
  const card = await t().call('card.read', {});
  const person = await t().call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
  const content = JSON.stringify({
    visit: 'inpatient',
    date: '2020-09-12',
    patient: { certno: person.certno, name: person.name },
    lines: [
      { code: 'A1', name: '床位费', class: 'A', price: '5000', qty: '1', kind: 'item' },
      { code: 'C1', name: '目录外靶向药', class: 'C', price: '12000', qty: '1', kind: 'drug' },
    ],
  });
  const bill = await t().call('bill.import', { format: 'json', content, fileName: 'review.json' });
  const committed = await t().call('settlement.commit', {
    attemptId: randomUUID(),
    hisBillNo: hisBillNo(),
    certificate: person.certificate,
    eligibilityId: person.eligibilityId,
    visit: 'inpatient',
    date: '2020-09-12',
    lines: bill.lines,
    billId: bill.billId,
  });
  expect(committed.summary.status).toBe('pending-review');
  expect(committed.result.amounts.patientCash).toBe('0.00');
  return committed.id;
}

describe('expert review outcome (专家审核结论)', () => {
  it('requires the reviewer, the opinion and the disallowed amount', async () => {
    const id = await pendingReview();
    const missing = await t().backend.handle('settlement.recordReview', { id, reviewer: ' ', opinion: '合理', disallowed: '0', supervisor: SUPERVISOR });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('请填写审核专家姓名') } });
    const noAmount = await t().backend.handle('settlement.recordReview', { id, reviewer: '王专家', opinion: '合理', disallowed: '', supervisor: SUPERVISOR });
    expect(noAmount).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const tooMuch = await t().backend.handle('settlement.recordReview', {
      id,
      reviewer: '王专家',
      opinion: '部分不合理',
      disallowed: '12000.01',
      supervisor: SUPERVISOR,
    });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'invalid-input', message: '不予支付金额 12000.01 超过本单个人自费 12000.00' } });
    expect((await t().call('settlement.get', { id })).status).toBe('pending-review');
  });

  it('approves with nothing disallowed: the settlement stands and no longer says 待专家审核', async () => {
    const id = await pendingReview();
    const recorded = await t().call('settlement.recordReview', { id, reviewer: '王专家', opinion: '费用合理、必要', disallowed: '0', supervisor: SUPERVISOR });
    expect(recorded).toMatchObject({ remade: null, receipts: [], outcome: { reviewer: '王专家', disallowed: '0.00', reversalId: null, remadeId: null } });
    const record = await t().call('settlement.get', { id });
    expect(record.status).toBe('reviewed-approved');
    expect(record.reversedBy).toBeNull();
    expect(record.reviewOutcome).toMatchObject({ originalId: id, opinion: '费用合理、必要' });
  });

  it('a partial outcome reverses the pending settlement and commits the re-made one, printed and queued, both linked', async () => {
    const id = await pendingReview();
    const before = await t().call('outbox.status', {});
    const recorded = await t().call('settlement.recordReview', { id, reviewer: '李专家', opinion: '靶向药 2000 元无指征', disallowed: '2000', supervisor: SUPERVISOR });
    const { reversalId, remadeId } = recorded.outcome;
    expect(reversalId).toEqual(expect.any(String));
    expect(recorded.remade).toMatchObject({ id: remadeId, status: 'settled', flags: { reviewRequired: false } });
    expect(recorded.remade.amounts).toMatchObject({ total: '17000.00', patientCash: '2000.00', hospitalShare: '2000.00' });
    expect(recorded.receipts).toHaveLength(2);
    for (const receipt of recorded.receipts) expect(receipt).toMatchObject({ pdfPath: expect.stringMatching(/\.pdf$/), warning: null });

    const original = await t().call('settlement.get', { id });
    expect(original).toMatchObject({ status: 'reviewed-rejected', reversedBy: reversalId, reviewOutcome: { remadeId, reversalId, disallowed: '2000.00' } });
    const remade = await t().call('settlement.get', { id: remadeId });
    expect(remade.reviewOutcome).toMatchObject({ originalId: id });
    expect(remade.input.review).toEqual({ disallowed: '2000.00' });
    const fund = remade.trace.find((s: { layer: string }) => s.layer === 'poverty-fund');
    expect(fund.notes).toContainEqual({ code: 'fourth.povertyFund.reviewed', data: { disallowed: '2000.00', reasonable: expect.any(String) } });
    const shown = renderTrace(remade.trace);
    expect(shown.find((s) => s.layer === 'poverty-fund')!.notes.join('')).toContain('专家审核已完成');
    expect(shown.flatMap((s) => s.notes).join('')).not.toContain('须专家审核');
    const after = await t().call('outbox.status', {});
    expect(after.pending - before.pending).toBe(2);

    const again = await t().backend.handle('settlement.recordReview', { id, reviewer: '李专家', opinion: '再次', disallowed: '0', supervisor: SUPERVISOR });
    expect(again).toMatchObject({ ok: false, error: { code: 'settlement-already-reversed' } });
  });

  it('reprints a reversed settlement marked 已冲销 and reports the print as it happened', async () => {
    const id = await pendingReview();
    const { reversalId } = await t().call('settlement.reverse', { id, supervisor: SUPERVISOR, reason: '录入错误' });
    const reprint = await t().call('settlement.reprint', { id: reversalId });
    expect(reprint.receipt).toMatchObject({ pdfPath: expect.stringMatching(/\.pdf$/), printed: false, warning: null });
    const html = (await t().call('receipt.preview', { settlementId: id })).html;
    expect(html).toContain(`已冲销（冲销单 ${reversalId}）`);
    const voucher = (await t().call('receipt.preview', { settlementId: reversalId })).html;
    expect(voucher).toContain('冲销凭证');
    expect(voucher).toContain('-17000.00');
  });
});
