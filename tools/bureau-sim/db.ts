/** The simulator's own SQLite file: people, identities, sign-ins, processed messages, settlements. */
import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SETLINFO_AMOUNT_FIELDS, type SetlinfoAmountField } from '../../electron/bureau';
import { toFen, type Decimal } from '../../shared/money';
import { DEMO_CARDHOLDERS } from '../../shared/card';
import { DEMO_PEOPLE } from './demo-people';
import { DICTIONARY_TABLE, seedDictionary } from './dictionary';

export type SimDb = Database.Database;

const amountColumns = SETLINFO_AMOUNT_FIELDS.map((f) => `${f} INTEGER NOT NULL DEFAULT 0`).join(',\n  ');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS person (
  psn_no TEXT PRIMARY KEY, certno TEXT NOT NULL UNIQUE, psn_name TEXT NOT NULL, gend TEXT NOT NULL,
  brdy TEXT NOT NULL, card_no TEXT, insutype TEXT NOT NULL, psn_type TEXT NOT NULL,
  insuplc_admdvs TEXT NOT NULL, psn_insu_date TEXT NOT NULL, conditions TEXT NOT NULL,
  psn_insu_stas TEXT NOT NULL DEFAULT '1', paus_insu_date TEXT
);
CREATE TABLE IF NOT EXISTS identity (
  psn_no TEXT NOT NULL REFERENCES person(psn_no), psn_idet_type TEXT NOT NULL, memo TEXT,
  begntime TEXT NOT NULL, endtime TEXT
);
CREATE TABLE IF NOT EXISTS accumulator_base (
  psn_no TEXT NOT NULL, year INTEGER NOT NULL, cum_type_code TEXT NOT NULL, cum_fen INTEGER NOT NULL,
  PRIMARY KEY (psn_no, year, cum_type_code)
);
CREATE TABLE IF NOT EXISTS sign_in (
  sign_no TEXT PRIMARY KEY, fixmedins_code TEXT NOT NULL, opter TEXT NOT NULL, sign_time TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS message (
  msgid TEXT PRIMARY KEY, infno TEXT NOT NULL, fixmedins_code TEXT NOT NULL, received_at TEXT NOT NULL,
  reversed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS settlement (
  medins_setl_id TEXT NOT NULL, fixmedins_code TEXT NOT NULL, setl_id TEXT NOT NULL UNIQUE, msgid TEXT NOT NULL,
  psn_no TEXT NOT NULL, certno TEXT NOT NULL, insutype TEXT NOT NULL, med_type TEXT NOT NULL, clr_type TEXT NOT NULL,
  setl_time TEXT NOT NULL, refd_setl_flag TEXT NOT NULL, init_setl_id TEXT,
  ${amountColumns},
  fingerprint TEXT NOT NULL, record TEXT NOT NULL, stored_at TEXT NOT NULL,
  -- The settlement date (yyyy-MM-dd): the year and month it counts toward in 5206.
  settle_date TEXT,
  setl_list_id TEXT,
  PRIMARY KEY (fixmedins_code, medins_setl_id)
);
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- ecTokens the e-voucher middle platform issued (§6.3).
CREATE TABLE IF NOT EXISTS ec_token (ec_token TEXT PRIMARY KEY, certno TEXT NOT NULL, org_id TEXT NOT NULL, expires_at TEXT NOT NULL);
-- 9101 uploads and the files the centre offers for 9102 (3202 results).
CREATE TABLE IF NOT EXISTS file (
  file_qury_no TEXT PRIMARY KEY, fixmedins_code TEXT NOT NULL, filename TEXT NOT NULL, bytes BLOB NOT NULL,
  dld_endtime TEXT NOT NULL, stored_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS settlement_by_person ON settlement (psn_no);
`;

export function openSimDb(path: string): SimDb {
  ownerOnly(path, true);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const companion of [`${path}-wal`, `${path}-shm`]) ownerOnly(companion, false);
  db.exec(SCHEMA);
  db.exec(DICTIONARY_TABLE);
  addMissingColumns(db);
  seedDemoPeople(db);
  seedDictionary(db);
  return db;
}

/**
 * The simulator holds demo people's ID numbers and settlements: on Linux its file is 0600 whatever
 * the umask (created so before SQLite opens it, so the WAL and SHM files SQLite makes take the same
 * mode; an older file is tightened). Windows keeps the profile folder's ACLs.
 */
function ownerOnly(path: string, create: boolean): void {
  if (process.platform === 'win32' || path === '' || path.startsWith(':memory:') || path.startsWith('file:')) return;
  try {
    if (create) closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** A simulator file from an earlier version gains the columns added since. */
function addMissingColumns(db: SimDb): void {
  const has = (table: string, column: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).some((c) => c.name === column);
  if (!has('person', 'psn_insu_stas')) db.exec("ALTER TABLE person ADD COLUMN psn_insu_stas TEXT NOT NULL DEFAULT '1'");
  if (!has('person', 'paus_insu_date')) db.exec('ALTER TABLE person ADD COLUMN paus_insu_date TEXT');
  if (!has('settlement', 'settle_date')) db.exec('ALTER TABLE settlement ADD COLUMN settle_date TEXT');
  if (!has('settlement', 'setl_list_id')) db.exec('ALTER TABLE settlement ADD COLUMN setl_list_id TEXT');
  // Seeds written with the earlier engine-named codes, in the platform's grammar now.
  const renamed: Array<[string, string]> = [
    ['basicPaid', 'D390101'],
    ['catastrophicBase', 'TS390201'],
    ['catastrophicPaid', 'D390201'],
    ['assistancePaid', 'D610101'],
  ];
  for (const [from, to] of renamed) db.prepare('UPDATE OR IGNORE accumulator_base SET cum_type_code = ? WHERE cum_type_code = ?').run(to, from);
  db.prepare("DELETE FROM accumulator_base WHERE cum_type_code = 'personalPaid'").run();
}

/** Adds any demo person the file does not hold yet; never touches people already there. */
function seedDemoPeople(db: SimDb): void {
  const insertPerson = db.prepare(
    `INSERT OR IGNORE INTO person VALUES (@psnNo, @certno, @name, @gend, @brdy, @cardNo, '390', '1501', @insuplcAdmdvs, '2010-01-01', @conditions, @insuStas, @pausInsuDate)`,
  );
  const insertIdentity = db.prepare('INSERT INTO identity VALUES (?, ?, ?, ?, ?)');
  const insertYtd = db.prepare('INSERT INTO accumulator_base VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const p of DEMO_PEOPLE) {
      const brdy = `${p.certno.slice(6, 10)}-${p.certno.slice(10, 12)}-${p.certno.slice(12, 14)}`;
      const cardNo = DEMO_CARDHOLDERS.find((c) => c.certno === p.certno)?.cardNo ?? null;
      const added = insertPerson.run({
        ...p,
        brdy,
        cardNo,
        conditions: JSON.stringify(p.conditions),
        insuStas: p.insurance?.stas ?? '1',
        pausInsuDate: p.insurance?.pausedOn ?? null,
      });
      if (added.changes === 0) continue;
      for (const i of p.identities) insertIdentity.run(p.psnNo, i.code, i.memo ?? null, i.begntime, i.endtime);
      for (const [year, values] of Object.entries(p.ytd ?? {})) {
        for (const [code, cum] of Object.entries(values)) insertYtd.run(p.psnNo, Number(year), code, code.startsWith('C') ? Number(cum) : toFen(cum));
      }
    }
  })();
}

/** Next value of a named counter (inf_refmsgid, setl_id, sign_no serials). */
export function nextCounter(db: SimDb, name: string): number {
  const row = db.prepare('INSERT INTO counter (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value').get(name) as {
    value: number;
  };
  return row.value;
}

export interface PersonRow {
  psn_no: string;
  certno: string;
  psn_name: string;
  gend: string;
  brdy: string;
  card_no: string | null;
  insutype: string;
  psn_type: string;
  insuplc_admdvs: string;
  psn_insu_date: string;
  conditions: string;
  psn_insu_stas: string;
  paus_insu_date: string | null;
}

export function findPerson(db: SimDb, by: { psnNo?: string; certno?: string; cardNo?: string }): PersonRow | undefined {
  if (by.psnNo) return db.prepare('SELECT * FROM person WHERE psn_no = ?').get(by.psnNo) as PersonRow | undefined;
  if (by.cardNo) {
    const row = db.prepare('SELECT * FROM person WHERE card_no = ?').get(by.cardNo) as PersonRow | undefined;
    if (row) return row;
  }
  if (by.certno) return db.prepare('SELECT * FROM person WHERE certno = ?').get(by.certno.toUpperCase()) as PersonRow | undefined;
  return undefined;
}

export type SettlementRow = Record<SetlinfoAmountField, number> & {
  medins_setl_id: string;
  setl_id: string;
  setl_list_id: string | null;
  psn_no: string;
  certno: string;
  insutype: string;
  med_type: string;
  clr_type: string;
  setl_time: string;
  settle_date: string | null;
  record: string;
  msgid: string;
  refd_setl_flag: string;
  init_setl_id: string | null;
  fingerprint: string;
};

export function findSettlement(db: SimDb, fixmedinsCode: string, id: string): SettlementRow | undefined {
  return db.prepare('SELECT * FROM settlement WHERE fixmedins_code = ? AND (medins_setl_id = ? OR setl_id = ?)').get(fixmedinsCode, id, id) as SettlementRow | undefined;
}

export interface StoredSettlement {
  fixmedinsCode: string;
  setlId: string;
  setlListId: string;
  msgid: string;
  psnNo: string;
  certno: string;
  insutype: string;
  medType: string;
  clrType: string;
  /** yyyy-MM-dd HH:mm:ss */
  setlTime: string;
  /** yyyy-MM-dd: the year and month it counts toward. */
  settleDate: string;
  refdSetlFlag: '0' | '1';
  initSetlId: string | null;
  /** The centre's own amounts (negative for a reversal). */
  amounts: Record<SetlinfoAmountField, Decimal>;
  fingerprint: string;
  record: unknown;
  storedAt: string;
}

export function insertSettlement(db: SimDb, s: StoredSettlement): void {
  const amounts = Object.fromEntries(SETLINFO_AMOUNT_FIELDS.map((f) => [f, toFen(s.amounts[f])]));
  const columns = [
    'medins_setl_id',
    'fixmedins_code',
    'setl_id',
    'setl_list_id',
    'msgid',
    'psn_no',
    'certno',
    'insutype',
    'med_type',
    'clr_type',
    'setl_time',
    'refd_setl_flag',
    'init_setl_id',
    ...SETLINFO_AMOUNT_FIELDS,
    'fingerprint',
    'record',
    'stored_at',
    'settle_date',
  ];
  db.prepare(`INSERT INTO settlement (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run({
    medins_setl_id: s.setlId,
    fixmedins_code: s.fixmedinsCode,
    setl_id: s.setlId,
    setl_list_id: s.setlListId,
    msgid: s.msgid,
    psn_no: s.psnNo,
    certno: s.certno,
    insutype: s.insutype,
    med_type: s.medType,
    clr_type: s.clrType,
    setl_time: s.setlTime,
    refd_setl_flag: s.refdSetlFlag,
    init_setl_id: s.initSetlId,
    ...amounts,
    fingerprint: s.fingerprint,
    record: JSON.stringify(s.record),
    stored_at: s.storedAt,
    settle_date: s.settleDate,
  });
}
