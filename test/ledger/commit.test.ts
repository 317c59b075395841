import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCommit } from '../../tools/fixtures';
import { DIALECTS, inOrder, tempLedger, unwrap, type TempLedger } from './helpers';

describe.each(DIALECTS)('ledger on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
  });
  afterEach(async () => t.close());

  const count = (table: string) => t.raw.count(table);

  describe('commitSettlement', () => {
    it('stores the settlement with its bill, status, outbox row, patient and audit row', async () => {
      const args = sampleCommit({ amounts: { total: '1234.50', inscope: '1234.50', basic: '864.15', assistance: '259.25' } });
      args.input.lines = [{ code: 'A1', name: '床位费', class: 'A', price: '617.25', qty: '2' }];
      const committed = unwrap(await t.ledger.commitSettlement(args));
      expect(committed).toEqual({
        settlementId: 'T01-20210315-000001',
        committedAt: expect.stringMatching(/^2021-03-15T09:00:00\.000[+-]\d\d:\d\d$/),
        status: 'settled',
      });

      const record = (await t.ledger.getSettlement(committed.settlementId))!;
      expect(record.amounts).toEqual({
        total: '1234.50',
        ownpay: '0.00',
        overlimit: '0.00',
        preselfpay: '0.00',
        inscope: '1234.50',
        basic: '864.15',
        catastrophic: '0.00',
        assistance: '259.25',
        supplementary: '0.00',
        povertyFund: '0.00',
        hospitalShare: '0.00',
        discount: '0.00',
        patientCash: '111.10',
      });
      expect(record.copay1).toBe('370.35');
      expect(record.selfPaid).toBe('0.00');
      expect(record.kind).toBe('settlement');
      expect(record.status).toBe('settled');
      expect(record.policy).toEqual({ region: 'CN-GZ', version: 'CN-GZ@2021-01-01' });
      expect(record.patient).toEqual({ certno: '520102196503150017', name: '王建国', psnNo: 'P0001' });
      expect(record.input.lines).toEqual([{ code: 'A1', name: '床位费', class: 'A', price: '617.25', qty: '2' }]);
      expect(record.input.ytd.basicPaid).toBe('0');
      expect(record.trace).toHaveLength(1);
      expect(record.billSource).toBe('his-demo.json');
      expect(record.outbox).toMatchObject({ status: 'pending', attempts: 0, lastError: null, bureauSetlId: null });
      expect(record.events).toEqual([{ status: 'settled', operatorId: 'cashier', at: committed.committedAt, note: null }]);
      expect(await t.raw.all('SELECT line_no, amount_fen FROM bill_lines')).toEqual([{ line_no: 1, amount_fen: 123450 }]);
      expect(await t.ledger.patients.get('520102196503150017')).toMatchObject({ name: '王建国', visits: 1 });
      expect((await t.ledger.audit.list({ action: 'settlement.commit' }))[0]).toMatchObject({
        actor: 'cashier',
        subject: 'T01-20210315-000001',
        detail: { certno: '520102196503150017', total: '1234.50', patientCash: '111.10', status: 'settled', visit: 'inpatient' },
      });
    });

    it('numbers settlements per terminal and local day from a persisted counter', async () => {
      const ids = [unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId, unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId];
      t.clock.set(2021, 3, 16);
      ids.push(unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId);
      expect(ids).toEqual(['T01-20210315-000001', 'T01-20210315-000002', 'T01-20210316-000001']);
    });

    it('commits a settlement needing expert review as pending-review', async () => {
      const { settlementId, status } = unwrap(await t.ledger.commitSettlement(sampleCommit({ reviewRequired: true })));
      expect(status).toBe('pending-review');
      expect((await t.ledger.getSettlement(settlementId))!.flags).toEqual({
        reviewRequired: true,
        monitoringAlert: false,
        charityReferral: false,
        deferredPayment: false,
      });
    });

    it('is all or nothing: a failure in the outbox insert leaves no trace of the settlement', async () => {
      const before = { audit: await count('audit_log'), counters: await count('counters') };
      await t.raw.failInserts('outbox', 'disk on fire');
      await expect(t.ledger.commitSettlement(sampleCommit())).rejects.toThrow('disk on fire');
      expect([
        await count('settlements'),
        await count('bills'),
        await count('bill_lines'),
        await count('settlement_events'),
        await count('outbox'),
        await count('patients'),
      ]).toEqual([0, 0, 0, 0, 0, 0]);
      expect({ audit: await count('audit_log'), counters: await count('counters') }).toEqual(before);

      await t.raw.stopFailing('outbox');
      expect(unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId).toBe('T01-20210315-000001');
      expect(await t.ledger.verifyAuditChain()).toEqual({ ok: true, rows: before.audit + 1 });
    });

    it.each([
      ['amounts that do not add up', () => ({ ...sampleCommit({ amounts: { total: '100.00', basic: '70.00', patientCash: '20.00' } }) }), 'ledger-inconsistent-result'],
      ['an unknown operator', () => sampleCommit({ operator: 'nobody' }), 'ledger-unknown-operator'],
      ['a bill without lines', () => ({ ...sampleCommit(), input: { ...sampleCommit().input, lines: [] } }), 'ledger-invalid-settlement'],
      ['a patient without certno', () => ({ ...sampleCommit(), patient: { certno: '', name: '某人' } }), 'ledger-invalid-settlement'],
    ])('refuses %s', async (_label, make, code) => {
      const result = await t.ledger.commitSettlement(make());
      expect(result.ok ? 'committed' : result.error.code).toBe(code);
      expect(await count('settlements')).toBe(0);
    });
  });

  describe('reverseSettlement', () => {
    it('writes a negating record with its own outbox row and audit, and links both ways', async () => {
      const original = unwrap(
        await t.ledger.commitSettlement(sampleCommit({ amounts: { total: '500.00', inscope: '500.00', basic: '350.00', assistance: '105.00' } })),
      ).settlementId;
      t.clock.set(2021, 3, 17);
      const reversal = unwrap(await t.ledger.reverseSettlement(original, { supervisorId: 'supervisor', reason: '收费项目录入错误', operatorId: 'cashier' }));
      expect(reversal).toMatchObject({ settlementId: 'T01-20210317-000001', originalId: original });

      const record = (await t.ledger.getSettlement(reversal.settlementId))!;
      expect(record.kind).toBe('reversal');
      expect(record.reversesId).toBe(original);
      expect(record.date).toBe('2021-03-15');
      expect(record.amounts).toMatchObject({ total: '-500.00', inscope: '-500.00', basic: '-350.00', assistance: '-105.00', patientCash: '-45.00', ownpay: '0.00' });
      expect(record.copay1).toBe('-150.00');
      expect(record.reversal).toEqual({ supervisorId: 'supervisor', reason: '收费项目录入错误', at: record.committedAt });
      expect(record.operatorId).toBe('cashier');
      expect(record.outbox?.status).toBe('pending');
      expect(record.billSource).toBe('his-demo.json');
      expect((await t.ledger.getSettlement(original))!.reversedBy).toBe(reversal.settlementId);
      expect((await t.ledger.audit.list({ action: 'settlement.reverse' }))[0]!.detail).toMatchObject({
        originalId: original,
        supervisorId: 'supervisor',
        reason: '收费项目录入错误',
      });
    });

    it.each([
      ['a cashier as supervisor', { supervisorId: 'cashier', reason: '错误' }, 'reversal-needs-supervisor'],
      ['an unknown supervisor', { supervisorId: 'ghost', reason: '错误' }, 'reversal-needs-supervisor'],
      ['no reason', { supervisorId: 'supervisor', reason: '   ' }, 'reversal-reason-required'],
    ])('refuses %s', async (_label, args, code) => {
      const original = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
      const result = await t.ledger.reverseSettlement(original, args);
      expect(result.ok ? 'reversed' : result.error.code).toBe(code);
      expect(await count('reversals')).toBe(0);
    });

    it('reverses an original only once, never a reversal, never an unknown id', async () => {
      const original = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
      const args = { supervisorId: 'supervisor', reason: '重复收费' };
      const reversal = unwrap(await t.ledger.reverseSettlement(original, args)).settlementId;
      const codes = await inOrder([original, reversal, 'T01-20210315-999999'], async (id) => {
        const r = await t.ledger.reverseSettlement(id, args);
        return r.ok ? 'reversed' : r.error.code;
      });
      expect(codes).toEqual(['settlement-already-reversed', 'reversal-of-reversal', 'settlement-not-found']);
      expect(await count('settlements')).toBe(2);
    });

    it('backs the once-only rule with a unique index even if the check is bypassed', async () => {
      const original = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
      unwrap(await t.ledger.reverseSettlement(original, { supervisorId: 'supervisor', reason: '重复收费' }));
      await expect(
        t.raw.run(`INSERT INTO reversals (settlement_id, original_id, supervisor_id, reason, at) VALUES (?, ?, 'supervisor', 'x', 'now')`, [original, original]),
      ).rejects.toThrow(/UNIQUE|unique/);
    });
  });

  describe('recordReview', () => {
    it('records the expert outcome as an event and refuses a second one', async () => {
      const { settlementId } = unwrap(await t.ledger.commitSettlement(sampleCommit({ reviewRequired: true })));
      t.clock.tick(60_000);
      expect(unwrap(await t.ledger.recordReview(settlementId, { outcome: 'approved', operatorId: 'supervisor', note: '专家组意见：同意' }))).toEqual({
        settlementId,
        status: 'reviewed-approved',
      });
      const record = (await t.ledger.getSettlement(settlementId))!;
      expect(record.status).toBe('reviewed-approved');
      expect(record.events.map((e) => [e.status, e.operatorId, e.note])).toEqual([
        ['pending-review', 'cashier', null],
        ['reviewed-approved', 'supervisor', '专家组意见：同意'],
      ]);
      const again = await t.ledger.recordReview(settlementId, { outcome: 'rejected', operatorId: 'supervisor' });
      expect(again.ok ? 'recorded' : again.error.code).toBe('review-not-pending');
    });

    it('refuses a review of a settlement that was not waiting for one, or was reversed', async () => {
      const plain = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
      const pending = unwrap(await t.ledger.commitSettlement(sampleCommit({ reviewRequired: true }))).settlementId;
      unwrap(await t.ledger.reverseSettlement(pending, { supervisorId: 'supervisor', reason: '病人转院' }));
      const codes = await inOrder([plain, pending, 'nope'], async (id) => {
        const r = await t.ledger.recordReview(id, { outcome: 'rejected', operatorId: 'supervisor' });
        return r.ok ? r.value.status : r.error.code;
      });
      expect(codes).toEqual(['review-not-pending', 'settlement-already-reversed', 'settlement-not-found']);
    });
  });

  describe('listSettlements', () => {
    it('filters by commit day, patient substring, amount range and kind', async () => {
      const a = unwrap(await t.ledger.commitSettlement(sampleCommit({ amounts: { total: '100.00', inscope: '100.00', basic: '70.00' } }))).settlementId;
      t.clock.set(2021, 3, 16);
      const b = unwrap(
        await t.ledger.commitSettlement(sampleCommit({ certno: '522627197209080047', name: '杨光英', amounts: { total: '250.00', inscope: '250.00', basic: '175.00' } })),
      ).settlementId;
      t.clock.tick();
      const c = unwrap(
        await t.ledger.commitSettlement(sampleCommit({ certno: '440703195807120022', name: '陈秀兰', amounts: { total: '900.00', inscope: '900.00', basic: '630.00' } })),
      ).settlementId;
      t.clock.tick();
      const r = unwrap(await t.ledger.reverseSettlement(a, { supervisorId: 'supervisor', reason: '错收' })).settlementId;

      const ids = async (q: Parameters<typeof t.ledger.listSettlements>[0]) => (await t.ledger.listSettlements(q)).map((s) => s.id);
      expect(await ids({})).toEqual([r, c, b, a]);
      expect(await ids({ from: '2021-03-16', to: '2021-03-16' })).toEqual([r, c, b]);
      expect(await ids({ to: '2021-03-15' })).toEqual([a]);
      expect(await ids({ patient: '光英' })).toEqual([b]);
      expect(await ids({ patient: '4407031958' })).toEqual([c]);
      expect(await ids({ patient: '%' })).toEqual([]);
      expect(await ids({ minAmount: '100.00', maxAmount: '250.00' })).toEqual([b, a]);
      expect(await ids({ kind: 'reversal' })).toEqual([r]);
      expect(await ids({ limit: 2 })).toEqual([r, c]);
      const first = await t.ledger.listSettlements({ patient: '王建国' });
      expect(first.map((s) => [s.id, s.reversedBy, s.amounts.total])).toEqual([
        [r, null, '-100.00'],
        [a, r, '100.00'],
      ]);
    });
  });

  describe('outbox', () => {
    it('queues every settlement and reversal, tracks attempts, and keeps acknowledged records acknowledged', async () => {
      const a = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
      t.clock.tick();
      const b = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
      expect((await t.ledger.outboxPending(10)).map((i) => [i.settlementId, i.attempts, i.settlement.amounts.total])).toEqual([
        [a, 0, '609.00'],
        [b, 0, '609.00'],
      ]);
      unwrap(
        await t.ledger.markOutbox([
          { settlementId: a, status: 'sent' },
          { settlementId: b, status: 'sent' },
        ]),
      );
      unwrap(await t.ledger.markOutbox({ settlementId: a, status: 'acked', bureauSetlId: 'S0001' }));
      unwrap(await t.ledger.markOutbox({ settlementId: b, status: 'pending', error: '网络超时' }));
      expect(await t.ledger.outboxCounts()).toEqual({ pending: 1, sent: 0, acked: 1, rejected: 0, total: 2 });
      expect((await t.ledger.outboxPending(10)).map((i) => [i.settlementId, i.attempts, i.lastError])).toEqual([[b, 1, '网络超时']]);
      expect((await t.ledger.getSettlement(a))!.outbox).toMatchObject({ status: 'acked', attempts: 1, bureauSetlId: 'S0001' });

      const back = await t.ledger.markOutbox([
        { settlementId: b, status: 'sent' },
        { settlementId: a, status: 'pending' },
      ]);
      expect(back.ok ? 'marked' : back.error.code).toBe('outbox-already-acked');
      expect((await t.ledger.getSettlement(b))!.outbox?.status).toBe('pending'); // the whole batch was refused
      const missing = await t.ledger.markOutbox({ settlementId: 'X', status: 'sent' });
      expect(missing.ok ? 'marked' : missing.error.code).toBe('outbox-not-found');
    });
  });

  describe('recordPrint', () => {
    it('counts reprints and audits each print', async () => {
      const { settlementId } = unwrap(await t.ledger.commitSettlement(sampleCommit()));
      expect(await inOrder([1, 2, 3], (i) => t.ledger.recordPrint(settlementId, `/receipts/${settlementId}-${i}.pdf`, 'cashier'))).toEqual([0, 1, 2]);
      expect((await t.ledger.getSettlement(settlementId))!.printCount).toBe(3);
      expect((await t.ledger.audit.list()).slice(0, 3).map((r) => r.action)).toEqual(['receipt.reprint', 'receipt.reprint', 'receipt.print']);
      await expect(t.ledger.recordPrint('nope', '/x.pdf')).rejects.toThrow(/找不到结算单/);
    });
  });
});

