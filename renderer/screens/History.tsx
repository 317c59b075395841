import { useEffect, useState, type FormEvent } from 'react';
import type { OpOutput } from '../../shared/contract';
import { fieldError } from '../api';
import { useApp } from '../app-context';
import { formatTime, maskId } from '../format';
import { OUTBOX_STATUS_LABELS, STATUS_LABELS, VISIT_LABELS } from '../labels';
import { ActionButton, Busy, DialogActions, ErrorNote, Money, Notice, Section, TextField } from '../ui/controls';
import { useHotkeys } from '../ui/hotkeys';
import { NO_SUPERVISOR_CREDENTIALS, SupervisorFields } from '../ui/SupervisorFields';
import { useOp } from '../ui/use-op';
import { ReceiptPreview } from './ReceiptPreview';
import { receiptsText, receiptText } from './receipt-outcome';
import { SettlementView } from './SettlementView';

type Summary = OpOutput<'settlement.list'>['items'][number];
type SettlementRecord = OpOutput<'settlement.get'>;

/** 结算查询: find a settlement, read its trace, reprint, reverse it, record an expert review. */
export function HistoryScreen() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [patient, setPatient] = useState('');
  const [minAmount, setMin] = useState('');
  const [maxAmount, setMax] = useState('');
  const [items, setItems] = useState<Summary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useOp('settlement.list');

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    const result = await list.run({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(patient.trim() ? { patient: patient.trim() } : {}),
      ...(minAmount.trim() ? { minAmount: minAmount.trim() } : {}),
      ...(maxAmount.trim() ? { maxAmount: maxAmount.trim() } : {}),
    });
    if (result) {
      setItems(result.items);
      setTotal(result.total);
    }
  };
  useEffect(() => {
    void search();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useHotkeys({ F5: () => void search() });

  if (openId)
    return (
      <SettlementDetail
        id={openId}
        onClose={() => {
          setOpenId(null);
          void search();
        }}
      />
    );

  return (
    <Section title="结算查询" className="panel-history">
      <form className="filter-grid" onSubmit={search} aria-label="查询条件">
        <TextField label="起始日期" type="date" value={from} onChange={setFrom} error={fieldError(list.error, 'from')} />
        <TextField label="截止日期" type="date" value={to} onChange={setTo} error={fieldError(list.error, 'to')} />
        <TextField label="患者姓名或证件号" value={patient} onChange={setPatient} error={fieldError(list.error, 'patient')} />
        <TextField label="最低金额" value={minAmount} onChange={setMin} inputMode="decimal" error={fieldError(list.error, 'minAmount')} />
        <TextField label="最高金额" value={maxAmount} onChange={setMax} inputMode="decimal" error={fieldError(list.error, 'maxAmount')} />
        <button type="submit" className="btn btn-primary">
          查询 (F5)
        </button>
      </form>
      <ErrorNote message={list.error && !list.error.details?.length ? list.error.message : null} />
      {list.busy ? <Busy label="正在查询…" /> : null}
      {items ? (
        <>
          <p className="hint">
            共 {total} 笔{total > items.length ? `，显示前 ${items.length} 笔` : ''}
          </p>
          <table className="table" aria-label="结算记录">
            <thead>
              <tr>
                <th scope="col">结算单号</th>
                <th scope="col">结算时间</th>
                <th scope="col">患者</th>
                <th scope="col">类型</th>
                <th scope="col" className="num">
                  总额
                </th>
                <th scope="col" className="num">
                  个人现金
                </th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} className={s.reversedBy || s.kind === 'reversal' ? 'row-muted' : ''}>
                  <td>{s.id}</td>
                  <td>{formatTime(s.committedAt)}</td>
                  <td>
                    {s.patient.name} {maskId(s.patient.certno)}
                  </td>
                  <td>{s.kind === 'reversal' ? '冲销' : ((VISIT_LABELS as Record<string, string>)[s.visit] ?? s.visit)}</td>
                  <td className="num">{s.amounts.total}</td>
                  <td className="num">{s.amounts.patientCash}</td>
                  <td>{s.reversedBy ? '已冲销' : (STATUS_LABELS[s.status] ?? s.status)}</td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => setOpenId(s.id)} aria-label={`查看 ${s.id}`}>
                      查看
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 ? <p className="empty">没有符合条件的结算</p> : null}
        </>
      ) : null}
    </Section>
  );
}

