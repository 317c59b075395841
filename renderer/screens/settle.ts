import { useState } from 'react';
import type { OpInput, OpOutput } from '../../shared/contract';
import { useApp } from '../app-context';
import { useOp } from '../ui/use-op';
import { certificateVerified, type CertificateState } from './CertificateCheck';
import type { PersonContext } from './patient';

export type SettleRequest = OpInput<'settlement.preview'>;
export type Preview = OpOutput<'settlement.preview'>;
export type Committed = OpOutput<'settlement.commit'>;

/**
 * The request for the backend: the resolved context (by its eligibilityId) and the 就医证 number
 * only when the cashier's check matched the one on record.
 */
export function settleRequestFor(person: PersonContext, certificate: CertificateState, rest: Omit<SettleRequest, 'person' | 'eligibilityId'>): SettleRequest {
  const verified = certificateVerified(person, certificate);
  return {
    person: { ...person, certificate: verified ? certificate.typed.trim() : null },
    ...(person.eligibilityId ? { eligibilityId: person.eligibilityId } : {}),
    ...rest,
  };
}

/**
 * 预结算 → 确认结算 → 补打 for one request. Confirming is allowed only for the exact request that
 * was previewed: any change to the bill, patient or visit needs a new preview first.
 */
export function useSettlementFlow(request: SettleRequest | null) {
  const { refreshStatus } = useApp();
  const previewOp = useOp('settlement.preview');
  const commitOp = useOp('settlement.commit');
  const reprintOp = useOp('settlement.reprint');
  const [preview, setPreview] = useState<{ key: string; value: Preview } | null>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const [printCount, setPrintCount] = useState<number | null>(null);
  const key = request ? JSON.stringify(request) : null;
  const current = preview && preview.key === key ? preview.value : null;

  return {
    preview: current,
    committed,
    printCount,
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
    runCommit: async () => {
      if (!request || !current || committed) return;
      const value = await commitOp.run(request);
      if (value) {
        setCommitted(value);
        setPrintCount(1);
      }
      refreshStatus();
    },
    runReprint: async () => {
      if (!committed) return;
      const value = await reprintOp.run({ id: committed.id });
      if (value) setPrintCount(value.printCount);
    },
    reset: () => {
      setPreview(null);
      setCommitted(null);
      setPrintCount(null);
      previewOp.setError(null);
      commitOp.setError(null);
      reprintOp.setError(null);
    },
  };
}

export type SettlementFlow = ReturnType<typeof useSettlementFlow>;
