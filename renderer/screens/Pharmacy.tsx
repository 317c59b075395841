import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { lineAmount } from '../../shared/engine';
import { formatMoney, sum } from '../../shared/money';
import { call } from '../api';
import { CLASS_LABELS } from '../labels';
import { Money, Notice, Section, SelectField, TextField } from '../ui/controls';
import { useHotkeys } from '../ui/hotkeys';
import { CertificateCheck, certificateProblem, type CertificateState } from './CertificateCheck';
import { lineCode, linePrice, missingPrescription, requestLines, useDemoSaleDate, type CatalogueDrug, type CounterLine, type Prescription } from './drug-catalogue';
import { DrugPicker } from './DrugPicker';
import { IdentifyPanel } from './IdentifyPanel';
import { usePatient } from './patient';
import { PrescriptionFields } from './PrescriptionFields';
import { SettlePanel } from './SettlePanel';
import { settleRequestFor, useSettlementFlow, type SettleDraft } from './settle';
import { today } from './visit';

const NO_CERTIFICATE: CertificateState = { typed: '', notShown: false };
const QTY = /^\d{1,4}(\.\d{1,2})?$/;
const PRICE = /^\d{1,6}(\.\d{1,2})?$/;

/**
 * Where the drugs are sold: a designated retail pharmacy (定点零售药店, visit `pharmacy`, where e.g.
 * Jiangmen's 9折 applies), or this hospital's own dispensing counter, whose prescriptions settle
 * as outpatient or chronic outpatient (rule book §2).
 */
const COUNTERS = [
  { value: 'pharmacy', label: '定点零售药店购药' },
  { value: 'outpatient', label: '本院药房：普通门诊处方' },
  { value: 'chronic-outpatient', label: '本院药房：门诊慢特病处方' },
] as const;
type Counter = (typeof COUNTERS)[number]['value'];

/**
 * 药房/药店: scan a barcode or type a code or the name's pinyin initials; the drug's price, class,
 * ratio and cap come from the backend's catalogue. A drug outside the catalogue is sold as 丙类 only
 * after the cashier confirms it; a specific drug needs its prescription. Settles at a retail
 * pharmacy (visit `pharmacy`) or the hospital's counter (outpatient / chronic outpatient).
 */
