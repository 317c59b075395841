import { useEffect, useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { call } from '../api';
import { CLASS_LABELS, KIND_LABELS, VISIT_LABELS, classText } from '../labels';
import type { RealtimeView } from './RealtimeColumns';
import { ActionButton, Busy, ErrorNote, Field, Money, Section } from '../ui/controls';
import { useHotkeys } from '../ui/hotkeys';
import { useOp } from '../ui/use-op';

export type Bill = OpOutput<'bill.import'>;
type DemoBill = OpOutput<'bill.demoList'>[number];

const SHOWN_LINES = 200;

/** Loads the bill: a demo bill, or a HIS fee file (JSON or CSV). */
export function BillPanel(props: {
  bill: Bill | null;
  onBill: (bill: Bill) => void;
  patientCertno: string | null;
  visitFilter?: (visit: string) => boolean;
  locked?: boolean;
  /** Real time: each line as the centre classed it (F4 / F9), in the bill's order. */
  centreLines?: RealtimeView['lines'];
}) {
  const [demos, setDemos] = useState<DemoBill[]>([]);
  const [demo, setDemo] = useState('');
  const load = useOp('bill.import');

  useEffect(() => {
    void call('bill.demoList', {}).then((r) => {
      if (!r.ok) return;
      const usable = r.value.filter((d) => !props.visitFilter || props.visitFilter(d.visit));
      setDemos(usable);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The patient's own demo bills first.
  const ordered = [...demos].sort((a, b) => Number(b.patient.certno === props.patientCertno) - Number(a.patient.certno === props.patientCertno));
  const chosen = demo || ordered[0]?.name || '';

  const loadDemo = async () => {
    if (!chosen) return;
    const bill = await load.run({ demo: chosen });
    if (bill) props.onBill(bill);
  };
  useHotkeys({ F3: chosen && !load.busy && !props.locked ? () => void loadDemo() : undefined });
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
    const bill = await load.run({ format, content: await file.text(), fileName: file.name });
    if (bill) props.onBill(bill);
  };

  return (
    <Section title="费用单" className="panel-bill">
      <div className="bill-sources">
        <Field label="演示费用单">
          {(id) => (
            <select id={id} value={chosen} onChange={(e) => setDemo(e.target.value)}>
              {ordered.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.title}（{d.patient.name}，{VISIT_LABELS[d.visit]}，¥{d.total}）
                </option>
              ))}
            </select>
          )}
        </Field>
        <ActionButton label="载入费用单" hotkey="F3" onClick={() => void loadDemo()} busy={load.busy} disabled={!chosen || props.locked} />
        <Field label="导入HIS费用文件（JSON / CSV）">
          {(id) => (
            <input id={id} type="file" disabled={props.locked} accept=".json,.csv,application/json,text/csv" onChange={(e) => void importFile(e.target.files?.[0])} />
          )}
        </Field>
      </div>
      {load.busy ? <Busy label="正在读取费用单…" /> : null}
      <ErrorNote message={load.error?.message} label="费用单错误" />
      {load.error?.details?.length ? (
        <ul className="error-list">
          {load.error.details.slice(0, 10).map((d) => (
            <li key={d.path}>{d.message}</li>
          ))}
        </ul>
      ) : null}
      {props.bill ? <BillSummary bill={props.bill} centreLines={props.centreLines} /> : <p className="empty">尚未载入费用单</p>}
    </Section>
  );
}

function BillSummary(props: { bill: Bill; centreLines?: RealtimeView['lines'] }) {
  const { bill } = props;
  // The view's lines follow the bill's; a line the centre classed otherwise says so in its class cell.
  const centre = props.centreLines?.length === bill.lines.length ? props.centreLines : undefined;
  return (
    <div className="bill">
      <p className="bill-head">
        <strong>{bill.title}</strong>　共 <span data-testid="bill-lines">{bill.lines.length}</span> 项　合计 <Money value={bill.total} testId="bill-total" />
      </p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">编码</th>
              <th scope="col">名称</th>
              <th scope="col">类别</th>
              <th scope="col">种类</th>
              <th scope="col" className="num">
                单价
              </th>
              <th scope="col" className="num">
                数量
              </th>
            </tr>
          </thead>
          <tbody>
            {bill.lines.slice(0, SHOWN_LINES).map((line, i) => (
              <tr key={`${line.code}-${i}`}>
                <td>{line.code}</td>
                <td>{line.name ?? ''}</td>
                <ClassCell billClass={line.class} centre={centre?.[i]} index={i} />
                <td>{line.kind ? KIND_LABELS[line.kind] : ''}</td>
                <td className="num">{line.price}</td>
                <td className="num">{line.qty}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {bill.lines.length > SHOWN_LINES ? (
        <p className="hint">
          仅显示前 {SHOWN_LINES} 项，其余 {bill.lines.length - SHOWN_LINES} 项参与结算。
        </p>
      ) : null}
    </div>
  );
}

/** The bill's class of a line; at a real-time site, the centre's when it differs (what both settlements use). */
function ClassCell(props: { billClass: string; centre: RealtimeView['lines'][number] | undefined; index: number }) {
  const { centre } = props;
  if (!centre?.differs) return <td>{CLASS_LABELS[props.billClass]}</td>;
  return (
    <td className="differs" data-testid={`bill-line-class-${props.index}`}>
      <s>{classText(centre.billClass, centre.billSelfPayRatio)}</s> 医保中心：{classText(centre.centreClass, centre.selfPayRatio)}
    </td>
  );
}
