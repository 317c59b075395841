import { call } from '../api';

/** Reads a file as base64, reporting progress (large XLSX files take a moment). */
export function readBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onerror = () => reject(new Error('读取文件失败'));
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

const PROGRESS_POLL_MS = 250;

/** Polls an import's progress operation (roster or catalogue) while the import runs: a determinate bar (bytes read of the file) and the row counts. */
export function followImport(
  op: 'roster.importProgress' | 'catalogue.importProgress',
  fileName: string,
  onPhase: (phase: { label: string; fraction: number | null }) => void,
): () => void {
  let stopped = false;
  let timer: number | undefined;
  const tick = async () => {
    const r = await call(op, {});
    if (stopped) return;
    if (r.ok && r.value.state === 'running') {
      const p = r.value;
      const fraction = p.totalBytes && p.bytesRead !== undefined ? Math.min(p.bytesRead / p.totalBytes, 1) : null;
      onPhase({
        label: p.phase === 'reading' ? `正在读取 ${fileName}…` : `正在导入 ${fileName}：已读 ${p.rowsRead} 行，接收 ${p.rowsImported} 行，退回 ${p.rowsRejected} 行`,
        fraction,
      });
    }
    timer = window.setTimeout(() => void tick(), PROGRESS_POLL_MS);
  };
  timer = window.setTimeout(() => void tick(), PROGRESS_POLL_MS);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}

type Phase = { label: string; fraction: number | null };

/**
 * One file import at a screen: reads the file (determinate bar), then runs `run` with its base64
 * while following `progressOp`. Answers the import's value, or `readError` when the file could not be read.
 */
export async function readAndImport<T>(
  file: File,
  options: {
    progressOp: 'roster.importProgress' | 'catalogue.importProgress';
    importingLabel: string;
    onPhase: (phase: Phase | null) => void;
    run: (contentBase64: string) => Promise<T | undefined>;
  },
): Promise<{ value?: T; readError?: string }> {
  const { onPhase } = options;
  onPhase({ label: `正在读取 ${file.name}…`, fraction: 0 });
  let contentBase64: string;
  try {
    contentBase64 = await readBase64(file, (fraction) => onPhase({ label: `正在读取 ${file.name}…`, fraction }));
  } catch (error) {
    onPhase(null);
    return { readError: (error as Error).message };
  }
  onPhase({ label: options.importingLabel, fraction: null });
  const stopFollowing = followImport(options.progressOp, file.name, onPhase);
  try {
    return { value: await options.run(contentBase64) };
  } finally {
    stopFollowing();
    onPhase(null);
  }
}
