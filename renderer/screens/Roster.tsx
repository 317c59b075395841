import { useEffect, useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { call } from '../api';
import { useApp } from '../app-context';
import { formatTime } from '../format';
import { fieldError } from '../api';
import { ErrorNote, Notice, Section, TextField } from '../ui/controls';
import { FilePicker } from '../ui/FilePicker';
import { readAndImport } from '../ui/file-import';
import { useOp } from '../ui/use-op';

type Version = OpOutput<'roster.versions'>[number];
type ImportResult = OpOutput<'roster.import'>;

/** 花名册: the monthly roster import (offline eligibility) and its versions. */
export function RosterScreen() {
  const { refreshStatus } = useApp();
  const [versions, setVersions] = useState<Version[]>([]);
  const [phase, setPhase] = useState<{ label: string; fraction: number | null } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [rosterDate, setRosterDate] = useState('');
  const importOp = useOp('roster.import');

  const loadVersions = async () => {
    const r = await call('roster.versions', {});
    if (r.ok) setVersions(r.value);
  };
  useEffect(() => {
    void loadVersions();
  }, []);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setResult(null);
    setReadError(null);
    const { value, readError: unreadable } = await readAndImport(file, {
      progressOp: 'roster.importProgress',
      importingLabel: `正在导入 ${file.name}，逐行核验身份证号…`,
      onPhase: setPhase,
      run: (contentBase64) => importOp.run({ fileName: file.name, contentBase64, ...(rosterDate.trim() ? { rosterDate: rosterDate.trim() } : {}) }),
    });
    if (unreadable) setReadError(unreadable);
    if (value) {
      setResult(value);
      void loadVersions();
      refreshStatus();
    }
  };

  return (
    <div className="stack">
      <Section title="导入花名册" className="panel-roster">
        <p className="hint">每月由医保中心下发的困难人员花名册（CSV 或 XLSX）。医保中心离线时，按花名册认定身份。</p>
        <div className="roster-date">
          <TextField
            label="名单月份/日期"
            value={rosterDate}
            onChange={setRosterDate}
            placeholder="如 2026-12 或 2026-12-01"
            hint="名单所属月份；留空则自导入之日起生效"
            error={fieldError(importOp.error, 'rosterDate')}
            disabled={phase !== null}
          />
        </div>
        <FilePicker label="选择花名册文件" accept=".csv,.xlsx" disabled={phase !== null} onFile={(file) => void importFile(file)} />
        {phase ? (
          <div className="busy" role="status">
            <progress aria-label="导入进度" {...(phase.fraction === null ? {} : { value: phase.fraction, max: 1 })} />
            <span>{phase.label}</span>
          </div>
        ) : null}
        <ErrorNote message={readError ?? (importOp.error && !fieldError(importOp.error, 'rosterDate') ? importOp.error.message : null)} label="导入错误" />
        {result ? (
          <div className="import-result">
            <Notice tone={result.rejected ? 'warn' : 'ok'}>
              导入完成：版本 {result.version.asOf}，接收 <strong data-testid="roster-accepted">{result.accepted}</strong> 行， 退回{' '}
              <strong data-testid="roster-rejected">{result.rejected}</strong> 行。
            </Notice>
            {result.errors.length ? (
              <>
                <h3>退回的行</h3>
                <ul className="error-list" aria-label="退回的行">
                  {result.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </Section>
      <Section title="花名册版本" className="panel-roster-versions">
        <table className="table" aria-label="花名册版本">
          <thead>
            <tr>
              <th scope="col">统筹区</th>
              <th scope="col">花名册日期</th>
              <th scope="col">生效日期</th>
              <th scope="col" className="num">
                人数
              </th>
              <th scope="col">导入时间</th>
              <th scope="col">来源文件</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>{v.region}</td>
                <td>{v.asOf}</td>
                <td>{v.effectiveFrom ?? v.asOf}</td>
                <td className="num">{v.rows}</td>
                <td>{formatTime(v.importedAt)}</td>
                <td>{v.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {versions.length === 0 ? <p className="empty">尚未导入花名册</p> : null}
      </Section>
    </div>
  );
}
