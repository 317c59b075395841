import type { Migration } from './types';
import { appendOnly } from './append-only';
import { INITIAL_PG } from './postgres-schema';

// Frozen once shipped: later changes go into new migrations (additive only).
export const initial: Migration = {
  id: 1,
  name: 'initial',
  sql: `
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor')),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  password_changed_at TEXT
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE roster_versions (
  id INTEGER PRIMARY KEY,
  imported_at TEXT NOT NULL,
  imported_on TEXT NOT NULL,
  roster_date TEXT NOT NULL,
  source_name TEXT NOT NULL,
  region TEXT,
  row_count INTEGER NOT NULL,
  rejected_count INTEGER NOT NULL,
  operator_id TEXT
) STRICT;
CREATE INDEX roster_versions_by_import ON roster_versions (imported_on, id);

CREATE TABLE roster_persons (
  certno TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES roster_versions (id),
  identity TEXT NOT NULL,
  identity_raw TEXT NOT NULL,
  line INTEGER NOT NULL,
  name TEXT NOT NULL,
  begin_date TEXT NOT NULL,
  end_date TEXT,
  region_code TEXT NOT NULL,
  certificate TEXT,
  PRIMARY KEY (certno, version_id, identity)
) STRICT, WITHOUT ROWID;

CREATE TABLE patients (
  certno TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  psn_no TEXT,
  region TEXT,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  visits INTEGER NOT NULL
) STRICT;

CREATE TABLE settlements (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('settlement', 'reversal')),
  reverses_id TEXT UNIQUE REFERENCES settlements (id),
  terminal_id TEXT NOT NULL,
  committed_at TEXT NOT NULL,
  committed_on TEXT NOT NULL,
  operator_id TEXT NOT NULL REFERENCES operators (id),
  patient_certno TEXT NOT NULL,
  patient_name TEXT NOT NULL,
  psn_no TEXT,
  policy_region TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  settle_date TEXT NOT NULL,
  visit TEXT NOT NULL,
  insurance TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  ownpay_fen INTEGER NOT NULL,
  overlimit_fen INTEGER NOT NULL,
  preselfpay_fen INTEGER NOT NULL,
  inscope_fen INTEGER NOT NULL,
  basic_fen INTEGER NOT NULL,
  catastrophic_fen INTEGER NOT NULL,
  assistance_fen INTEGER NOT NULL,
  supplementary_fen INTEGER NOT NULL,
  poverty_fund_fen INTEGER NOT NULL,
  hospital_share_fen INTEGER NOT NULL,
  discount_fen INTEGER NOT NULL,
  patient_cash_fen INTEGER NOT NULL,
  self_paid_fen INTEGER NOT NULL,
  assistance_advanced_fen INTEGER NOT NULL,
  copay1_fen INTEGER NOT NULL,
  review_required INTEGER NOT NULL CHECK (review_required IN (0, 1)),
  monitoring_alert INTEGER NOT NULL CHECK (monitoring_alert IN (0, 1)),
  charity_referral INTEGER NOT NULL CHECK (charity_referral IN (0, 1)),
  deferred_payment INTEGER NOT NULL CHECK (deferred_payment IN (0, 1)),
  input_json TEXT NOT NULL,
  trace_json TEXT NOT NULL,
  CHECK ((kind = 'settlement') = (reverses_id IS NULL))
) STRICT;
CREATE INDEX settlements_by_patient ON settlements (patient_certno, settle_date);
CREATE INDEX settlements_by_day ON settlements (committed_on, committed_at);

CREATE TABLE reversals (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements (id),
  original_id TEXT NOT NULL UNIQUE REFERENCES settlements (id),
  supervisor_id TEXT NOT NULL REFERENCES operators (id),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  at TEXT NOT NULL
) STRICT;

CREATE TABLE settlement_events (
  id INTEGER PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements (id),
  status TEXT NOT NULL CHECK (status IN ('settled', 'pending-review', 'reviewed-approved', 'reviewed-rejected')),
  operator_id TEXT NOT NULL REFERENCES operators (id),
  at TEXT NOT NULL,
  note TEXT
) STRICT;
CREATE INDEX settlement_events_by_settlement ON settlement_events (settlement_id, id);

CREATE TABLE bills (
  id INTEGER PRIMARY KEY,
  settlement_id TEXT NOT NULL UNIQUE REFERENCES settlements (id),
  source TEXT,
  line_count INTEGER NOT NULL
) STRICT;

CREATE TABLE bill_lines (
  bill_id INTEGER NOT NULL REFERENCES bills (id),
  line_no INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT,
  class TEXT NOT NULL CHECK (class IN ('A', 'B', 'C')),
  price TEXT NOT NULL,
  qty TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  self_pay_ratio TEXT,
  price_cap TEXT,
  kind TEXT,
  excessive TEXT,
  specific_drug INTEGER NOT NULL CHECK (specific_drug IN (0, 1)),
  prescribed_at_level INTEGER,
  PRIMARY KEY (bill_id, line_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE outbox (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'acked', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  bureau_setl_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_by_status ON outbox (status, created_at);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'ledger-append-only: outbox rows are never deleted'); END;

CREATE TABLE receipt_prints (
  id INTEGER PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements (id),
  printed_at TEXT NOT NULL,
  pdf_path TEXT NOT NULL,
  operator_id TEXT
) STRICT;
CREATE INDEX receipt_prints_by_settlement ON receipt_prints (settlement_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  detail_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
${['settlements', 'reversals', 'settlement_events', 'bills', 'bill_lines', 'receipt_prints', 'audit_log'].map((table) => appendOnly(table)).join('')}
`,
  postgres: INITIAL_PG,
};
