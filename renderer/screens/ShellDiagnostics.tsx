import { useEffect, useState } from 'react';
import type { ApiError } from '../../shared/contract';
import { ActionButton, ErrorNote, Notice, Section } from '../ui/controls';

type Paths = { logsDir: string; crashDumpsDir: string };

/** 设置 › 日志与崩溃报告: where the shell keeps them, and buttons that open the folders (for the IT staff). */
export function ShellDiagnosticsSection() {
  const diagnostics = window.onebill?.diagnostics;
  const [paths, setPaths] = useState<Paths | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void diagnostics?.paths().then((r) => (r.ok ? setPaths(r.value) : setError(r.error)));
  }, [diagnostics]);

  const open = async (which: () => Promise<{ ok: true } | { ok: false; error: ApiError }>) => {
    setError(null);
    const result = await which();
    if (!result.ok) setError(result.error);
  };

  return (
    <Section title="日志与崩溃报告（信息科）">
      {!diagnostics ? (
        <Notice>浏览器模式：日志在运行一单通后台的电脑上，位于用户数据目录的 logs 文件夹。</Notice>
      ) : (
        <>
          <dl className="diagnostic-paths">
            <dt>运行日志</dt>
            <dd data-testid="logs-dir">{paths?.logsDir ?? '…'}</dd>
            <dt>崩溃报告</dt>
            <dd data-testid="crash-dumps-dir">{paths?.crashDumpsDir ?? '…'}</dd>
          </dl>
          <ActionButton label="打开日志文件夹" onClick={() => void open(diagnostics.openLogs)} />
          <ActionButton label="打开崩溃报告文件夹" onClick={() => void open(diagnostics.openCrashReports)} />
          <Notice>崩溃报告只保存在本机，不会上传；报障时请把这两个文件夹中的文件发给技术支持。</Notice>
        </>
      )}
      <ErrorNote message={error?.message} />
    </Section>
  );
}
