import { useState, type FormEvent } from 'react';
import { DialogActions, ErrorNote, TextField } from '../ui/controls';
import { fieldError } from '../api';
import { useHotkeys } from '../ui/hotkeys';
import { NO_SUPERVISOR_CREDENTIALS, SupervisorFields, type SupervisorCredentials } from '../ui/SupervisorFields';
import type { SettlementFlow } from './settle';

/**
 * The same bill settled before (at this window or another): the refusal names the earlier
 * settlement; a supervisor standing at the till may settle it again with their own password and a
 * reason (audited by the backend).
 */
export function DuplicateBillDialog(props: { flow: SettlementFlow; earlier: string; onCancel: () => void }) {
  const { flow } = props;
  const [supervisor, setSupervisor] = useState<SupervisorCredentials>(NO_SUPERVISOR_CREDENTIALS);
  const [reason, setReason] = useState('');
  useHotkeys({ Escape: props.onCancel });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void flow.runCommit({ supervisor, reason });
  };
  const error = flow.commitOp.error?.code === 'duplicate-bill' ? null : flow.commitOp.error;
  return (
    <form className="dialog" onSubmit={submit} aria-label="重复结算">
      <h3>该费用单已结算</h3>
      <p>
        原结算单号 <strong data-testid="duplicate-of">{props.earlier}</strong>。同一费用单不能重复结算；如确需再次结算，请主管输入本人用户名、密码并填写原因（记入审计）。
      </p>
      <SupervisorFields value={supervisor} onChange={setSupervisor} error={error} autoFocus />
      <TextField label="再次结算的原因" value={reason} onChange={setReason} error={fieldError(error, 'duplicateOverride.reason')} wide />
      <ErrorNote message={error && !error.details?.length ? error.message : null} label="授权错误" />
      <DialogActions submitLabel="主管授权再次结算" kind="danger" busy={flow.commitOp.busy} onCancel={props.onCancel} />
    </form>
  );
}
