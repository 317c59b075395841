import { maskId } from '../format';
import { IDENTITY_LABELS, CONDITION_LABELS, SOURCE_LABELS } from '../labels';
import { Notice } from '../ui/controls';
import type { CardIdentity, PersonContext } from './patient';

/** Who the patient is, which identities they hold, until when, and who said so. */
export function PatientDetails(props: { identity: CardIdentity; person: PersonContext | null }) {
  const { identity, person } = props;
  const name = person?.name ?? identity.name ?? '（待医保中心返回）';
  const certno = person?.certno ?? identity.certno;
  return (
    <div className="patient">
      <div className="patient-name" data-testid="patient-name">
        {name}
      </div>
      <dl className="kv">
        <div>
          <dt>证件号码</dt>
          <dd data-testid="patient-certno">{certno ? maskId(certno) : '—'}</dd>
        </div>
        <div>
          <dt>凭证来源</dt>
          <dd>{SOURCE_LABELS[identity.source] ?? identity.source}</dd>
        </div>
        <div>
          <dt>证件有效期</dt>
          <dd className={identity.expired ? 'text-bad' : ''}>
            {identity.validTo ? `至 ${identity.validTo}` : identity.source === 'e-voucher' || identity.source === 'typed-id' ? '—' : '长期'}
            {identity.expired ? '（已过期，请核实）' : ''}
          </dd>
        </div>
        {person ? (
          <>
            <div>
              <dt>险种</dt>
              <dd>{person.insurance === 'resident' ? '城乡居民' : person.insurance === 'employee' ? '职工' : person.insurance}</dd>
            </div>
            <div>
              <dt>参保地</dt>
              <dd>{person.region}</dd>
            </div>
            <div>
              <dt>人员身份</dt>
              <dd data-testid="patient-identities">{person.identities.map((i) => IDENTITY_LABELS[i]).join('、') || '普通参保人员'}</dd>
            </div>
            {person.conditions.length ? (
              <div>
                <dt>病种</dt>
                <dd>{person.conditions.map((c) => CONDITION_LABELS[c]).join('、')}</dd>
              </div>
            ) : null}
            <div>
              <dt>信息来源</dt>
              <dd data-testid="patient-source">{person.online ? '医保中心（在线）' : '花名册（离线）'}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {person?.provenance.length ? (
        <details className="provenance">
          <summary>各项信息的来源</summary>
          <ul>
            {person.provenance.map((p) => (
              <li key={p.field}>
                {p.detail}：{p.source === 'card' ? (SOURCE_LABELS[identity.source] ?? identity.source) : (SOURCE_LABELS[p.source] ?? p.source)}
                {p.asOf ? `（${p.asOf}）` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {person && !person.online ? <Notice tone="warn">医保中心无法连接，身份信息取自花名册，结算将在恢复联网后上传。</Notice> : null}
      {person?.conflicts.map((c) => (
        <Notice tone="warn" key={c.field}>
          {c.message}
        </Notice>
      ))}
      {person?.warnings.map((w) => (
        <Notice tone="warn" key={w}>
          {w}
        </Notice>
      ))}
    </div>
  );
}
