import { FLAG_FIELDS, type AmountField, type FlagField, type StoredTraceStep } from '../../shared/engine';
import { REVIEW_DONE_HINT, renderTrace, type RenderedTraceStep } from '../../shared/labels';
import { BILL_FIELDS, FLAG_TEXT, PAYERS, reviewHint } from '../labels';
import { Money } from '../ui/controls';

export interface SettlementFigures {
  amounts: Record<AmountField, string>;
  assistanceAdvanced?: string;
  flags: Record<FlagField, boolean>;
  /** As the engine returned it or the ledger stored it; shown through shared/labels. */
  trace: StoredTraceStep[];
  /** The engine's intermediates (the review threshold of the version in force among them). */
  intermediates?: { reviewThreshold: string | null } | undefined;
  /** A stored settlement's status: once the review outcome is recorded, nothing says 待专家审核. */
  status?: string;
}

const REVIEW_DONE = new Set(['reviewed-approved', 'reviewed-rejected']);

const isZero = (amount: string) => /^0+\.00$/.test(amount);

/** The one-line reason: a layer's summary; for the bill classification, its notes (waivers, removals). */
function reasonOf(trace: readonly RenderedTraceStep[], layers: readonly string[]): string {
  return layers
    .map((layer) => trace.find((t) => t.layer === layer))
    .filter((t): t is RenderedTraceStep => t !== undefined && (t.applies || layers.length === 1))
    .map((t) => (t.layer === 'classify' ? t.notes.join('；') : t.summary))
    .filter(Boolean)
    .join('；');
}

/** The bill, every payer with the one-line reason from the trace, the patient's cash and the flags. */
export function SettlementView(props: { figures: SettlementFigures; showTrace?: boolean }) {
  const { amounts, flags, status } = props.figures;
  const reviewed = status !== undefined && REVIEW_DONE.has(status);
  // Once the outcome is recorded the review note says 已专家审核 (the labels choose the words).
  const trace = renderTrace(props.figures.trace, { reviewed });
  const payers = PAYERS.filter((p) => p.always || !isZero(amounts[p.field]));
  const raised = FLAG_FIELDS.filter((f) => flags[f]);
  return (
    <div className="settlement">
      <dl className="bill-totals" aria-label="费用构成">
        {BILL_FIELDS.map((b) => (
          <div key={b.field}>
            <dt>{b.label}</dt>
            <dd>
              <Money value={amounts[b.field]} testId={`amount-${b.field}`} />
            </dd>
          </div>
        ))}
      </dl>
      <table className="table payers" aria-label="各方支付">
        <thead>
          <tr>
            <th scope="col">支付方</th>
            <th scope="col" className="num">
              金额
            </th>
            <th scope="col">依据</th>
          </tr>
        </thead>
        <tbody>
          {payers.map((p) => (
            <tr key={p.field}>
              <th scope="row">{p.label}</th>
              <td className="num">
                <Money value={amounts[p.field]} testId={`amount-${p.field}`} />
              </td>
              <td className="reason">{reasonOf(trace, p.layers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="cash" aria-label="个人现金支付">
        <span className="cash-label">个人现金支付</span>
        <Money value={amounts.patientCash} testId="amount-patientCash" large />
      </div>
      {props.figures.assistanceAdvanced && !isZero(props.figures.assistanceAdvanced) ? (
        <p className="hint">医疗救助 ¥ {props.figures.assistanceAdvanced} 由精准扶贫资金先行垫付，再与民政部门结算。</p>
      ) : null}
      {raised.length ? (
        <ul className="flags" aria-label="提示">
          {raised.map((f) => (
            <li key={f} className={`flag flag-${f}`} data-testid={`flag-${f}`}>
              <strong>{FLAG_TEXT[f].label}</strong>　
              {f !== 'reviewRequired' ? FLAG_TEXT[f].hint : reviewed ? REVIEW_DONE_HINT : reviewHint(props.figures.intermediates?.reviewThreshold)}
            </li>
          ))}
        </ul>
      ) : null}
      {props.showTrace ? <TraceList trace={trace} /> : null}
    </div>
  );
}

/** Every step of the engine's reasoning, with the parameters and where each came from. */
export function TraceList(props: { trace: RenderedTraceStep[] }) {
  return (
    <ol className="trace" aria-label="计算过程">
      {props.trace.map((step) => (
        <li key={step.layer} className={step.applies ? '' : 'trace-off'}>
          <div className="trace-head">
            <strong>{step.title}</strong>
            {step.amount ? <Money value={step.amount} /> : null}
          </div>
          <div>{step.summary}</div>
          {step.params.length ? (
            <ul className="trace-params">
              {step.params.map((p, i) => (
                <li key={`${i}-${p.name}`}>
                  {p.name}：{p.value}（{p.source}）
                </li>
              ))}
            </ul>
          ) : null}
          {step.notes.map((n) => (
            <div className="hint" key={n}>
              {n}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
