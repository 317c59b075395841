import { formatTime } from '../format';
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { Notice } from '../ui/controls';
import { useOp } from '../ui/use-op';
import { forgetPendingAttempt, pendingAttempt, type PendingAttempt } from './pending-attempt';
import { ReceiptPreview } from './ReceiptPreview';

type Found = NonNullable<OpOutput<'settlement.attempt'>['settlement']>;

/**
 * After a restart: a 结算 whose answer never arrived. Stored → its settlement number and receipt
 * (do not settle the visit again); not stored → nothing was settled, settle again.
 */
export function PendingAttemptNotice() {
  const [attempt, setAttempt] = useState<PendingAttempt | null>(() => pendingAttempt());
  const [found, setFound] = useState<Found | null | undefined>(undefined);
  const [showReceipt, setShowReceipt] = useState(false);
  const lookup = useOp('settlement.attempt');

  useEffect(() => {
    if (!attempt) return;
    void lookup.run({ attemptId: attempt.attemptId }).then((value) => {
      if (value) setFound(value.settlement);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt?.attemptId]);

  if (!attempt || found === undefined) return null;
  const dismiss = () => {
    forgetPendingAttempt(attempt.attemptId);
    setAttempt(null);
  };
  return (
    <div className="pending-attempt" role="alert" data-testid="pending-attempt">
      {found ? (
        <Notice tone="warn">
          上次确认结算（{formatTime(attempt.at).slice(0, 16)}，合计 {attempt.total} 元）未收到应答，但已保存：结算单号{' '}
          <strong data-testid="pending-attempt-id">{found.id}</strong>，患者 {found.patient.name}。请勿重复结算。{' '}
          <button type="button" className="btn" onClick={() => setShowReceipt(true)}>
            查看结算单
          </button>{' '}
          <button type="button" className="btn" onClick={dismiss}>
            知道了
          </button>
        </Notice>
      ) : (
        <Notice tone="info">
          上次确认结算（合计 {attempt.total} 元）未保存，未产生结算，请重新结算该患者。{' '}
          <button type="button" className="btn" onClick={dismiss}>
            知道了
          </button>
        </Notice>
      )}
      {found && showReceipt ? <ReceiptPreview settlementId={found.id} /> : null}
    </div>
  );
}
