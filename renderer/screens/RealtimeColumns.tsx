import type { OpOutput } from '../../shared/contract';
import { classText } from '../labels';
import { Money, Notice } from '../ui/controls';

export type RealtimeView = NonNullable<OpOutput<'settlement.preview'>['realtime']>;

/**
 * Real-time settlement: the centre's answer (binding) beside OneBill's own national settlement of
 * the same bill, the difference of each figure, and the lines the centre classed otherwise.
 */
export function RealtimeColumns(props: { view: RealtimeView }) {
  const v = props.view;
  const changed = v.lines.filter((l) => l.differs);
  return (
    <div className="realtime" aria-label="医保中心实时结算">
      <p className="hint">
        医保中心就诊ID <span data-testid="rt-mdtrt-id">{v.mdtrtId}</span>
        {v.setlId ? (
          <>
            　医保结算ID <strong data-testid="rt-setl-id">{v.setlId}</strong>
          </>
        ) : (
          '　（医保中心预结算，尚未结算）'
        )}
      </p>
      <table className="table realtime-columns" aria-label="医保中心与本院核算对照">
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col" className="num">
              医保中心
            </th>
            <th scope="col" className="num">
              本院核算
            </th>
            <th scope="col" className="num">
              差额
            </th>
          </tr>
        </thead>
        <tbody>
          {v.rows.map((r) => (
            <tr key={r.field} className={r.difference === '0.00' ? undefined : 'differs'} data-testid={`rt-row-${r.field}`}>
              <th scope="row">{r.label}</th>
              <td className="num" data-testid={`rt-centre-${r.field}`}>
                <Money value={r.centre} />
              </td>
              <td className="num" data-testid={`rt-local-${r.field}`}>
                <Money value={r.local} />
              </td>
              <td className="num">{r.difference === '0.00' ? '—' : r.difference}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Notice tone={v.differences.length > 0 ? 'warn' : 'ok'}>
        <span data-testid="rt-summary">{v.summary}</span>
      </Notice>
      {changed.length > 0 ? (
        <ul className="realtime-lines" aria-label="医保中心分类不同的明细">
          {changed.map((l) => (
            <li key={l.code} data-testid={`rt-line-${l.code}`}>
              {l.name}（{l.code}）：费用单为 {classText(l.billClass, l.billSelfPayRatio ?? l.selfPayRatio)}，医保中心按 {classText(l.centreClass, l.selfPayRatio)} 结算
              {l.memo ? `（${l.memo}）` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {v.recovered.map((r) => (
        <p className="hint" key={r}>
          {r}
        </p>
      ))}
    </div>
  );
}
