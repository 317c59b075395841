import type { Session, Status } from '../app-context';
import { formatTime } from '../format';
import { READER_STATE_LABELS } from '../labels';

/** Always on screen: who, where, and whether the reader, the bureau and the upload queue are fine. */
export function StatusBar(props: { status: Status | null; session: Session; serviceError: string | null; onLogout: () => void }) {
  const { status, session } = props;
  const bureau = status?.bureau;
  const pending = status ? status.outbox.pending + status.outbox.rejected : 0;
  return (
    <header className="statusbar" aria-label="状态栏">
      <div className="brand">
        一单通 <span className="brand-sub">{status?.hospital.name ?? ''}</span>
      </div>
      <dl className="status-items">
        <div>
          <dt>收费员</dt>
          <dd data-testid="status-operator">
            {session.operator.displayName}（{session.operator.username}）
          </dd>
        </div>
        <div>
          <dt>终端</dt>
          <dd data-testid="status-terminal">{session.terminalId}</dd>
        </div>
        <div className={status?.reader.state === 'ready' || status?.reader.state === 'no-card' ? '' : 'status-bad'}>
          <dt>读卡器</dt>
          <dd data-testid="status-reader" title={status?.reader.detail}>
            {status ? (READER_STATE_LABELS[status.reader.state] ?? status.reader.state) : '—'}
          </dd>
        </div>
        <div className={bureau && bureau.checkedAt && !bureau.online ? 'status-bad' : ''}>
          <dt>医保中心</dt>
          <dd
            data-testid="status-bureau"
            title={bureau?.checkedAt ? `${bureau.reason ? `${bureau.reason}　` : ''}检测时间 ${formatTime(bureau.checkedAt)}` : '尚未检测连接'}
          >
            {!bureau ? '—' : !bureau.checkedAt ? '未检测' : bureau.online ? '在线' : `离线（花名册 ${bureau.rosterDate ?? status?.roster.asOf ?? '无'}）`}
          </dd>
          {bureau?.mode === 'demo' ? (
            <dd className="status-demo" data-testid="status-demo" title="内置医保模拟服务：结算不是真实的医保结算">
              演示
            </dd>
          ) : null}
        </div>
        {status?.ledger && (status.ledger.shared || !status.ledger.online) ? (
          <div className={status.ledger.online ? '' : 'status-bad'}>
            <dt>医院台账</dt>
            <dd data-testid="status-ledger" title={status.ledger.detail}>
              {status.ledger.online ? '已连接' : '服务器无法连接，暂停结算'}
            </dd>
          </div>
        ) : null}
        <div className={status?.ledgerCheck && !status.ledgerCheck.ok ? 'status-bad' : ''}>
          <dt>台账核验</dt>
          <dd
            data-testid="status-ledger-check"
            title={status?.ledgerCheck ? `${status.ledgerCheck.problems.join('；')}　核验时间 ${formatTime(status.ledgerCheck.checkedAt)}` : undefined}
          >
            {!status?.ledgerCheck ? '—' : status.ledgerCheck.ok ? '核验正常' : '核验发现问题，请主管处理'}
          </dd>
        </div>
        <div className={pending > 0 ? 'status-warn' : ''}>
          <dt>待上传</dt>
          <dd data-testid="status-outbox">{status ? `${pending} 笔` : '—'}</dd>
        </div>
      </dl>
      {props.serviceError ? (
        <p className="status-error" role="alert">
          {props.serviceError}
        </p>
      ) : null}
      <button type="button" className="btn btn-quiet" onClick={props.onLogout}>
        退出登录
      </button>
    </header>
  );
}