describe.each(DIALECTS)('the same bill is never settled twice, on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
  });
  afterEach(async () => t.close());

  it('refuses a HIS bill number already settled, with the earlier number; after its reversal it settles', async () => {
    const first = unwrap(await t.ledger.commitSettlement(sampleCommit({ hisBillNo: 'ZY2021-0042' }))).settlementId;
    const again = await t.ledger.commitSettlement(sampleCommit({ hisBillNo: 'ZY2021-0042', amounts: { total: '999.00', inscope: '999.00', basic: '699.30' } }));
    expect(again.ok ? 'committed' : again.error).toEqual({ code: 'duplicate-bill', message: expect.stringContaining(first) });
    unwrap(await t.ledger.reverseSettlement(first, { supervisorId: 'supervisor', reason: '收费错误' }));
    expect((await t.ledger.commitSettlement(sampleCommit({ hisBillNo: 'ZY2021-0042' }))).ok).toBe(true);
  });

  it('without a HIS number: refuses the same person, visit, date and total; a supervisor may override, audited', async () => {
    const bill = { hisBillNo: null, amounts: { total: '500.00', inscope: '500.00', basic: '350.00' } } as const;
    const first = unwrap(await t.ledger.commitSettlement(sampleCommit(bill))).settlementId;
    const refused = await t.ledger.commitSettlement(sampleCommit(bill));
    expect(refused.ok ? 'committed' : refused.error.code).toBe('duplicate-bill');
    expect((await t.ledger.commitSettlement(sampleCommit({ ...bill, date: '2021-03-16' }))).ok).toBe(true);
    const notSupervisor = await t.ledger.commitSettlement({ ...sampleCommit(bill), duplicateOverride: { supervisorId: 'cashier', reason: '分两次出院' } });
    expect(notSupervisor.ok ? 'committed' : notSupervisor.error.code).toBe('duplicate-needs-supervisor');
    const overridden = unwrap(await t.ledger.commitSettlement({ ...sampleCommit(bill), duplicateOverride: { supervisorId: 'supervisor', reason: '分两次出院' } }));
    expect((await t.ledger.audit.list({ action: 'settlement.duplicate-override' }))[0]).toMatchObject({
      actor: 'supervisor',
      subject: overridden.settlementId,
      detail: { earlierId: first, reason: '分两次出院', operatorId: 'cashier' },
    });
    expect(await t.raw.count('settlements')).toBe(3);
  });
});

