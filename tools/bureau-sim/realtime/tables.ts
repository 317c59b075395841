/**
 * The simulator's real-time tables, beside db.ts's: its own catalogue classification, the visits
 * (2201/2401), the uploaded fee lines with the centre's split (2204/2301), faults planted per
 * visit, and msgids reversed (2601) before or after they arrived. Settlements (2207/2304) go into
 * db.ts's `settlement` table, so 5203, 5206 and 3201 see them like any other.
 */
import type { SimDb } from '../db';
import { seedCatalogue } from './catalogue';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rt_catalogue (
  code TEXT PRIMARY KEY, name TEXT, chrgitm_lv TEXT NOT NULL, selfpay_prop TEXT NOT NULL, pric_uplmt_amt TEXT
);
CREATE TABLE IF NOT EXISTS rt_visit (
  mdtrt_id TEXT PRIMARY KEY, fixmedins_code TEXT NOT NULL, psn_no TEXT NOT NULL, insutype TEXT NOT NULL,
  med_type TEXT NOT NULL, ipt_otp_no TEXT NOT NULL, begntime TEXT NOT NULL, endtime TEXT,
  hosp_lv INTEGER NOT NULL, trt_refl TEXT NOT NULL, status TEXT NOT NULL, msgid TEXT NOT NULL,
  planted_fen INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS rt_fee (
  fixmedins_code TEXT NOT NULL, mdtrt_id TEXT NOT NULL, feedetl_sn TEXT NOT NULL, init_feedetl_sn TEXT,
  chrg_bchno TEXT, med_list_codg TEXT NOT NULL, name TEXT, cnt TEXT NOT NULL, pric TEXT NOT NULL,
  chrgitm_lv TEXT NOT NULL, selfpay_prop TEXT NOT NULL, pric_uplmt_amt TEXT,
  setl_id TEXT, withdrawn INTEGER NOT NULL DEFAULT 0, msgid TEXT NOT NULL,
  PRIMARY KEY (fixmedins_code, mdtrt_id, feedetl_sn)
);
CREATE TABLE IF NOT EXISTS rt_fault (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rt_reversed (msgid TEXT PRIMARY KEY, oinfno TEXT NOT NULL, reversed_at TEXT NOT NULL);
`;

const ready = new WeakSet<SimDb>();

/** Creates the tables (and the seeded catalogue) once per open database. */
export function realtimeTables(db: SimDb): SimDb {
  if (ready.has(db)) return db;
  db.exec(SCHEMA);
  seedCatalogue(db);
  ready.add(db);
  return db;
}
