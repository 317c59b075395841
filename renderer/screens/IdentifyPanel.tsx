import { useState, type FormEvent, type ReactNode } from 'react';
import { ActionButton, Busy, ErrorNote, Section, TextField } from '../ui/controls';
import { useHotkeys, useWedgeScan } from '../ui/hotkeys';
import { DemoCardPicker } from './DemoCardPicker';
import { PatientDetails } from './PatientDetails';
import type { PatientState } from './patient';

/** 读卡 (F2), a scanned e-voucher or ID barcode, or a typed ID number; then who the patient is. */
export function IdentifyPanel(props: { patient: PatientState; certificateCheck?: ReactNode }) {
  const { patient } = props;
  const [typed, setTyped] = useState('');
  const [typedName, setTypedName] = useState('');
  useHotkeys({ F2: patient.busy ? undefined : () => void patient.readCard() });
  useWedgeScan((code) => void patient.fromScan(code));

  const submitTyped = async (event: FormEvent) => {
    event.preventDefault();
    // A scanner may type an e-voucher code into this field: anything that is not ID-shaped is one.
    if (/^\d{15,17}[\dXx]?$/.test(typed.trim()) || typed.trim().length < 8) {
      if (await patient.fromTypedId(typed, typedName)) {
        setTyped('');
        setTypedName('');
      }
    } else {
      await patient.fromScan(typed.trim());
      setTyped('');
    }
  };
  const errorAt = (at: NonNullable<PatientState['error']>['at']) => (patient.error?.at === at ? patient.error.error.message : undefined);

  return (
    <Section
      title="患者"
      className="panel-patient"
      actions={<ActionButton label="读卡" hotkey="F2" kind="primary" onClick={() => void patient.readCard()} busy={patient.busy === '正在读卡，请稍候…'} />}
    >
      <DemoCardPicker />
      <ErrorNote message={errorAt('card')} label="读卡错误" />
      <form className="inline-form" onSubmit={submitTyped} aria-label="手工录入身份证号">
        <TextField label="身份证号（无卡时录入）" value={typed} onChange={setTyped} autoComplete="off" data-own-scan error={errorAt('typed')} />
        <TextField label="姓名（无卡时录入）" value={typedName} onChange={setTypedName} autoComplete="off" />
        <button type="submit" className="btn btn-secondary">
          查询 (Enter)
        </button>
      </form>
      <p className="hint">也可直接扫描医保电子凭证或身份证条码</p>
      <ErrorNote message={errorAt('scan')} label="扫码错误" />
      {patient.busy ? <Busy label={patient.busy} /> : null}
      <ErrorNote message={errorAt('eligibility')} label="参保查询错误" />
      {patient.useOfflineRoster ? (
        <p className="hint slow-bureau">
          医保中心响应慢。{' '}
          <button type="button" className="btn btn-secondary" onClick={patient.useOfflineRoster}>
            改用离线名单
          </button>{' '}
          按本地花名册认定身份，本年累计只含本院记录。
        </p>
      ) : null}
      {patient.identity ? <PatientDetails identity={patient.identity} person={patient.person} /> : <p className="empty">请读卡、扫码或录入身份证号</p>}
      {props.certificateCheck}
    </Section>
  );
}
