import { useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { ActionButton, Busy, ErrorNote, Notice } from './controls';

type CheckResult = OpOutput<'settings.testReader'>;

/** A "test it" button with its progress and its verdict in Chinese, right below it. */
export function ConnectionCheck(props: {
  label: string;
  busyLabel: string;
  check: () => Promise<CheckResult | null>;
  op: { busy: boolean; error: { message: string } | null };
}) {
  const [result, setResult] = useState<CheckResult | null>(null);
  return (
    <>
      <ActionButton label={props.label} onClick={() => void props.check().then(setResult)} busy={props.op.busy} />
      {props.op.busy ? <Busy label={props.busyLabel} /> : null}
      {result && !props.op.busy ? <Notice tone={result.ok ? 'ok' : 'warn'}>{result.detail}</Notice> : null}
      <ErrorNote message={props.op.error?.message} />
    </>
  );
}
