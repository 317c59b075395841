import { SelectField, TextField } from '../ui/controls';
import type { Prescription } from './drug-catalogue';

const LEVELS = [
  { value: '', label: '请选择' },
  { value: '1', label: '一级' },
  { value: '2', label: '二级' },
  { value: '3', label: '三级' },
] as const;

/** 特殊药品: the prescribing hospital, its level and the prescription number, recorded with the sale. */
export function PrescriptionFields(props: { drugName: string; value: Prescription | undefined; onChange: (patch: Partial<Prescription>) => void; disabled: boolean }) {
  const current = props.value ?? { hospital: '', level: undefined, number: '' };
  const set = props.onChange;
  return (
    <fieldset className="prescription" aria-label={`${props.drugName}处方`}>
      <legend>特殊药品 {props.drugName}：登记处方</legend>
      <TextField label="处方医院" value={current.hospital} onChange={(hospital) => set({ hospital })} disabled={props.disabled} />
      <SelectField
        label="处方医院级别"
        value={current.level ? String(current.level) : ''}
        onChange={(v) => set({ level: (v ? Number(v) : undefined) as Prescription['level'] })}
        options={LEVELS}
        disabled={props.disabled}
      />
      <TextField label="处方号" value={current.number ?? ''} onChange={(number) => set({ number })} disabled={props.disabled} />
    </fieldset>
  );
}
