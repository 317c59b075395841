import type { OpOutput } from '../../shared/contract';
import { useState } from 'react';
import { useApp } from '../app-context';
import { formatTime } from '../format';
import { ActionButton, Busy, ErrorNote, Notice, Section } from '../ui/controls';
import { useOp } from '../ui/use-op';

type Verdict = OpOutput<'ledger.verify'>;

/** 核验台账 (supervisor): the audit chain and every stored settlement checked against it, with the result shown. */
export function LedgerCheck() {
  const { refreshStatus } = useApp();
  const verify = useOp('ledger.verify');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const run = async () => {
    const value = await verify.run({});
    if (value) setVerdict(value);
    refreshStatus();
  };
  return (
    <Section title="核验台账" actions={<ActionButton label="核验台账" onClick={() => void run()} busy={verify.busy} kind="primary" />}>
      {verify.busy ? <Busy label="正在逐条核验审计链与结算记录…" /> : null}
      <ErrorNote message={verify.error?.message} label="核验错误" />
      {verdict ? (
        <div data-testid="ledger-verdict">
          <Notice tone={verdict.ok ? 'ok' : 'warn'}>
            {verdict.ok
              ? `台账核验通过：审计记录 ${verdict.auditRows} 条${verdict.coveredRows > 0 ? `，核对结算/冲销/状态记录 ${verdict.coveredRows} 条` : ''}${verdict.keyed ? '，审计链已用审计密钥签名' : '；审计链未加密钥（站点配置未指定 ledger.auditKeyFile）'}。`
              : `台账核验发现 ${verdict.problems.length} 个问题，请勿继续收费并联系信息科：`}
          </Notice>
          {verdict.problems.length > 0 ? (
            <ul className="problems">
              {verdict.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <p className="hint">
            审计链头：{verdict.head ? `第 ${verdict.head.id} 条 ${verdict.head.hash}` : '（空）'}　核验时间 {formatTime(verdict.checkedAt)}
          </p>
        </div>
      ) : (
        <p className="hint">逐条核对审计链（编号连续、前后哈希相连、内容与哈希相符）。程序每次启动时也会自动核验。</p>
      )}
    </Section>
  );
}
