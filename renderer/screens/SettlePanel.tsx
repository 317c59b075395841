import { ActionButton, Busy, ErrorNote, Notice, Section } from '../ui/controls';
import { DuplicateBillDialog } from './DuplicateBillDialog';
import { useHotkeys } from '../ui/hotkeys';
import { RealtimeColumns } from './RealtimeColumns';
import { ReceiptPreview } from './ReceiptPreview';
import { receiptText } from './receipt-outcome';
import { SettlementView } from './SettlementView';
import type { SettlementFlow } from './settle';

/** The preview, the confirmation and the receipt, with 预结算 (F4), 确认结算 (F9), 补打 (F10), 下一位 (F12). */
export function SettlePanel(props: { flow: SettlementFlow; blocked: string | null; onNext: () => void; emptyHint?: string }) {
  const { flow } = props;
  const earlier = flow.duplicateOf;
  const preview = () => void flow.runPreview();
  useHotkeys({
    F4: flow.canPreview && !props.blocked ? preview : undefined,
    F9: flow.canCommit && earlier === null ? () => void flow.runCommit() : undefined,
    F10: flow.canReprint ? () => void flow.runReprint() : undefined,
    F12: props.onNext,
  });
  const committed = flow.committed;
  const shown = committed ? committed.result : flow.preview?.result;
  const realtime = committed ? committed.realtime : flow.preview?.realtime;
  const receipt = committed?.receipt;
  return (
    <Section
      title={committed ? '结算完成' : '预结算'}
      className="panel-settle"
      actions={
        <>
          <ActionButton label="预结算" hotkey="F4" onClick={preview} disabled={!flow.canPreview || props.blocked !== null} busy={flow.previewOp.busy} />
          <ActionButton label="确认结算" hotkey="F9" kind="primary" onClick={() => void flow.runCommit()} disabled={!flow.canCommit} busy={flow.commitOp.busy} />
          <ActionButton label="补打" hotkey="F10" onClick={() => void flow.runReprint()} disabled={!flow.canReprint} busy={flow.reprintOp.busy} />
          <ActionButton label="下一位" hotkey="F12" onClick={props.onNext} />
        </>
      }
    >
      {props.blocked && !committed ? <p className="hint">{props.blocked}</p> : null}
      {flow.previewOp.busy ? <Busy label="正在计算各方支付…" /> : null}
      {flow.commitOp.busy ? <Busy label="正在结算并打印结算单…" /> : null}
      <ErrorNote message={flow.previewOp.error?.message} label="预结算错误" />
      {earlier !== null && !committed ? (
        <DuplicateBillDialog flow={flow} earlier={earlier} onCancel={flow.cancelDuplicate} />
      ) : (
        <ErrorNote message={flow.commitOp.error?.message} label="结算错误" />
      )}
      <ErrorNote
        message={flow.reprintOp.error?.message ?? (flow.reprinted && !receiptText(flow.reprinted, '补打').ok ? receiptText(flow.reprinted, '补打').text : null)}
        label="补打错误"
      />
      {committed ? (
        <Notice tone="ok">
          结算成功，结算单号 <strong data-testid="settlement-id">{committed.id}</strong>
          {committed.summary.status === 'pending-review' ? '（待专家审核）' : ''}。
          <span data-testid="receipt-state">
            {receipt?.pending ? '正在生成结算单…' : receipt?.printed ? '结算单已打印' : receipt?.pdfPath ? '结算单已生成并存档' : '结算单未生成'}
            {flow.printCount && flow.printCount > 1 ? `，已补打 ${flow.printCount - 1} 次` : ''}
          </span>
          {receipt?.pdfPath && !receipt.pending ? <span className="hint">　存档：{receipt.pdfPath}</span> : null}
        </Notice>
      ) : null}
      {receipt?.warning ? <Notice tone="warn">{receipt.warning}</Notice> : null}
      {(committed?.warnings ?? flow.preview?.warnings ?? []).map((w) => (
        <Notice tone="warn" key={w}>
          {w}
        </Notice>
      ))}
      {realtime ? <RealtimeColumns view={realtime} /> : null}
      {shown ? <SettlementView figures={shown} /> : <p className="empty">{props.emptyHint ?? '载入费用单后按 F4 预结算，核对金额后按 F9 确认结算'}</p>}
      {committed ? <ReceiptPreview settlementId={committed.id} version={flow.printCount ?? 1} /> : null}
    </Section>
  );
}
