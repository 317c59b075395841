/**
 * The simulator's 1901 dictionaries (§7): psn_idet_type as the platform's national list of §17.7
 * (HN, the only evidenced one) plus the 2360xx local extensions it issues (identity-codes.ts).
 * Rows with admdvs '' are national; a region's own rows carry its 6-digit code.
 */
import type { SimDb } from './db';
import { SIM_IDENTITY_CODES } from './identity-codes';

const NATIONAL_PSN_IDET_TYPES: ReadonlyArray<[string, string]> = [
  ['21', '优抚人员'],
  ['2101', '因公牺牲军人家属'],
  ['2102', '退出现役的残疾军人'],
  ['2103', '二等乙级伤残军人'],
  ['2104', '一至六级残疾军人'],
  ['2105', '老红军'],
  ['2160', '地方扩展优抚人员'],
  ['22', '医疗照顾人员'],
  ['2201', '副省级以上在职和退休领导'],
  ['2211', '两院院士'],
  ['2212', '省直直管优秀专家'],
  ['2231', '国家级劳模'],
  ['2232', '享受公务员的省级劳模'],
  ['2241', '亚洲以上冠军运动员'],
  ['2260', '地方扩展医疗照顾人员'],
  ['23', '医疗救助人员'],
  ['2301', '三无人员'],
  ['2302', '建档立卡贫困人员'],
  ['2303', '低保救助对象'],
  ['2304', '特困救助对象'],
  ['2305', '低收入救助对象'],
  ['2306', '因病致贫救助对象（含重特大疾病人员）'],
  ['2307', '农村五保户'],
  ['2308', '残疾人员'],
  ['2360', '地方扩展医疗救助对象人员'],
  ['24', '军人'],
  ['2401', '现役军人家属'],
  ['2460', '地方扩展军人人员，其他军转人员'],
  ['60', '地方扩展其他特殊待遇人员'],
];

export const DICTIONARY_TABLE = `
CREATE TABLE IF NOT EXISTS dictionary (
  type TEXT NOT NULL, admdvs TEXT NOT NULL, value TEXT NOT NULL, label TEXT NOT NULL, parent_value TEXT,
  sort INTEGER NOT NULL, vali_flag TEXT NOT NULL DEFAULT '1', version TEXT NOT NULL,
  PRIMARY KEY (type, admdvs, value)
);`;

export function seedDictionary(db: SimDb): void {
  const insert = db.prepare("INSERT OR IGNORE INTO dictionary VALUES ('psn_idet_type', '', ?, ?, ?, ?, '1', '2024-01')");
  const rows: Array<[string, string]> = [...NATIONAL_PSN_IDET_TYPES, ...Object.entries(SIM_IDENTITY_CODES).filter(([code]) => code.length === 6)];
  db.transaction(() => rows.forEach(([value, label], i) => insert.run(value, label, value.length > 2 ? value.slice(0, value.length === 6 ? 4 : 2) : null, i + 1)))();
}

export interface DictionaryEntry {
  type: string;
  label: string;
  value: string;
  parent_value: string | null;
  sort: number;
  vali_flag: string;
  version: string;
}

/** A region's rows over the national ones (the region's wins for the same value). */
export function dictionaryRows(db: SimDb, type: string, admdvs: string, validOnly: boolean): DictionaryEntry[] {
  const rows = db
    .prepare("SELECT type, label, value, parent_value, sort, vali_flag, version, admdvs FROM dictionary WHERE type = ? AND admdvs IN (?, '') ORDER BY sort, value")
    .all(type, admdvs) as Array<DictionaryEntry & { admdvs: string }>;
  const byValue = new Map<string, DictionaryEntry>();
  for (const r of rows.sort((a, b) => a.admdvs.length - b.admdvs.length))
    byValue.set(r.value, { type: r.type, label: r.label, value: r.value, parent_value: r.parent_value, sort: r.sort, vali_flag: r.vali_flag, version: r.version });
  return [...byValue.values()].filter((r) => !validOnly || r.vali_flag === '1').sort((a, b) => a.sort - b.sort);
}
