import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { OpOutput } from '../../shared/contract';
import { call } from '../api';
import { useApp } from '../app-context';
import { formatTime } from '../format';
import { OUTBOX_STATUS_LABELS, UPLOAD_STATE_LABELS } from '../labels';
import { ActionButton, DialogActions, ErrorNote, Money, Notice, Section } from '../ui/controls';
import { useHotkeys } from '../ui/hotkeys';
import { NO_SUPERVISOR_CREDENTIALS, SupervisorFields } from '../ui/SupervisorFields';
import { useOp } from '../ui/use-op';
import { ReconcilePanel } from './ReconcilePanel';

type Progress = OpOutput<'upload.progress'>;
type Outbox = OpOutput<'outbox.status'>;
type Rejected = OpOutput<'upload.rejected'>[number];

const POLL_MS = 300;

/** 上传对账: the queue to the bureau, a manual upload with its progress, refused records, and the day's reconciliation. */
export function UploadScreen() {
  return (
    <div className="stack">
      <UploadPanel />
      <ReconcilePanel />
    </div>
  );
}

function UploadPanel() {
  const { refreshStatus } = useApp();
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [rejected, setRejected] = useState<Rejected[]>([]);
  const [requeueIds, setRequeueIds] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const start = useOp('upload.now');
  const timer = useRef<number | null>(null);

  const reload = useCallback(async () => {
    const [o, p, r] = await Promise.all([call('outbox.status', {}), call('upload.progress', {}), call('upload.rejected', {})]);
    const failed = [o, p, r].find((x) => !x.ok);
    setLoadError(failed && !failed.ok ? failed.error.message : null);
    if (o.ok) setOutbox(o.value);
    if (p.ok) setProgress(p.value);
    if (r.ok) setRejected(r.value);
    return p.ok ? p.value : null;
  }, []);

  /** Polls upload.progress while a run is under way, then re-reads the counts and the refused list. */
  const follow = useCallback(() => {
    if (timer.current !== null) return;
    const tick = async () => {
      const p = await call('upload.progress', {});
      if (p.ok) setProgress(p.value);
      if (p.ok && p.value.state === 'running') {
        timer.current = window.setTimeout(() => void tick(), POLL_MS);
        return;
      }
      timer.current = null;
      await reload();
      refreshStatus();
    };
    timer.current = window.setTimeout(() => void tick(), POLL_MS);
  }, [reload, refreshStatus]);

  useEffect(() => {
    void reload().then((p) => p?.state === 'running' && follow());
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [reload, follow]);

  const running = progress?.state === 'running';
  const uploadNow = async () => {
    setMessage(null);
    const p = await start.run({});
    if (!p) return;
    setProgress(p);
    if (p.state === 'running') follow();
    else void reload();
  };
  useHotkeys({
    F6: running || start.busy ? undefined : () => void uploadNow(),
    F5: () => void reload(),
    Escape: requeueIds ? () => setRequeueIds(null) : undefined,
  });

  return (
    <Section
      title="上传医保中心"
      className="panel-upload"
      actions={
        <>
          <ActionButton label="立即上传" hotkey="F6" kind="primary" onClick={() => void uploadNow()} busy={start.busy || running} />
          <ActionButton label="刷新" hotkey="F5" onClick={() => void reload()} />
        </>
      }
    >
      <ErrorNote message={loadError} />
      <dl className="bill-totals outbox-counts" aria-label="上传队列">
        {(['pending', 'sent', 'acked', 'rejected'] as const).map((k) => (
          <div key={k}>
            <dt>{OUTBOX_STATUS_LABELS[k]}</dt>
            <dd data-testid={`outbox-${k}`}>{outbox ? `${outbox[k]} 笔` : '—'}</dd>
          </div>
        ))}
      </dl>
      <ErrorNote message={start.error?.message} label="上传错误" />
      {progress ? <ProgressView progress={progress} /> : null}
      {message ? <Notice tone="ok">{message}</Notice> : null}
      <h3>医保中心拒收的结算单</h3>
      {rejected.length ? (
        <>
          <table className="table" aria-label="拒收记录">
            <thead>
              <tr>
                <th scope="col">结算单号</th>
                <th scope="col">患者</th>
                <th scope="col" className="num">
                  总额
                </th>
                <th scope="col">医保中心答复</th>
                <th scope="col" className="num">
                  上传次数
                </th>
                <th scope="col">拒收时间</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{r.patientName}</td>
                  <td className="num">
                    <Money value={r.total} />
                  </td>
                  <td className="text-bad" data-testid="rejected-message">
                    {r.message}
                  </td>
                  <td className="num">{r.attempts}</td>
                  <td>{formatTime(r.at)}</td>
                  <td>
                    <button type="button" className="btn btn-small" aria-label={`重新上传 ${r.id}`} onClick={() => setRequeueIds([r.id])}>
                      重新上传
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rejected.length > 1 ? <ActionButton label="全部重新上传" onClick={() => setRequeueIds(rejected.map((r) => r.id))} /> : null}
        </>
      ) : (
        <p className="empty">没有被拒收的结算单</p>
      )}
      {requeueIds ? (
        <RequeueForm
          ids={requeueIds}
          onCancel={() => setRequeueIds(null)}
          onDone={(count) => {
            setRequeueIds(null);
            setMessage(`已将 ${count} 笔结算单放回上传队列，将在下次上传时重新发送`);
            void reload();
            refreshStatus();
          }}
        />
      ) : null}
    </Section>
  );
}