function SettlementDetail(props: { id: string; onClose: () => void }) {
  const { refreshStatus } = useApp();
  const [record, setRecord] = useState<SettlementRecord | null>(null);
  const [dialog, setDialog] = useState<'reverse' | 'review' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [printProblem, setPrintProblem] = useState<string | null>(null);
  const get = useOp('settlement.get');
  const reprint = useOp('settlement.reprint');

  const reload = async () => {
    const value = await get.run({ id: props.id });
    if (value) setRecord(value);
  };
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.id]);

  const canReverse = record !== null && record.kind === 'settlement' && !record.reversedBy;
  const canReview = record !== null && record.status === 'pending-review' && !record.reversedBy;
  const doReprint = async () => {
    setMessage(null);
    setPrintProblem(null);
    const value = await reprint.run({ id: props.id });
    if (value) {
      const outcome = receiptText(value.receipt, '补打');
      if (outcome.ok) setMessage(`${outcome.text}，累计打印 ${value.printCount} 次`);
      else setPrintProblem(outcome.text);
      void reload();
    }
  };
  useHotkeys({
    Escape: dialog ? () => setDialog(null) : props.onClose,
    F10: record && !reprint.busy ? () => void doReprint() : undefined,
    F8: canReverse && !dialog ? () => setDialog('reverse') : undefined,
  });

  return (
    <Section
      title={`结算单 ${props.id}`}
      className="panel-detail"
      actions={
        <>
          <ActionButton label="补打" hotkey="F10" onClick={() => void doReprint()} busy={reprint.busy} disabled={!record} />
          <ActionButton label="冲销" hotkey="F8" kind="danger" onClick={() => setDialog('reverse')} disabled={!canReverse} />
          {canReview ? <ActionButton label="登记审核结论" onClick={() => setDialog('review')} /> : null}
          <ActionButton label="返回" hotkey="Esc" onClick={props.onClose} />
        </>
      }
    >
      {get.busy && !record ? <Busy label="正在读取结算单…" /> : null}
      <ErrorNote message={get.error?.message} />
      <ErrorNote message={reprint.error?.message ?? printProblem} label="补打错误" />
      {message ? <Notice tone="ok">{message}</Notice> : null}
      {dialog === 'reverse' && record ? (
        <ReverseForm
          id={record.id}
          realtime={Boolean(record.centre)}
          onDone={(value) => {
            setDialog(null);
            setMessage(reversedText(value));
            refreshStatus();
            void reload();
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'review' && record ? (
        <ReviewForm
          id={record.id}
          selfPaid={record.selfPaid}
          onDone={(recorded) => {
            setDialog(null);
            setMessage(
              recorded.remade
                ? `审核结论已登记：原结算已冲销（${recorded.outcome.reversalId}），已按审核结论重新结算，新结算单号 ${recorded.remade.id}；${receiptsText(recorded.receipts)}`
                : '审核结论已登记：全部合理，原结算有效',
            );
            refreshStatus();
            void reload();
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {record ? (
        <>
          <dl className="kv kv-wide">
            <div>
              <dt>患者</dt>
              <dd>
                {record.patient.name} {maskId(record.patient.certno)}
              </dd>
            </div>
            <div>
              <dt>结算时间</dt>
              <dd>{formatTime(record.committedAt)}</dd>
            </div>
            <div>
              <dt>就诊类型</dt>
              <dd>{(VISIT_LABELS as Record<string, string>)[record.visit] ?? record.visit}</dd>
            </div>
            <div>
              <dt>状态</dt>
              <dd data-testid="detail-status">{record.reversedBy ? `已冲销（${record.reversedBy}）` : (STATUS_LABELS[record.status] ?? record.status)}</dd>
            </div>
            <div>
              <dt>政策版本</dt>
              <dd>{record.policy.version}</dd>
            </div>
            <div>
              <dt>打印次数</dt>
              <dd data-testid="detail-prints">{record.printCount}</dd>
            </div>
            <div>
              <dt>上传</dt>
              <dd>{record.outbox ? OUTBOX_STATUS_LABELS[record.outbox.status] : '—'}</dd>
            </div>
            {record.centre ? (
              <div className="kv-row-wide" data-testid="detail-centre">
                <dt>医保中心</dt>
                <dd>
                  结算ID {record.centre.setlId}
                  {record.centre.cancelSetlId ? `；已在医保中心撤销（撤销结算ID ${record.centre.cancelSetlId}）` : ''}
                </dd>
              </div>
            ) : null}
            {record.reviewOutcome ? (
              <div className="kv-row-wide" data-testid="detail-review">
                <dt>专家审核</dt>
                <dd>
                  {record.reviewOutcome.reviewer}：{record.reviewOutcome.opinion}；不予支付 ¥ {record.reviewOutcome.disallowed}
                  {record.reviewOutcome.remadeId && record.reviewOutcome.remadeId !== record.id ? `；重新结算单 ${record.reviewOutcome.remadeId}` : ''}
                  {record.reviewOutcome.remadeId === record.id ? `；由结算单 ${record.reviewOutcome.originalId} 审核后重新结算` : ''}
                </dd>
              </div>
            ) : null}
            {record.reversal ? (
              <div>
                <dt>冲销原因</dt>
                <dd>{record.reversal.reason}</dd>
              </div>
            ) : null}
          </dl>
          <SettlementView figures={record} showTrace />
          {record.events.length ? (
            <ul className="events" aria-label="状态记录">
              {record.events.map((e, i) => (
                <li key={i}>
                  {formatTime(e.at)}　{STATUS_LABELS[e.status] ?? e.status}　{e.operatorId}
                  {e.note ? `：${e.note}` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="hint">
            结算总额 <Money value={record.amounts.total} />
          </p>
          <ReceiptPreview settlementId={record.id} version={record.printCount} />
        </>
      ) : null}
    </Section>
  );
}

type Reversed = OpOutput<'settlement.reverse'>;

/** What the supervisor is told after a reversal; a real-time one names the centre's cancellation. */
function reversedText(value: Reversed): string {
  const c = value.centre;
  const local = `已冲销，冲销单号 ${value.reversalId}`;
  if (!c) return local;
  return `${local}；医保中心已撤销结算 ${c.setlId}（交易 ${c.infno}，撤销结算ID ${c.cancelSetlId}，医疗费总额 ${c.medfeeSumamt}，基金支付 ${c.fundPaySumamt}）${c.notes.length ? `；${c.notes.join('；')}` : ''}`;
}

function ReverseForm(props: { id: string; realtime: boolean; onDone: (value: Reversed) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [supervisor, setSupervisor] = useState(NO_SUPERVISOR_CREDENTIALS);
  const reverse = useOp('settlement.reverse');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = await reverse.run({ id: props.id, reason, supervisor });
    if (value) props.onDone(value);
    else setSupervisor((typed) => ({ ...typed, password: '' }));
  };
  const general = reverse.error && !reverse.error.details?.length ? reverse.error.message : null;
  return (
    <form className="dialog" onSubmit={submit} aria-label="冲销">
      <h3>冲销结算单 {props.id}</h3>
      <p className="hint">
        {props.realtime
          ? '这是医保中心实时结算：将先在医保中心撤销该结算，医保中心确认后才生成金额相反的冲销记录，需主管授权。'
          : '冲销将生成一笔金额相反的冲销记录并上传医保中心，需主管授权。'}
      </p>
      <TextField label="冲销原因" value={reason} onChange={setReason} autoFocus wide error={fieldError(reverse.error, 'reason')} />
      <SupervisorFields value={supervisor} onChange={setSupervisor} error={reverse.error} />
      <ErrorNote message={general} label="冲销错误" />
      <DialogActions submitLabel="确认冲销" kind="danger" busy={reverse.busy} onCancel={props.onCancel} />
    </form>
  );
}

type ReviewRecorded = OpOutput<'settlement.recordReview'>;

/** 专家审核结论: reviewer, opinion and the disallowed part are required; a supervisor authorises it. */
function ReviewForm(props: { id: string; selfPaid: string; onDone: (recorded: ReviewRecorded) => void; onCancel: () => void }) {
  const [reviewer, setReviewer] = useState('');
  const [opinion, setOpinion] = useState('');
  const [disallowed, setDisallowed] = useState('0');
  const [supervisor, setSupervisor] = useState(NO_SUPERVISOR_CREDENTIALS);
  const review = useOp('settlement.recordReview');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = await review.run({ id: props.id, reviewer, opinion, disallowed, supervisor });
    if (value) props.onDone(value);
    else setSupervisor((typed) => ({ ...typed, password: '' }));
  };
  const general = review.error && !review.error.details?.length ? review.error.message : null;
  return (
    <form className="dialog" onSubmit={submit} aria-label="专家审核结论">
      <h3>登记专家审核结论</h3>
      <p className="hint">
        本单个人自费 ¥ {props.selfPaid}。不予支付金额填 0 表示全部合理、原结算有效；大于 0
        时将冲销原结算并按审核结论重新结算（不合理部分由个人支付），打印冲销凭证和新结算单，需主管授权。
      </p>
      <TextField label="审核专家" value={reviewer} onChange={setReviewer} autoFocus error={fieldError(review.error, 'reviewer')} />
      <TextField label="审核意见" value={opinion} onChange={setOpinion} wide error={fieldError(review.error, 'opinion')} />
      <TextField label="不予支付金额（元）" value={disallowed} onChange={setDisallowed} error={fieldError(review.error, 'disallowed')} />
      <SupervisorFields value={supervisor} onChange={setSupervisor} error={review.error} />
      <ErrorNote message={general} label="审核结论错误" />
      <DialogActions submitLabel="保存审核结论" busy={review.busy} onCancel={props.onCancel} />
    </form>
  );
}
