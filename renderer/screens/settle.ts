import { ledgerStamp } from '../../shared/time';
import { useState } from 'react';
import type { OpInput, OpOutput } from '../../shared/contract';
import { call } from '../api';
import { useApp } from '../app-context';
import { forgetPendingAttempt, newAttemptId, rememberPendingAttempt } from './pending-attempt';
import { useOp } from '../ui/use-op';
import { certificateVerified, type CertificateState } from './CertificateCheck';
import type { PersonContext } from './patient';

export type SettleRequest = OpInput<'settlement.preview'>;
/** A request as the screens build it; the flow adds its attempt's key. */
export type SettleDraft = Omit<SettleRequest, 'attemptId'>;
export type Preview = OpOutput<'settlement.preview'>;
export type Committed = OpOutput<'settlement.commit'>;
/** A supervisor's decision to settle a bill already settled (the backend checks and audits it). */
export type DuplicateOverride = NonNullable<OpInput<'settlement.commit'>['duplicateOverride']>;

/** The earlier settlement a `duplicate-bill` refusal names. */
export function duplicateOf(error: { code: string; message: string } | null): string | null {
  if (error?.code !== 'duplicate-bill') return null;
  return /结算单号\s*([A-Za-z0-9-]+)/.exec(error.message)?.[1] ?? '';
}

/**
 * The request for the backend: the resolved context by its eligibilityId (the backend settles with
 * what it resolved, nothing else) and the 就医证 number only when the cashier's check matched.
 */
export function settleRequestFor(
  person: PersonContext,
  certificate: CertificateState,
  rest: Omit<SettleDraft, 'person' | 'eligibilityId' | 'certificate'>,
): SettleDraft | null {
  if (!person.eligibilityId) return null;
  const verified = certificateVerified(person, certificate);
  return { eligibilityId: person.eligibilityId, certificate: verified ? certificate.typed.trim() : null, ...rest };
}

/**
 * 预结算 → 确认结算 → 补打 for one request. Confirming is allowed only for the exact request that
 * was previewed: any change to the bill, patient or visit needs a new preview first. Each bill at the
 * till is one attempt (a new key after 下一位): pressing 结算 again, or after a lost answer or a
 * restart, answers the same settlement, never a second one.
 */
export function useSettlementFlow(draft: SettleDraft | null) {
  const { refreshStatus } = useApp();
  const previewOp = useOp('settlement.preview');
  const commitOp = useOp('settlement.commit');
  const reprintOp = useOp('settlement.reprint');
  const waitReceipt = async (id: string) => {
    const result = await call('settlement.receipt', { id });
    return result.ok ? result.value : null;
  };
  const [preview, setPreview] = useState<{ key: string; value: Preview } | null>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const [printCount, setPrintCount] = useState<number | null>(null);
  /** The outcome of the latest 补打: a copy that failed is never reported as printed. */
  const [reprinted, setReprinted] = useState<OpOutput<'settlement.reprint'>['receipt'] | null>(null);
  const [attemptId, setAttemptId] = useState(newAttemptId);
  // The duplicate-bill refusal's earlier settlement, kept through a refused authorisation until settled, cancelled or 下一位.
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const refusedAs = duplicateOf(commitOp.error);
  if (refusedAs !== null && refusedAs !== duplicate) setDuplicate(refusedAs);
  const request: SettleRequest | null = draft ? { ...draft, attemptId } : null;
  const key = request ? JSON.stringify(request) : null;
  const current = preview && preview.key === key ? preview.value : null;

  return {
    preview: current,
    committed,
    printCount,
    reprinted,
    previewOp,
    commitOp,
    reprintOp,
    canPreview: request !== null && !previewOp.busy && !committed,
    canCommit: current !== null && !commitOp.busy && !committed,
    canReprint: committed !== null && !reprintOp.busy,
    runPreview: async () => {
      if (!request || !key || committed) return;
      const value = await previewOp.run(request);
      if (value) setPreview({ key, value });
    },
    /** The bill refused as already settled: the earlier settlement's number (the override dialog is open). */
    duplicateOf: committed ? null : duplicate,
    cancelDuplicate: () => {
      setDuplicate(null);
      commitOp.setError(null);
    },
    runCommit: async (duplicateOverride?: DuplicateOverride) => {
      if (!request || !current || committed) return;
      rememberPendingAttempt({ attemptId, total: current.result.amounts.total, at: ledgerStamp(new Date()) });
      const value = await commitOp.run(duplicateOverride ? { ...request, duplicateOverride } : request);
      if (value) {
        setDuplicate(null);
        forgetPendingAttempt(attemptId);
        setCommitted(value);
        setPrintCount(1);
        if (value.receipt.pending) {
          const receipt = await waitReceipt(value.id);
          if (receipt) setCommitted((c) => (c && c.id === value.id ? { ...c, receipt } : c));
        }
      }
      refreshStatus();
    },
    runReprint: async () => {
      if (!committed) return;
      setReprinted(null);
      const value = await reprintOp.run({ id: committed.id });
      if (value) {
        setPrintCount(value.printCount);
        setReprinted(value.receipt);
      }
    },
    reset: () => {
      setDuplicate(null);
      setAttemptId(newAttemptId());
      setPreview(null);
      setCommitted(null);
      setPrintCount(null);
      setReprinted(null);
      previewOp.setError(null);
      commitOp.setError(null);
      reprintOp.setError(null);
    },
  };
}

export type SettlementFlow = ReturnType<typeof useSettlementFlow>;
