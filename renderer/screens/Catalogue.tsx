import { useEffect, useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { call, fieldError } from '../api';
import { useApp } from '../app-context';
import { formatTime } from '../format';
import { ErrorNote, Notice, Section, TextField } from '../ui/controls';
import { FilePicker } from '../ui/FilePicker';
import { readAndImport } from '../ui/file-import';
import { useOp } from '../ui/use-op';

type Version = OpOutput<'catalogue.versions'>[number];
type ImportResult = OpOutput<'catalogue.import'>;

const FORMAT_LABELS: Record<string, string> = { csv: 'CSV', xlsx: 'XLSX', 'nhsa-1301': '国家平台 1301 西药中成药目录' };

/** 药品目录: the supervisor imports the drug catalogue (simple CSV/XLSX or the national 1301 file) as a dated version. */
export function CatalogueScreen() {
  const { session } = useApp();
  const [versions, setVersions] = useState<Version[]>([]);
  const [phase, setPhase] = useState<{ label: string; fraction: number | null } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [bRatio, setBRatio] = useState('');
  const importOp = useOp('catalogue.import');
  const supervisor = session?.operator.role === 'supervisor';

  const loadVersions = async () => {
    const r = await call('catalogue.versions', {});
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
      progressOp: 'catalogue.importProgress',
      importingLabel: `正在导入 ${file.name}…`,
      onPhase: setPhase,
      run: (contentBase64) =>
        importOp.run({
          fileName: file.name,
          contentBase64,
          ...(effectiveDate.trim() ? { effectiveDate: effectiveDate.trim() } : {}),
          ...(bRatio.trim() ? { bRatio: bRatio.trim() } : {}),
        }),
    });
    if (unreadable) setReadError(unreadable);
    if (value) {
      setResult(value);
      void loadVersions();
    }
  };
  const optionError = fieldError(importOp.error, 'effectiveDate') ?? fieldError(importOp.error, 'bRatio');

  return (
    <div className="stack">
      <Section title="导入药品目录" className="panel-roster">
        <p className="hint">
          本店药品目录（CSV 或 XLSX：药品编码、药品名称、规格、单位、单价、类别、自付比例、限价、特殊药品、条码），或国家医保信息平台下载的 1301 西药中成药目录文件（ZIP
          或其中的文本文件）。新版本自生效日期起用于收费；某列未给出的，沿用之前版本的值。
        </p>
        {supervisor ? (
          <>
            <div className="roster-date">
              <TextField
                label="生效日期"
                type="date"
                value={effectiveDate}
                onChange={setEffectiveDate}
                hint="留空则自导入之日起生效"
                error={fieldError(importOp.error, 'effectiveDate')}
                disabled={phase !== null}
              />
              <TextField
                label="乙类先行自付比例"
                value={bRatio}
                onChange={setBRatio}
                placeholder="如 0.05"
                hint="1301 文件不含自付比例时，其乙类药品用此值"
                error={fieldError(importOp.error, 'bRatio')}
                disabled={phase !== null}
              />
            </div>
            <FilePicker label="选择药品目录文件" accept=".csv,.xlsx,.zip,.txt" disabled={phase !== null} onFile={(file) => void importFile(file)} />
          </>
        ) : (
          <Notice tone="info">导入药品目录须由主管登录操作。</Notice>
        )}
        {phase ? (
          <div className="busy" role="status">
            <progress aria-label="导入进度" {...(phase.fraction === null ? {} : { value: phase.fraction, max: 1 })} />
            <span>{phase.label}</span>
          </div>
        ) : null}
        <ErrorNote message={readError ?? (importOp.error && !optionError ? importOp.error.message : null)} label="导入错误" />
        {result ? (
          <div className="import-result">
            <Notice tone={result.rejected ? 'warn' : 'ok'}>
              导入完成：版本 {result.version.id}（{result.version.effectiveFrom} 起生效），接收 <strong data-testid="catalogue-accepted">{result.accepted}</strong> 种，
              退回 <strong data-testid="catalogue-rejected">{result.rejected}</strong> 行{result.skipped ? `，跳过无效 ${result.skipped} 行` : ''}。
            </Notice>
            {result.errors.length ? (
              <ul className="error-list" aria-label="退回的行">
                {result.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </Section>
      <Section title="药品目录版本" className="panel-roster-versions">
        <table className="table" aria-label="药品目录版本">
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">生效日期</th>
              <th scope="col">格式</th>
              <th scope="col" className="num">
                药品数
              </th>
              <th scope="col" className="num">
                退回行数
              </th>
              <th scope="col">导入时间</th>
              <th scope="col">来源文件</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>{v.id}</td>
                <td>{v.effectiveFrom}</td>
                <td>{FORMAT_LABELS[v.format] ?? v.format}</td>
                <td className="num">{v.rows}</td>
                <td className="num">{v.rejected}</td>
                <td>{formatTime(v.importedAt)}</td>
                <td>{v.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {versions.length === 0 ? <p className="empty">尚未导入药品目录</p> : null}
      </Section>
    </div>
  );
}
