import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError, OpInput, OpOutput, Result } from '../../shared/contract';
import { call, fieldError } from '../api';
import { useApp } from '../app-context';
import { formatTime } from '../format';
import { ActionButton, Busy, DialogActions, ErrorNote, Notice, Section, SelectField, TextField } from '../ui/controls';
import { useHotkeys } from '../ui/hotkeys';
import { useOp } from '../ui/use-op';
import { ReportDocumentView } from './ReportDocument';
import { today } from './visit';

type Request = OpInput<'reports.exportXlsx'>;
type Document = OpOutput<'reports.monthlyDispatch'>;
type DayClose = OpOutput<'reports.dayClose'>;
type Report = Exclude<Request['report'], 'dayClose'>;
type Regional = OpOutput<'reports.regional'>[number];
/** A report, and for a regional one the region whose policy file declares it: `povertyFund@<region>`. */
type Choice = string;

/** The reports every terminal has; the regional ones come from the policy files (`reports.regional`). */
const COMMON: ReadonlyArray<{ value: Choice; label: string }> = [
  { value: 'monthlyDispatch', label: '月度调度报表' },
  { value: 'quarterlySurvey', label: '季度政策调查' },
];

const choiceOf = (r: Regional): Choice => `${r.report}@${r.region}`;

function parseChoice(choice: Choice): { report: Report; region?: string } {
  const [report, region] = choice.split('@') as [Report, string | undefined];
  return region ? { report, region } : { report };
}

/** The report's own op, by name: each answers the same document shape. */
function fetchReport(request: Request): Promise<Result<Document>> {
  switch (request.report) {
    case 'monthlyDispatch':
      return call('reports.monthlyDispatch', request.params);
    case 'quarterlySurvey':
      return call('reports.quarterlySurvey', request.params);
    case 'povertyFund':
      return call('reports.povertyFund', request.params);
    case 'monitoringList':
      return call('reports.monitoringList', request.params);
    case 'charityReferrals':
      return call('reports.charityReferrals', request.params);
    case 'dayClose':
      return call('reports.dayClose', request.params).then((r) => (r.ok ? { ok: true, value: r.value.document } : r));
  }
}

const PROGRESS_POLL_MS = 300;
const STAGE_LABELS = { reading: '正在读取台账中的结算记录', building: '正在汇总报表' } as const;