export function PharmacyScreen() {
  const demoDate = useDemoSaleDate();
  const [date, setDate] = useState(today());
  const [counter, setCounter] = useState<Counter>('pharmacy');
  const [lines, setLines] = useState<CounterLine[]>([]);
  const [code, setCode] = useState('');
  const [qty, setQty] = useState('1');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [qtyError, setQtyError] = useState<string | undefined>();
  const [choices, setChoices] = useState<CatalogueDrug[] | null>(null);
  const [unknown, setUnknown] = useState<{ code: string; name: string; price: string; error?: string } | null>(null);
  const [looking, setLooking] = useState(false);
  const [certificate, setCertificate] = useState<CertificateState>(NO_CERTIFICATE);
  const codeInput = useRef<HTMLInputElement>(null);
  const patient = usePatient(date, counter);
  const person = patient.person;

  useEffect(() => {
    // The demo bill's date, unless the cashier has already set one (the list may answer late).
    if (demoDate) setDate((current) => (current === today() ? demoDate : current));
  }, [demoDate]);

  const needsRx = lines.find(missingPrescription);
  const blocked = !person
    ? (patient.busy ?? '请先识别患者')
    : lines.length === 0
      ? '请扫描或录入药品'
      : needsRx
        ? `特殊药品须登记处方医院及其级别：${needsRx.kind === 'catalogue' ? needsRx.drug.name : ''}`
        : certificateProblem(person, certificate);
  const request = useMemo<SettleDraft | null>(() => {
    if (!person || lines.length === 0 || blocked) return null;
    return settleRequestFor(person, certificate, {
      visit: counter,
      date,
      referral: 'local',
      lines: requestLines(lines),
      billSource: counter === 'pharmacy' ? 'retail-pharmacy' : 'pharmacy-counter',
    });
  }, [person, lines, blocked, certificate, date, counter]);
  const flow = useSettlementFlow(request);
  const running = formatMoney(sum(lines.map((l) => lineAmount({ price: linePrice(l), qty: l.qty }))));

  const quantity = (): string | null => {
    if (!QTY.test(qty.trim()) || Number(qty) <= 0) {
      setQtyError('数量应为大于 0 的数字，最多两位小数');
      return null;
    }
    setQtyError(undefined);
    return qty.trim();
  };

  /**
   * Adds the line and clears the fields it was entered with — unless the cashier (or the scanner)
   * has typed the next code or quantity while the look-up was answering: that input is kept.
   */
  const addLine = (line: CounterLine, entered: { code: string; qty: string }) => {
    setLines((ls) => {
      const at = ls.findIndex((l) => lineCode(l) === lineCode(line));
      if (at < 0) return [...ls, line];
      return ls.map((l, i) => (i === at ? { ...l, qty: formatQty(sum([l.qty, line.qty]).toString()) } : l));
    });
    setCode((current) => (current === entered.code ? '' : current));
    setQty((current) => (current === entered.qty ? '1' : current));
    setUnknown(null);
    setCodeError(undefined);
    codeInput.current?.focus();
  };

  const addDrug = (drug: CatalogueDrug, entered = { code, qty }) => {
    const q = entered.qty.trim();
    if (drug.price === null) return setCodeError(`目录未载售价，不能销售：${drug.name}`);
    addLine({ kind: 'catalogue', drug, qty: q }, entered);
  };

  const lookUp = async (event?: FormEvent) => {
    event?.preventDefault();
    const wanted = code.trim();
    if (!wanted) return setCodeError('请扫描或录入药品编码、条码或拼音首字母');
    if (quantity() === null) return;
    const entered = { code, qty };
    setLooking(true);
    const found = await call('catalogue.lookup', { query: wanted, date });
    setLooking(false);
    if (!found.ok) return setCodeError(found.error.message);
    const drugs = found.value;
    const exact = drugs.find((d) => d.code === wanted || d.barcode === wanted);
    if (exact || drugs.length === 1) return addDrug(exact ?? drugs[0]!, entered);
    if (drugs.length > 1) {
      setCodeError(undefined);
      return setChoices(drugs);
    }
    setCodeError(`药品编码未找到：${wanted}`);
    setUnknown({ code: wanted, name: '', price: '' });
  };

  const addUnknown = () => {
    if (!unknown) return;
    const q = quantity();
    if (q === null) return;
    if (!PRICE.test(unknown.price.trim()) || Number(unknown.price) <= 0) return setUnknown({ ...unknown, error: '请填写单价（大于 0，最多两位小数）' });
    addLine({ kind: 'uncatalogued', code: unknown.code, name: unknown.name.trim() || '目录外药品', price: unknown.price.trim(), qty: q }, { code, qty });
  };

  /** Merged into the line's latest prescription (each field's change on its own, never a stale copy). */
  const setPrescription = (index: number, patch: Partial<Prescription>) =>
    setLines((ls) =>
      ls.map((l, i) => (i === index && l.kind === 'catalogue' ? { ...l, prescription: { hospital: '', ...l.prescription, ...patch } as Prescription } : l)),
    );

  const removeLast = () => setLines((ls) => ls.slice(0, -1));
  useHotkeys({ 'Ctrl+Backspace': flow.committed ? undefined : removeLast });

  const next = () => {
    patient.clear();
    setLines([]);
    setCertificate(NO_CERTIFICATE);
    setUnknown(null);
    setChoices(null);
    flow.reset();
    codeInput.current?.focus();
  };
  const locked = flow.committed !== null;

  return (
    <div className="cashier">
      <div className="cashier-left">
        <IdentifyPanel patient={patient} certificateCheck={<CertificateCheck person={person} state={certificate} onChange={setCertificate} />} />
        <Section title="购药" className="panel-visit">
          <SelectField label="售药方" value={counter} onChange={setCounter} options={COUNTERS} disabled={locked} />
          <TextField label="结算日期" type="date" value={date} onChange={setDate} max={today()} disabled={locked} />
        </Section>
      </div>
      <div className="cashier-right">
        <Section title="药品" className="panel-bill">
          <form className="inline-form" onSubmit={(e) => void lookUp(e)} aria-label="录入药品">
            <TextField
              label="药品编码（扫码或录入）"
              hint="条码、药品编码或名称拼音首字母"
              value={code}
              onChange={(v) => {
                setCode(v);
                if (unknown && v.trim() !== unknown.code) setUnknown(null);
              }}
              ref={codeInput}
              autoFocus
              autoComplete="off"
              data-own-scan
              error={codeError}
              disabled={locked}
            />
            <TextField label="数量" value={qty} onChange={setQty} inputMode="decimal" error={qtyError} className="qty" disabled={locked} />
            <button type="submit" className="btn btn-secondary" disabled={locked || looking}>
              加入 (Enter)
            </button>
          </form>
          {choices ? (
            <DrugPicker
              drugs={choices}
              onPick={(drug) => {
                if (quantity() === null) return;
                setChoices(null);
                addDrug(drug);
              }}
              onCancel={() => setChoices(null)}
            />
          ) : null}
          {unknown ? (
            <div className="uncatalogued" role="group" aria-label="目录外药品">
              <Notice tone="warn">{unknown.code} 不在药品目录中。如确需销售，按丙类（全自费）计价：填写名称和单价后确认。</Notice>
              <TextField label="目录外药品名称" value={unknown.name} onChange={(name) => setUnknown({ ...unknown, name })} />
              <TextField
                label="目录外药品单价"
                value={unknown.price}
                onChange={(price) => setUnknown({ ...unknown, price, error: undefined })}
                inputMode="decimal"
                error={unknown.error}
              />
              <button type="button" className="btn btn-secondary" onClick={addUnknown}>
                确认按丙类自费加入
              </button>
            </div>
          ) : null}
          <table className="table" aria-label="已录入药品">
            <thead>
              <tr>
                <th scope="col">编码</th>
                <th scope="col">名称</th>
                <th scope="col">规格</th>
                <th scope="col">类别</th>
                <th scope="col" className="num">
                  自付比例
                </th>
                <th scope="col" className="num">
                  限价
                </th>
                <th scope="col" className="num">
                  单价
                </th>
                <th scope="col" className="num">
                  数量
                </th>
                <th scope="col" className="num">
                  金额
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={lineCode(l)}>
                  <td>{lineCode(l)}</td>
                  <td>
                    {l.kind === 'catalogue' ? l.drug.name : l.name}
                    {l.kind === 'catalogue' && l.drug.specificDrug ? <span className="tag">特药</span> : null}
                    {l.kind === 'uncatalogued' ? <span className="tag">目录外</span> : null}
                  </td>
                  <td>{l.kind === 'catalogue' ? (l.drug.specification ?? '') : ''}</td>
                  <td>{CLASS_LABELS[l.kind === 'catalogue' ? (l.drug.class ?? 'C') : 'C']}</td>
                  <td className="num">{l.kind === 'catalogue' && l.drug.class === 'B' ? (l.drug.selfPayRatio ?? '—') : ''}</td>
                  <td className="num">{l.kind === 'catalogue' ? (l.drug.priceCap ?? '') : ''}</td>
                  <td className="num">{linePrice(l)}</td>
                  <td className="num">{l.qty}</td>
                  <td className="num">{formatMoney(lineAmount({ price: linePrice(l), qty: l.qty }))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {lines.map((l, i) =>
            l.kind === 'catalogue' && l.drug.specificDrug ? (
              <PrescriptionFields key={l.drug.code} drugName={l.drug.name} value={l.prescription} onChange={(p) => setPrescription(i, p)} disabled={locked} />
            ) : null,
          )}
          <p className="running-total">
            共 {lines.length} 种　合计 <Money value={running} testId="running-total" large />
            {lines.length && !flow.committed ? <span className="hint">　Ctrl+Backspace 删除最后一种</span> : null}
          </p>
        </Section>
        <SettlePanel flow={flow} blocked={blocked} onNext={next} emptyHint="扫描或录入药品后按 F4 预结算，核对金额后按 F9 确认结算" />
      </div>
    </div>
  );
}

/** "3.0" → "3", "2.50" → "2.5": quantities as the bill format writes them. */
function formatQty(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
