import { useEffect, useState } from 'react';
import { Busy, ErrorNote } from '../ui/controls';
import { useOp } from '../ui/use-op';

/**
 * The stored settlement's receipt as the patient gets it. The backend's HTML has no scripts and its
 * own CSP; it is shown in a sandboxed iframe (`sandbox=""`: no scripts, no forms, a unique origin).
 * `version` changes after a reprint, so the preview is re-read.
 */
export function ReceiptPreview(props: { settlementId: string; version?: number }) {
  const [html, setHtml] = useState<string | null>(null);
  const preview = useOp('receipt.preview');
  useEffect(() => {
    let current = true;
    void preview.run({ settlementId: props.settlementId }).then((value) => {
      if (current) setHtml(value ? value.html : null);
    });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.settlementId, props.version]);

  return (
    <div className="receipt-preview">
      <h3>结算单预览</h3>
      {preview.busy && !html ? <Busy label="正在生成结算单预览…" /> : null}
      <ErrorNote message={preview.error?.message} label="结算单预览错误" />
      {html ? <iframe className="receipt-frame" title={`结算单 ${props.settlementId}`} sandbox="" srcDoc={html} /> : null}
    </div>
  );
}
