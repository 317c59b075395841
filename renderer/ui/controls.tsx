import { useId, type ReactNode, type InputHTMLAttributes, type Ref, type SelectHTMLAttributes } from 'react';

/** A primary action: its accessible name is its Chinese label plus the key, e.g. "读卡 (F2)". */
export function ActionButton(props: {
  label: string;
  hotkey?: string;
  onClick: () => void;
  disabled?: boolean;
  busy?: boolean;
  kind?: 'primary' | 'secondary' | 'danger';
}) {
  const name = props.hotkey ? `${props.label} (${props.hotkey})` : props.label;
  return (
    <button
      type="button"
      className={`btn btn-${props.kind ?? 'secondary'}`}
      onClick={props.onClick}
      disabled={props.disabled || props.busy}
      aria-keyshortcuts={props.hotkey}
      aria-busy={props.busy || undefined}
    >
      {name}
      {props.busy ? <span className="spinner" aria-hidden="true" /> : null}
    </button>
  );
}

/** Label, control and the error about this very control, tied together for screen readers. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${props.wide ? ' field-wide' : ''}${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.error ? errorId : undefined)}
      {props.hint && !props.error ? <span className="hint">{props.hint}</span> : null}
      {props.error ? (
        <span className="field-error" id={errorId} role="alert">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

export function TextField(
  props: {
    label: string;
    value: string;
    onChange: (v: string) => void;
    error?: string | undefined;
    hint?: string | undefined;
    wide?: boolean;
    ref?: Ref<HTMLInputElement>;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>,
) {
  const { label, value, onChange, error, hint, wide, ...rest } = props;
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})} {...(wide ? { wide } : {})}>
      {(id, describedBy) => (
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      )}
    </Field>
  );
}

export function SelectField<T extends string>(
  props: {
    label: string;
    value: T;
    onChange: (v: T) => void;
    options: ReadonlyArray<{ value: T; label: string }>;
    error?: string | undefined;
    hint?: string | undefined;
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>,
) {
  const { label, value, onChange, options, error, hint, ...rest } = props;
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})}>
      {(id, describedBy) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** An error the cashier can act on, next to the thing that caused it. */
export function ErrorNote(props: { message: string | null | undefined; label?: string }) {
  if (!props.message) return null;
  return (
    <p className="error-note" role="alert" aria-label={props.label}>
      {props.message}
    </p>
  );
}

export function Notice(props: { children: ReactNode; tone?: 'info' | 'warn' | 'ok' }) {
  return (
    <div className={`notice notice-${props.tone ?? 'info'}`} role="status">
      {props.children}
    </div>
  );
}

/** Money as the engine gave it (two decimals), never recomputed here. */
export function Money(props: { value: string; testId?: string; large?: boolean }) {
  return (
    <span className={props.large ? 'money money-large' : 'money'} data-testid={props.testId}>
      ¥ {props.value}
    </span>
  );
}

export function Busy(props: { label: string }) {
  return (
    <div className="busy" role="status" aria-live="polite">
      <progress aria-label={props.label} />
      <span>{props.label}</span>
    </div>
  );
}

export function Section(props: { title: string; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={`panel ${props.className ?? ''}`} aria-label={props.title}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {props.actions ? <div className="panel-actions">{props.actions}</div> : null}
      </header>
      {props.children}
    </section>
  );
}

/** Submit and cancel for an inline dialog form: Enter submits, Esc (bound by the screen) cancels; a dialog without fields focuses its submit. */
export function DialogActions(props: { submitLabel: string; kind?: 'primary' | 'danger'; busy: boolean; onCancel: () => void; focusSubmit?: boolean }) {
  return (
    <div className="dialog-actions">
      <button type="submit" className={`btn btn-${props.kind ?? 'primary'}`} disabled={props.busy} autoFocus={props.focusSubmit}>
        {props.submitLabel} (Enter)
      </button>
      <button type="button" className="btn btn-quiet" onClick={props.onCancel}>
        取消 (Esc)
      </button>
    </div>
  );
}