describe.each(DIALECTS)('stale preview, on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
  });
  afterEach(async () => t.close());

  const person = { certno: '440703195807120022', name: '陈秀兰' };
  const resettleTo = (assistance: string) => () => {
    const r = sampleCommit({ ...person, amounts: { total: '1000.00', inscope: '1000.00', basic: '700.00', assistance } }).result;
    return { ok: true as const, value: r };
  };

  it('commits when nothing changed for the person since the mark, or when the re-settled answer is the same', async () => {
    const mark = await t.ledger.ytdMark(person.certno);
    const args = sampleCommit({ ...person, amounts: { total: '1000.00', inscope: '1000.00', basic: '700.00', assistance: '200.00' } });
    let called = 0;
    unwrap(await t.ledger.commitSettlement(args, { recheck: { year: 2021, ytdMark: mark, resettle: () => (called++, resettleTo('0.00')()) } }));
    expect(called).toBe(0); // nothing new for the person: no re-settling
    // Another window settled for the person after this mark; the re-settled answer equals the preview: committed.
    const late = sampleCommit({ ...person, amounts: { total: '1000.00', inscope: '1000.00', basic: '700.00', assistance: '200.00' } });
    expect((await t.ledger.commitSettlement(late, { recheck: { year: 2021, ytdMark: mark, resettle: resettleTo('200.00') } })).ok).toBe(true);
  });

  it('refuses with stale-preview and writes nothing when the re-settled answer differs', async () => {
    const mark = await t.ledger.ytdMark(person.certno);
    unwrap(await t.ledger.commitSettlement(sampleCommit({ ...person, amounts: { total: '800.00', inscope: '800.00', basic: '560.00', assistance: '240.00' } })));
    const before = await t.raw.count('settlements');
    const previewed = sampleCommit({ ...person, amounts: { total: '1000.00', inscope: '1000.00', basic: '700.00', assistance: '300.00' } });
    let delta: unknown;
    const refused = await t.ledger.commitSettlement(previewed, {
      recheck: { year: 2021, ytdMark: mark, resettle: (d) => ((delta = d), resettleTo('60.00')()) },
    });
    expect(refused.ok ? 'committed' : refused.error).toEqual({ code: 'stale-preview', message: expect.stringContaining('请重新预结算') });
    expect(delta).toMatchObject({ assistancePaid: '240.00', basicPaid: '560.00' }); // exactly what the other window added
    expect(await t.raw.count('settlements')).toBe(before);
  });
});
