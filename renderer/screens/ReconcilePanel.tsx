import { useState, type FormEvent } from 'react';
import type { OpOutput } from '../../shared/contract';
import { fieldError } from '../api';
import { CLR_TYPE_LABELS, INSUTYPE_LABELS, OUTBOX_STATUS_LABELS } from '../labels';
import { Busy, ErrorNote, Notice, Section, TextField } from '../ui/controls';
import { useHotkeys } from '../ui/hotkeys';
import { useOp } from '../ui/use-op';
import { today } from './visit';

type Day = OpOutput<'reconcile.day'>;
type Group = Day['groups'][number];
type Totals = Group['terminal'];

const label = (labels: Record<string, string>, code: string) => (labels[code] ? `${labels[code]}（${code}）` : code);

/** 对账 (F7): per 险种 × 清算类别, this terminal's totals beside what the bureau acknowledged, and its verdict. */
export function ReconcilePanel() {
  const [date, setDate] = useState(today());
  const [day, setDay] = useState<Day | null>(null);
  const reconcile = useOp('reconcile.day');
  const run = async (event?: FormEvent) => {
    event?.preventDefault();
    const value = await reconcile.run({ date });
    setDay(value);
  };
  useHotkeys({ F7: reconcile.busy ? undefined : () => void run() });

  return (
    <Section title="对账" className="panel-reconcile">
      <form className="inline-form" onSubmit={run} aria-label="对账日期">
        <TextField label="对账日期（结算日）" type="date" value={date} onChange={setDate} error={fieldError(reconcile.error, 'date')} />
        <button type="submit" className="btn btn-primary" aria-keyshortcuts="F7" disabled={reconcile.busy}>
          对账 (F7)
        </button>
      </form>
      {reconcile.busy ? <Busy label="正在与医保中心对账…" /> : null}
      <ErrorNote message={reconcile.error && !reconcile.error.details?.length ? reconcile.error.message : null} label="对账错误" />
      {day ? (
        <>
          <Notice tone={day.balanced ? 'ok' : 'warn'}>
            <span data-testid="reconcile-verdict">
              {day.groups.length === 0 ? `${day.date} 没有结算` : day.balanced ? `${day.date} 对账平衡` : `${day.date} 对账不平`}
            </span>
          </Notice>
          {day.groups.map((g) => (
            <GroupView key={`${g.insutype}/${g.clrType}`} group={g} />
          ))}
        </>
      ) : null}
    </Section>
  );
}

function GroupView(props: { group: Group }) {
  const g = props.group;
  const title = `${label(INSUTYPE_LABELS, g.insutype)} · ${label(CLR_TYPE_LABELS, g.clrType)}`;
  const rows: Array<[string, Totals]> = [
    ['本机', g.terminal],
    ['医保中心已确认', g.acknowledged],
  ];
  return (
    <div className={`reconcile-group ${g.balanced ? 'reconcile-ok' : 'reconcile-bad'}`} role="group" aria-label={title}>
      <h3>
        {title}　<span data-testid="group-verdict">{g.balanced ? '平' : '不平'}</span>
      </h3>
      <table className="table" aria-label={`${title} 汇总`}>
        <thead>
          <tr>
            <th scope="col">来源</th>
            <th scope="col" className="num">
              笔数
            </th>
            <th scope="col" className="num">
              医疗费总额
            </th>
            <th scope="col" className="num">
              基金支付
            </th>
            <th scope="col" className="num">
              个人账户
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([who, t]) => (
            <tr key={who}>
              <th scope="row">{who}</th>
              <td className="num">{t.count}</td>
              <td className="num">{t.medfeeSumamt}</td>
              <td className="num">{t.fundPaySumamt}</td>
              <td className="num">{t.acctPay}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={g.error ? 'error-note' : 'hint'}>医保中心：{g.error ? g.error.message : g.bureauMessage}</p>
      {g.detail ? <DetailView title={title} detail={g.detail} /> : null}
      {g.differing.length ? (
        <table className="table" aria-label={`${title} 不一致的结算`}>
          <caption>不一致的结算（医保中心未确认）</caption>
          <thead>
            <tr>
              <th scope="col">结算单号</th>
              <th scope="col">类型</th>
              <th scope="col">患者</th>
              <th scope="col" className="num">
                总额
              </th>
              <th scope="col" className="num">
                基金支付
              </th>
              <th scope="col">上传状态</th>
              <th scope="col">原因</th>
            </tr>
          </thead>
          <tbody>
            {g.differing.map((d) => (
              <tr key={d.id}>
                <td>{d.id}</td>
                <td>{d.kind === 'reversal' ? '冲销' : '结算'}</td>
                <td>{d.patientName}</td>
                <td className="num">{d.total}</td>
                <td className="num">{d.fundPay}</td>
                <td>{OUTBOX_STATUS_LABELS[d.outboxStatus] ?? d.outboxStatus}</td>
                <td>{d.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

type Detail = NonNullable<Group['detail']>;

/** 3202 对明细账: each settlement the centre and this hospital disagree on, our figures beside the centre's. */
function DetailView(props: { title: string; detail: Detail }) {
  const d = props.detail;
  if (d.error) return <p className="error-note">对明细账（3202）失败：{d.error.message}</p>;
  if (!d.differences.length) return <p className="hint">对明细账（3202）：逐笔核对 {d.compared} 笔，未发现不一致的结算</p>;
  const pair = (v: { total: string; fundPay: string } | null, key: 'total' | 'fundPay') => (v ? v[key] : '—');
  return (
    <table className="table" aria-label={`${props.title} 对明细账`} data-testid="reconcile-detail">
      <caption>
        对明细账（3202）：逐笔核对 {d.compared} 笔，{d.differences.length} 笔不一致
      </caption>
      <thead>
        <tr>
          <th scope="col">结算单号</th>
          <th scope="col">患者</th>
          <th scope="col" className="num">
            本院总额
          </th>
          <th scope="col" className="num">
            中心总额
          </th>
          <th scope="col" className="num">
            本院基金支付
          </th>
          <th scope="col" className="num">
            中心基金支付
          </th>
          <th scope="col">差异</th>
        </tr>
      </thead>
      <tbody>
        {d.differences.map((x) => (
          <tr key={x.setlId}>
            <td>{x.setlId}</td>
            <td>{x.patientName ?? '—'}</td>
            <td className="num">{pair(x.ours, 'total')}</td>
            <td className="num">{pair(x.centre, 'total')}</td>
            <td className="num">{pair(x.ours, 'fundPay')}</td>
            <td className="num">{pair(x.centre, 'fundPay')}</td>
            <td>{x.what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
