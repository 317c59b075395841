import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { lineAmount } from '../../shared/engine/bill';
import { formatMoney, sum } from '../../shared/money';
import { CLASS_LABELS } from '../labels';
import { Money, Section, TextField } from '../ui/controls';
import { useHotkeys } from '../ui/hotkeys';
import { CertificateCheck, certificateProblem, type CertificateState } from './CertificateCheck';
import { useDrugCatalogue, type DrugLine } from './drug-catalogue';
import { IdentifyPanel } from './IdentifyPanel';
import { usePatient } from './patient';
import { SettlePanel } from './SettlePanel';
import { settleRequestFor, useSettlementFlow, type SettleDraft } from './settle';
import { today } from './visit';

const NO_CERTIFICATE: CertificateState = { typed: '', notShown: false };
const QTY = /^\d{1,4}(\.\d{1,2})?$/;

/** 药房/药店: scan or type drug codes, quantities, a running total; settles as visit `pharmacy`. */
export function PharmacyScreen() {
  const catalogue = useDrugCatalogue();
  const [date, setDate] = useState(today());
  const [lines, setLines] = useState<DrugLine[]>([]);
  const [code, setCode] = useState('');
  const [qty, setQty] = useState('1');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [qtyError, setQtyError] = useState<string | undefined>();
  const [certificate, setCertificate] = useState<CertificateState>(NO_CERTIFICATE);
  const codeInput = useRef<HTMLInputElement>(null);
  const patient = usePatient(date, 'pharmacy');
  const person = patient.person;

  useEffect(() => {
    if (catalogue.date) setDate(catalogue.date);
  }, [catalogue.date]);

  const blocked = !person ? (patient.busy ?? '请先识别患者') : lines.length === 0 ? '请扫描或录入药品' : certificateProblem(person, certificate);
  const request = useMemo<SettleDraft | null>(() => {
    if (!person || lines.length === 0 || blocked) return null;
    return settleRequestFor(person, certificate, { visit: 'pharmacy', date, referral: 'local', lines, billSource: 'pharmacy-counter' });
  }, [person, lines, blocked, certificate, date]);
  const flow = useSettlementFlow(request);
  const running = formatMoney(sum(lines.map((l) => lineAmount(l))));

  const addDrug = (event?: FormEvent) => {
    event?.preventDefault();
    const wanted = code.trim();
    const drug = catalogue.drugs.get(wanted);
    if (!wanted) return setCodeError('请扫描或录入药品编码');
    if (!drug) return setCodeError(`药品编码未找到：${wanted}`);
    if (!QTY.test(qty.trim()) || Number(qty) <= 0) return setQtyError('数量应为大于 0 的数字，最多两位小数');
    setCodeError(undefined);
    setQtyError(undefined);
    setLines((ls) => {
      const at = ls.findIndex((l) => l.code === drug.code);
      if (at < 0) return [...ls, { ...drug, qty: qty.trim() }];
      return ls.map((l, i) => (i === at ? { ...l, qty: formatQty(sum([l.qty, qty.trim()]).toString()) } : l));
    });
    setCode('');
    setQty('1');
    codeInput.current?.focus();
  };
  const removeLast = () => setLines((ls) => ls.slice(0, -1));
  useHotkeys({ 'Ctrl+Backspace': flow.committed ? undefined : removeLast });

  const next = () => {
    patient.clear();
    setLines([]);
    setCertificate(NO_CERTIFICATE);
    flow.reset();
    codeInput.current?.focus();
  };

  return (
    <div className="cashier">
      <div className="cashier-left">
        <IdentifyPanel patient={patient} jiangmenCheck={<CertificateCheck person={person} state={certificate} onChange={setCertificate} />} />
        <Section title="购药日期" className="panel-visit">
          <TextField label="结算日期" type="date" value={date} onChange={setDate} disabled={flow.committed !== null} />
        </Section>
      </div>
      <div className="cashier-right">
        <Section title="药品" className="panel-bill">
          <form className="inline-form" onSubmit={addDrug} aria-label="录入药品">
            <TextField
              label="药品编码（扫码或录入）"
              value={code}
              onChange={setCode}
              ref={codeInput}
              autoFocus
              autoComplete="off"
              list="drug-codes"
              data-own-scan
              error={codeError}
              disabled={flow.committed !== null || catalogue.loading}
            />
            <datalist id="drug-codes">
              {[...catalogue.drugs.values()].map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </datalist>
            <TextField label="数量" value={qty} onChange={setQty} inputMode="decimal" error={qtyError} className="qty" disabled={flow.committed !== null} />
            <button type="submit" className="btn btn-secondary" disabled={flow.committed !== null}>
              加入 (Enter)
            </button>
          </form>
          <table className="table" aria-label="已录入药品">
            <thead>
              <tr>
                <th scope="col">编码</th>
                <th scope="col">名称</th>
                <th scope="col">类别</th>
                <th scope="col" className="num">单价</th>
                <th scope="col" className="num">数量</th>
                <th scope="col" className="num">金额</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.code}>
                  <td>{l.code}</td>
                  <td>{l.name}</td>
                  <td>{CLASS_LABELS[l.class]}</td>
                  <td className="num">{l.price}</td>
                  <td className="num">{l.qty}</td>
                  <td className="num">{formatMoney(lineAmount(l))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="running-total">
            共 {lines.length} 种　合计 <Money value={running} testId="running-total" large />
            {lines.length && !flow.committed ? <span className="hint">　Ctrl+Backspace 删除最后一种</span> : null}
          </p>
        </Section>
        <SettlePanel flow={flow} blocked={blocked} onNext={next} />
      </div>
    </div>
  );
}

/** "3.0" → "3", "2.50" → "2.5": quantities as the bill format writes them. */
function formatQty(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
