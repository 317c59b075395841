import { IDENTITY_LABELS } from '../labels';
import { Notice, TextField } from '../ui/controls';
import type { PersonContext } from './patient';

export interface CertificateState {
  typed: string;
  notShown: boolean;
}

/** The region's policy names one of the person's identities: they must show a 就医证 whose number matches the registration. */
export function needsCertificate(person: PersonContext | null): boolean {
  return Boolean(person?.certificateCheck);
}

export function certificateVerified(person: PersonContext | null, state: CertificateState): boolean {
  const expected = person?.certificate?.trim().toUpperCase();
  return Boolean(expected) && state.typed.trim().toUpperCase() === expected;
}

/** Why settling must wait, in the cashier's words, or null when the certificate question is settled. */
export function certificateProblem(person: PersonContext | null, state: CertificateState): string | null {
  if (!needsCertificate(person) || state.notShown) return null;
  if (!state.typed.trim()) return '请录入患者就医证号，或勾选“患者未出示就医证”';
  if (!certificateVerified(person, state)) return '就医证号与登记信息不符，请核对';
  return null;
}

export function CertificateCheck(props: { person: PersonContext | null; state: CertificateState; onChange: (s: CertificateState) => void }) {
  const { person, state } = props;
  if (!needsCertificate(person)) return null;
  const verified = certificateVerified(person, state);
  const problem = state.typed.trim() ? certificateProblem(person, state) : null;
  return (
    <div className="certificate">
      <Notice tone="info">该患者为{IDENTITY_LABELS[person!.certificateCheck!.identity]}，请查验其就医证。</Notice>
      <TextField
        label="就医证号"
        value={state.typed}
        onChange={(typed) => props.onChange({ ...state, typed })}
        disabled={state.notShown}
        autoComplete="off"
        error={problem ?? undefined}
        hint={person?.certificate ? undefined : '登记信息中没有就医证号，无法核对'}
      />
      {verified ? (
        <p className="ok-note" role="status">
          ✓ 就医证已核对
        </p>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={state.notShown} onChange={(e) => props.onChange({ ...state, notShown: e.target.checked })} />
        患者未出示就医证（不享受{person!.certificateCheck!.treatment}待遇）
      </label>
    </div>
  );
}
