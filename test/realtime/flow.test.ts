import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothSettlements } from '../../electron/realtime';
import { PAYER_FIELDS } from '../../shared/engine';
import { dec, sum } from '../../shared/money';
import { centreYtd } from '../bureau/helpers';
import { engineInput, inpatientBill, library, outpatientBill, startRealtimeHarness, type RealtimeHarness } from './helpers';

let h: RealtimeHarness;
beforeAll(async () => {
  h = await startRealtimeHarness();
});
afterAll(() => h.close());

const addsUp = (amounts: Record<string, string>) => sum(PAYER_FIELDS.map((f) => amounts[f]!)).eq(amounts.total!);

describe('real-time settlement at the centre', () => {
  it('inpatient: 2401, 2301, 2402, 2303 quote, 2304 settle — the centre’s amounts, our cross-check and fourth layer', async () => {
    const { flow, client } = h.flow();
    const bill = inpatientBill();
    const before = await h.admin(undefined);
    const ytd = await centreYtd(client, bill.person.psnNo, bill.date);
    const quote = await flow.preSettle(bill);
    if (!quote.ok) throw new Error(quote.error.message);
    expect(quote.value.answer.setlinfo.setl_id).toBeUndefined();
    expect(quote.value.lines.map((l) => [l.code, l.centreClass, l.selfPayRatio, l.differs])).toEqual([
      ['RT-A1', 'A', '0', false],
      ['RT-B1', 'B', '0.1', false],
      ['RT-C1', 'C', '1', false],
    ]);
    const info = quote.value.answer.setlinfo;
    // §11.3's identities on the centre's answer.
    expect(dec(info.fulamt_ownpay_amt).plus(info.overlmt_selfpay).plus(info.preselfpay_amt).plus(info.inscp_scp_amt).eq(info.medfee_sumamt)).toBe(true);
    expect(
      dec(info.fund_pay_sumamt)
        .plus(info.psn_part_amt ?? '0')
        .plus(info.hosp_part_amt ?? '0')
        .eq(info.medfee_sumamt),
    ).toBe(true);

    const both = bothSettlements({ ...engineInput(bill, ['subsistence']), ytd }, quote.value.lines, info, library);
    if (!both.ok) throw new Error(both.error.message);
    expect(both.value.check.differences).toEqual([]);
    expect(both.value.final.amounts.basic).toBe(info.hifp_pay);
    expect(both.value.final.amounts.assistance).toBe(info.maf_pay);
    expect(addsUp(both.value.final.amounts)).toBe(true);
    expect(dec(info.maf_pay).greaterThan(0)).toBe(true);

    const settled = await flow.settle(bill);
    if (!settled.ok) throw new Error(settled.error.message);
    expect(settled.value.setlId).toMatch(/^\d{6}\d{8}\d{8}$/);
    expect(settled.value.answer.setlinfo.medins_setl_id).toBe(settled.value.msgid);
    expect(settled.value.answer.setlinfo.hifp_pay).toBe(info.hifp_pay);
    expect((await h.admin(undefined)).settlements).toBe(before.settlements + 1);

    // F9 again (a double press, a lost commit): the stored answer, nothing new at the centre.
    const again = await flow.settle(bill);
    expect(again.ok && again.value).toMatchObject({ setlId: settled.value.setlId, replayed: true });
    expect((await h.admin(undefined)).settlements).toBe(before.settlements + 1);

    // The centre refuses a second settlement of the same admission under another attempt.
    const query = await client.call(
      '5203',
      { data: { psn_no: bill.person.psnNo, setl_id: settled.value.setlId } },
      (await import('../../electron/bureau/schemas')).settlementQueryOutputSchema,
      { insuplcAdmdvs: '520100' },
    );
    expect(query.ok && query.value.output.setlinfo.setl_id).toBe(settled.value.setlId);
  });

  it.each(['outpatient', 'pharmacy'] as const)('%s: 2201, 2203, 2204, 2206 quote, 2207 settle', async (visit) => {
    const { flow } = h.flow();
    const bill = outpatientBill(visit);
    const quote = await flow.preSettle(bill);
    if (!quote.ok) throw new Error(quote.error.message);
    expect(quote.value.answer.setlinfo.med_type).toBe(visit === 'pharmacy' ? '41' : '11');
    expect(quote.value.answer.setlinfo.medfee_sumamt).toBe('150.00');
    const settled = await flow.settle(bill);
    if (!settled.ok) throw new Error(settled.error.message);
    expect(settled.value.answer.setlinfo.setl_id).toBe(settled.value.setlId);
    expect(settled.value.answer.setlinfo.clr_type).toBe(visit === 'pharmacy' ? '41' : '11');
  });

  it('re-uploads a bill changed after F4 (2405, 2302 "0000", 2301 again) and quotes the new total', async () => {
    const { flow } = h.flow();
    const bill = inpatientBill(7);
    const first = await flow.preSettle(bill);
    expect(first.ok && first.value.answer.setlinfo.medfee_sumamt).toBe('7307.00');
    const changed = { ...bill, lines: bill.lines.slice(0, 2) };
    const second = await flow.preSettle(changed);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.answer.setlinfo.medfee_sumamt).toBe('7007.00');
    expect(second.value.lines.map((l) => l.feedetlSn)).toEqual(['F020001', 'F020002']);
    const settled = await flow.settle(changed);
    expect(settled.ok && settled.value.answer.setlinfo.medfee_sumamt).toBe('7007.00');
  });

  it('fault switch: a planted fen is shown by how much, and a changed line class on the line', async () => {
    const { flow, client } = h.flow();
    await h.admin({ plantFen: 1, lineClass: { code: 'RT-A1', class: 'B', selfPayRatio: '0.2', count: 1 } });
    const bill = inpatientBill(11);
    const ytd = await centreYtd(client, bill.person.psnNo, bill.date);
    const quote = await flow.preSettle(bill);
    if (!quote.ok) throw new Error(quote.error.message);
    expect(quote.value.lines[0]).toMatchObject({ billClass: 'A', centreClass: 'B', selfPayRatio: '0.2', differs: true });
    const both = bothSettlements({ ...engineInput(bill, ['subsistence']), ytd }, quote.value.lines, quote.value.answer.setlinfo, library);
    if (!both.ok) throw new Error(both.error.message);
    // Both columns use the centre's classes: only the planted fen differs.
    expect(both.value.check.differences).toEqual([{ field: 'basic', label: '基本医保', difference: '0.01' }]);
    expect(both.value.check.largest).toBe('0.01');
    expect(both.value.check.summary).toMatch(/基本医保相差 0\.01.*最可能的原因：本年累计/);
    expect(addsUp(both.value.final.amounts)).toBe(true);
    // The binding settlement carries the same fen: the cashier collects what the centre approved.
    const settled = await flow.settle(bill);
    expect(settled.ok && settled.value.answer.setlinfo.hifp_pay).toBe(quote.value.answer.setlinfo.hifp_pay);
  });

  it('a 2304 answered by nobody after the centre committed: 5203, 2601, settled again — one settlement at the centre', async () => {
    const { flow } = h.flow();
    const bill = inpatientBill(21);
    expect((await flow.preSettle(bill)).ok).toBe(true);
    const before = await h.admin(undefined);
    await h.setFaults({ failNext: 1, kinds: ['drop'], infnos: ['2304'], afterProcessing: true });
    const settled = await flow.settle(bill);
    await h.setFaults({});
    if (!settled.ok) throw new Error(settled.error.message);
    expect(settled.value.recovered).toEqual([expect.stringMatching(/^5203：医保中心已保存报文 \S{30} 的结算/), expect.stringMatching(/^2601：已冲正报文/)]);
    const after = await h.admin(undefined);
    expect(after.settlements).toBe(before.settlements + 1);
    expect(after.reversedMessages).toBe(before.reversedMessages + 1);
  });

  it('a 2304 still in flight when the client gave up is refused when it arrives: never two settlements', async () => {
    const { flow } = h.flow({ timeoutMs: 300 });
    const bill = inpatientBill(31);
    expect((await flow.preSettle(bill)).ok).toBe(true);
    const before = await h.admin(undefined);
    await h.setFaults({ latencyMs: 800, infnos: ['2304'] });
    const settled = await flow.settle(bill);
    expect(settled.ok).toBe(false);
    if (!settled.ok) expect(settled.error.message).toMatch(/已查询并冲正（2 笔），本单未结算/);
    // Let both delayed 2304s arrive: each is refused as reversed.
    await new Promise((r) => setTimeout(r, 1200));
    await h.setFaults({});
    expect((await h.admin(undefined)).settlements).toBe(before.settlements);
    const retried = await flow.settle(bill);
    if (!retried.ok) throw new Error(retried.error.message);
    expect((await h.admin(undefined)).settlements).toBe(before.settlements + 1);
  });

  it('a new attempt for the person first undoes what earlier ones left: a message whose reversal got no answer, a settlement never stored', async () => {
    const { flow } = h.flow();
    const before = await h.admin(undefined);
    // Attempt 1: its 2207 lost after the centre committed, and the 2601 reversing it lost after processing: pending.
    const lost = outpatientBill();
    expect((await flow.preSettle(lost)).ok).toBe(true);
    await h.setFaults({ failNext: 2, kinds: ['drop'], infnos: ['2207', '2601'], afterProcessing: true });
    const unknown = await flow.settle(lost);
    await h.setFaults({});
    expect(unknown.ok || unknown.error.code).toBe('bureau-outcome-unknown');
    // Attempt 2: settled at the centre, its local commit never made (the backend's isLeftover says so).
    const unstored = outpatientBill();
    const settled = await flow.settle(unstored);
    if (!settled.ok) throw new Error(settled.error.message);
    // Attempt 3, the same person: both undone first, then settled — one live settlement at the centre.
    const fresh = outpatientBill();
    const again = await flow.settle(fresh, async (state) => state.attemptId !== fresh.attemptId);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.recovered).toEqual([
      expect.stringMatching(/^5203：/),
      expect.stringMatching(/^2601：已冲正报文 /),
      `2208：已撤销未入本地台账的医保中心结算 ${settled.value.setlId}`,
    ]);
    const after = await h.admin(undefined);
    expect(after.settlements).toBe(before.settlements + 1);
    expect(after.cancellations).toBe(before.cancellations + 1);
    // Nothing is left over any more: a fourth attempt undoes nothing.
    const fourth = outpatientBill();
    const last = await flow.settle(fourth, async (state) => state.attemptId !== fourth.attemptId && state.attemptId !== fresh.attemptId);
    expect(last.ok && last.value.recovered).toEqual([]);
  });

  it('refuses what the spec refuses: lines after discharge, a refund without its original, an unknown visit', async () => {
    const { client } = h.flow();
    const { feeUploadOutputSchema } = await import('../../electron/realtime/schemas');
    const line = {
      feedetl_sn: 'X1',
      mdtrt_id: 'NOPE',
      psn_no: '52010000000000000002',
      fee_ocur_time: '2024-03-10 08:00:00',
      med_list_codg: 'RT-A1',
      medins_list_codg: 'RT-A1',
      det_item_fee_sumamt: '10.00',
      cnt: '1',
      pric: '10',
      bilg_dept_codg: '00',
      bilg_dept_name: '无',
      bilg_dr_codg: '000',
      bilg_dr_name: '无',
      hosp_appr_flag: '1',
    };
    const options = { insuplcAdmdvs: '520100' };
    const unknown = await client.call('2301', { feedetail: [line] }, feeUploadOutputSchema, options);
    expect(!unknown.ok && unknown.error.message).toBe('feedetail[0]（X1）：就诊ID NOPE 不存在');
    const { flow } = h.flow();
    const quote = await flow.preSettle(inpatientBill(41));
    if (!quote.ok) throw new Error(quote.error.message);
    const discharged = await client.call('2301', { feedetail: [{ ...line, mdtrt_id: quote.value.mdtrtId }] }, feeUploadOutputSchema, options);
    expect(!discharged.ok && discharged.error.message).toMatch(/已出院，不能再上传费用明细/);
    // Reopened (2405), a refund line must name a line it refunds.
    expect((await client.call('2405', { data: { mdtrt_id: quote.value.mdtrtId, psn_no: line.psn_no } }, (await import('zod')).z.unknown(), options)).ok).toBe(true);
    const orphan = await client.call(
      '2301',
      { feedetail: [{ ...line, mdtrt_id: quote.value.mdtrtId, cnt: '-1', det_item_fee_sumamt: '-10.00', init_feedetl_sn: 'F990001' }] },
      feeUploadOutputSchema,
      options,
    );
    expect(!orphan.ok && orphan.error.message).toMatch(/原费用流水号 F990001 不存在或项目不符/);
    // A refund of an uploaded line nets it: the quotation drops by the refunded amount.
    const refund = await client.call(
      '2301',
      {
        feedetail: [
          {
            ...line,
            feedetl_sn: 'R1',
            mdtrt_id: quote.value.mdtrtId,
            med_list_codg: 'RT-B1',
            medins_list_codg: 'RT-B1',
            cnt: '-1',
            pric: '1000',
            det_item_fee_sumamt: '-1000.00',
            init_feedetl_sn: quote.value.lines[1]!.feedetlSn,
          },
        ],
      },
      feeUploadOutputSchema,
      options,
    );
    expect(refund.ok && refund.value.output.result[0]).toMatchObject({ chrgitm_lv: '02', preselfpay_amt: '-100.00', inscp_scp_amt: '-900.00' });
    const { settleOutputSchema } = await import('../../electron/realtime/schemas');
    const requote = await client.call(
      '2303',
      {
        data: {
          psn_no: line.psn_no,
          mdtrt_cert_type: '02',
          mdtrt_cert_no: '520102196503150017',
          medfee_sumamt: '6341.00',
          psn_setlway: '01',
          mdtrt_id: quote.value.mdtrtId,
          insutype: '390',
          acct_used_flag: '0',
          mid_setl_flag: '0',
          dscgTime: '2024-03-10',
        },
      },
      settleOutputSchema,
      options,
    );
    if (!requote.ok) throw new Error(requote.error.message);
    expect(requote.value.output.setlinfo.medfee_sumamt).toBe('6341.00');
  });
});
