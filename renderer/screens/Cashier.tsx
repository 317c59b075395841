import { useMemo, useState } from 'react';
import { VISIT_LABELS } from '../labels';
import { ErrorNote, SelectField, Section, TextField } from '../ui/controls';
import { BillPanel, type Bill } from './BillPanel';
import { CertificateCheck, certificateProblem, type CertificateState } from './CertificateCheck';
import { IdentifyPanel } from './IdentifyPanel';
import { usePatient } from './patient';
import { SettlePanel } from './SettlePanel';
import { settleRequestFor, useSettlementFlow, type SettleDraft } from './settle';
import { HOSPITAL_VISIT_OPTIONS, REFERRAL_OPTIONS, today, type Referral, type Visit } from './visit';

const NO_CERTIFICATE: CertificateState = { typed: '', notShown: false };

/** 出院结算: identify the patient, load the bill, preview, confirm, print. */
export function CashierScreen() {
  const [visit, setVisit] = useState<Visit>('inpatient');
  const [date, setDate] = useState(today());
  const [referral, setReferral] = useState<Referral>('local');
  const [bill, setBill] = useState<Bill | null>(null);
  const [certificate, setCertificate] = useState<CertificateState>(NO_CERTIFICATE);
  const [billProblem, setBillProblem] = useState<string | null>(null);
  const patient = usePatient(date, visit);
  const person = patient.person;

  const blocked = !person ? (patient.busy ?? '请先识别患者') : !bill ? '请载入费用单' : certificateProblem(person, certificate);
  const request = useMemo<SettleDraft | null>(() => {
    if (!person || !bill || blocked) return null;
    return settleRequestFor(person, certificate, { visit, date, referral, lines: bill.lines, billSource: bill.source, ...(bill.billId ? { billId: bill.billId } : {}) });
  }, [person, bill, blocked, certificate, visit, date, referral]);
  const flow = useSettlementFlow(request);

  // The file's visit type wins; a retail-pharmacy purchase is not settled at the discharge window.
  const onBill = (loaded: Bill) => {
    if (loaded.visit === 'pharmacy') {
      setBill(null);
      setBillProblem(
        `费用单「${loaded.title}」的就诊类型是「${VISIT_LABELS.pharmacy}」，本窗口是「${VISIT_LABELS[visit]}」结算窗口，未载入；药店购药请到「药房/药店」界面结算`,
      );
      return;
    }
    setBillProblem(null);
    setBill(loaded);
    if (loaded.visit) setVisit(loaded.visit);
    if (loaded.date) setDate(loaded.date);
  };
  const next = () => {
    patient.clear();
    setBill(null);
    setBillProblem(null);
    setCertificate(NO_CERTIFICATE);
    setReferral('local');
    setVisit('inpatient');
    setDate(today());
    flow.reset();
  };

  return (
    <div className="cashier">
      <div className="cashier-left">
        <IdentifyPanel patient={patient} jiangmenCheck={<CertificateCheck person={person} state={certificate} onChange={setCertificate} />} />
        <Section title="就诊" className="panel-visit">
          <div className="form-grid">
            <SelectField label="就诊类型" value={visit} onChange={setVisit} options={HOSPITAL_VISIT_OPTIONS} disabled={flow.committed !== null} />
            <TextField label="结算日期（出院日期）" type="date" value={date} onChange={setDate} max={today()} disabled={flow.committed !== null} />
            <SelectField label="就医方式" value={referral} onChange={setReferral} options={REFERRAL_OPTIONS} disabled={flow.committed !== null} />
          </div>
        </Section>
      </div>
      <div className="cashier-right">
        <ErrorNote message={billProblem ?? undefined} label="费用单错误" />
        <BillPanel
          bill={bill}
          onBill={onBill}
          patientCertno={person?.certno ?? patient.identity?.certno ?? null}
          visitFilter={(v) => v !== 'pharmacy'}
          locked={flow.committed !== null}
          centreLines={(flow.committed?.realtime ?? flow.preview?.realtime)?.lines}
        />
        <SettlePanel flow={flow} blocked={blocked} onNext={next} />
      </div>
    </div>
  );
}
