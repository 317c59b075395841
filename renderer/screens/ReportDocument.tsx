import type { OpOutput } from '../../shared/contract';

type Document = OpOutput<'reports.monthlyDispatch'>;
type Column = Document['tables'][number]['columns'][number];

const isNumeric = (c: Column | undefined) => c !== undefined && c.kind !== 'text';

/** A report as the backend wrote it: titled tables, numbers right-aligned, the 合计 row at the foot. */
export function ReportDocumentView(props: { document: Document }) {
  const d = props.document;
  return (
    <article className="report" aria-label={d.title}>
      <header className="report-head">
        <h3 className="report-title">{d.title}</h3>
        {d.subtitle ? <p className="hint">{d.subtitle}</p> : null}
      </header>
      {d.tables.map((t, ti) => (
        <div className="report-table" key={`${ti}-${t.title}`}>
          <table className="table" aria-label={t.title}>
            <caption>{t.title}</caption>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th scope="col" key={c.key} className={isNumeric(c) ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((row, ri) => (
                <tr key={ri}>
                  {row.map((cell, ci) => (
                    <td key={ci} className={isNumeric(t.columns[ci]) ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
              {t.rows.length === 0 ? (
                <tr>
                  <td colSpan={t.columns.length} className="empty">
                    无数据
                  </td>
                </tr>
              ) : null}
            </tbody>
            {t.total ? (
              <tfoot>
                <tr className="row-total">
                  {t.total.map((cell, ci) => (
                    <td key={ci} className={isNumeric(t.columns[ci]) ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      ))}
      {d.notes.length ? (
        <ul className="report-notes">
          {d.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