/** While a long report is built (on the backend's worker thread), what it is doing, from reports.progress. */
function useReportProgress(busy: boolean): string {
  const [label, setLabel] = useState('正在生成报表…');
  useEffect(() => {
    if (!busy) return;
    setLabel('正在生成报表…');
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      const r = await call('reports.progress', {});
      if (stopped) return;
      if (r.ok && r.value.state === 'running' && r.value.stage) {
        setLabel(`${STAGE_LABELS[r.value.stage]}…（后台生成，可同时收费${r.value.running > 1 ? `；共 ${r.value.running} 张报表在生成` : ''}）`);
      }
      timer = window.setTimeout(() => void tick(), PROGRESS_POLL_MS);
    };
    timer = window.setTimeout(() => void tick(), PROGRESS_POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [busy]);
  return label;
}

/** 报表: the cashier's day close, and the reports the bureau and the poverty office ask for. */
export function ReportsScreen() {
  return (
    <div className="stack">
      <DayClosePanel />
      <ReportPanel />
    </div>
  );
}

function DayClosePanel() {
  const { session } = useApp();
  const me = session.operator;
  const [day] = useState(today());
  const [view, setView] = useState<DayClose | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const load = useOp('reports.dayClose');
  const close = useOp('reports.closeDay');

  useEffect(() => {
    void load.run({ day, operatorId: me.id }).then((v) => v && setView(v));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [day, me.id]);

  const mine = view?.cashiers.find((c) => c.operatorId === me.id);
  const confirm = () => {
    close.setError(null);
    setConfirming(true);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = await close.run({ day });
    if (!value) return;
    setConfirming(false);
    setView(value);
    setMessage(`${me.displayName} ${value.day} 已日结`);
  };
  useHotkeys({
    F9: confirming || close.busy || !view ? undefined : confirm,
    Escape: confirming ? () => setConfirming(false) : undefined,
  });

  return (
    <Section
      title={`日结（${me.displayName}，${day}）`}
      className="panel-dayclose"
      actions={
        <>
          <ActionButton label="日结" hotkey="F9" kind="primary" onClick={confirm} disabled={confirming || !view} busy={close.busy} />
          <ExportButton request={{ report: 'dayClose', params: { day, operatorId: me.id } }} hotkey="F8" />
        </>
      }
    >
      {load.busy && !view ? <Busy label="正在汇总今日结算…" /> : null}
      <ErrorNote message={load.error?.message} />
      {confirming ? (
        <form className="dialog" onSubmit={submit} aria-label="确认日结">
          <h3>确认日结</h3>
          <p>
            日结后 {day} 的收费记录将锁定汇总，不能重复日结。今日共 {mine?.settlementCount ?? 0} 笔结算、{mine?.reversalCount ?? 0} 笔冲销，实收现金 ¥{' '}
            {mine?.netCash ?? '0.00'}。
          </p>
          <ErrorNote message={close.error?.message} label="日结错误" />
          <DialogActions submitLabel="确认日结" busy={close.busy} onCancel={() => setConfirming(false)} focusSubmit />
        </form>
      ) : null}
      {message ? <Notice tone="ok">{message}</Notice> : null}
      {mine?.closed ? (
        <p className="hint" data-testid="dayclose-state">
          已于 {formatTime(mine.closed.closedAt)} 由 {mine.closed.closedBy} 日结
        </p>
      ) : view ? (
        <p className="hint" data-testid="dayclose-state">
          尚未日结
        </p>
      ) : null}
      {view ? <ReportDocumentView document={view.document} /> : null}
    </Section>
  );
}

function ReportPanel() {
  const now = today();
  const [choice, setChoice] = useState<Choice>('monthlyDispatch');
  const [regional, setRegional] = useState<Regional[]>([]);
  useEffect(() => {
    void call('reports.regional', {}).then((r) => r.ok && setRegional(r.value));
  }, []);
  const { report: kind, region } = parseChoice(choice);
  const [month, setMonth] = useState(now.slice(0, 7));
  const [quarter, setQuarter] = useState(`${now.slice(0, 4)}-Q${Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1}`);
  const [year, setYear] = useState(now.slice(0, 4));
  const [from, setFrom] = useState(`${now.slice(0, 7)}-01`);
  const [to, setTo] = useState(now);
  const [document, setDocument] = useState<Document | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const progressLabel = useReportProgress(busy);

  const where = region ? { region } : {};
  const request: Request =
    kind === 'quarterlySurvey'
      ? { report: kind, params: { quarter } }
      : kind === 'monitoringList'
        ? { report: kind, params: { year: Number(year), ...where } }
        : kind === 'charityReferrals'
          ? { report: kind, params: { from, to, ...where } }
          : { report: kind, params: { month, ...where } };

  const generate = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await fetchReport(request);
    setBusy(false);
    if (result.ok) setDocument(result.value);
    else {
      setDocument(null);
      setError(result.error);
    }
  };
  useHotkeys({ F5: busy ? undefined : () => void generate() });
  const err = (path: string) => fieldError(error, path);

  return (
    <Section title="统计报表" className="panel-reports" actions={<ExportButton request={request} hotkey="F6" />}>
      <form className="inline-form" onSubmit={generate} aria-label="报表条件">
        <SelectField
          label="报表"
          value={choice}
          onChange={(c) => {
            setChoice(c);
            setDocument(null);
            setError(null);
          }}
          options={[...COMMON, ...regional.map((r) => ({ value: choiceOf(r), label: `${r.title}（${r.regionName}）` }))]}
        />
        {kind === 'quarterlySurvey' ? (
          <TextField label="季度（如 2020-Q3）" value={quarter} onChange={setQuarter} error={err('quarter')} />
        ) : kind === 'monitoringList' ? (
          <TextField label="年度" value={year} onChange={setYear} inputMode="numeric" error={err('year')} />
        ) : kind === 'charityReferrals' ? (
          <>
            <TextField label="起始日期" type="date" value={from} onChange={setFrom} error={err('from')} />
            <TextField label="截止日期" type="date" value={to} onChange={setTo} error={err('to')} />
          </>
        ) : (
          <TextField label="月份" type="month" value={month} onChange={setMonth} error={err('month')} />
        )}
        <button type="submit" className="btn btn-primary" aria-keyshortcuts="F5" disabled={busy}>
          生成报表 (F5)
        </button>
      </form>
      {busy ? <Busy label={progressLabel} /> : null}
      <ErrorNote message={error && !error.details?.length ? error.message : null} label="报表错误" />
      {document ? <ReportDocumentView document={document} /> : <p className="empty">选择报表和期间后按 F5 生成</p>}
    </Section>
  );
}

/** 导出Excel: writes the report as XLSX on this computer and says where. */
function ExportButton(props: { request: Request; hotkey: string }) {
  const exporter = useOp('reports.exportXlsx');
  const [saved, setSaved] = useState<string | null>(null);
  const key = JSON.stringify(props.request);
  useEffect(() => setSaved(null), [key]);
  const run = async () => {
    const value = await exporter.run(props.request);
    setSaved(value ? value.path : null);
  };
  useHotkeys({ [props.hotkey]: exporter.busy ? undefined : () => void run() });
  return (
    <div className="export">
      <ActionButton label="导出Excel" hotkey={props.hotkey} onClick={() => void run()} busy={exporter.busy} />
      {saved ? (
        <span className="export-path" role="status" data-testid="export-path">
          已保存：{saved}
        </span>
      ) : null}
      <ErrorNote message={exporter.error?.message} label="导出错误" />
    </div>
  );
}