function ProgressView(props: { progress: Progress }) {
  const p = props.progress;
  const running = p.state === 'running';
  return (
    <div className="upload-progress">
      {running || p.total > 0 ? (
        <div className="busy" role="status" aria-live="polite">
          <progress aria-label="上传进度" value={p.sent} max={Math.max(p.total, 1)} />
          <span data-testid="upload-progress">
            已上传 {p.sent}/{p.total} 笔{p.batches > 0 ? `，第 ${p.batch}/${p.batches} 批` : ''}
          </span>
        </div>
      ) : null}
      <p className="hint" data-testid="upload-state">
        {UPLOAD_STATE_LABELS[p.state] ?? p.state}
        {p.finishedAt && !running ? `（${formatTime(p.finishedAt)}：确认 ${p.acked} 笔，拒收 ${p.rejected} 笔，留待下次 ${p.pending} 笔）` : ''}
      </p>
      <ErrorNote message={p.lastError} label="上次上传问题" />
      <p className="hint" data-testid="upload-next">
        每日 {p.scheduleAt} 自动上传{p.nextRunAt ? `，下次：${formatTime(p.nextRunAt)}` : ''}
      </p>
    </div>
  );
}

/** Putting refused settlements back in the queue: the cause must have been dealt with, so a supervisor confirms (logged in, or with their password at a cashier's till). */
function RequeueForm(props: { ids: string[]; onDone: (count: number) => void; onCancel: () => void }) {
  const { session } = useApp();
  const [supervisor, setSupervisor] = useState(NO_SUPERVISOR_CREDENTIALS);
  const requeue = useOp('upload.requeue');
  const isSupervisor = session.operator.role === 'supervisor';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = await requeue.run(isSupervisor ? { ids: props.ids } : { ids: props.ids, supervisor });
    if (value) props.onDone(value.requeued);
    else setSupervisor((typed) => ({ ...typed, password: '' }));
  };
  const general = requeue.error && !requeue.error.details?.length ? requeue.error.message : null;
  return (
    <form className="dialog" onSubmit={submit} aria-label="重新上传">
      <h3>重新上传 {props.ids.length === 1 ? `结算单 ${props.ids[0]}` : `${props.ids.length} 笔结算单`}</h3>
      <p className="hint">
        请先按医保中心的答复处理好原因（如补办参保、更正信息），再放回上传队列。此操作须由主管进行{isSupervisor ? '。' : '：请主管输入自己的用户名和密码授权。'}
      </p>
      {isSupervisor ? null : <SupervisorFields value={supervisor} onChange={setSupervisor} error={requeue.error} autoFocus />}
      <ErrorNote message={general} label="重新上传错误" />
      <DialogActions submitLabel="确认重新上传" busy={requeue.busy} onCancel={props.onCancel} focusSubmit={isSupervisor} />
    </form>
  );
}
