/**
 * 5206 answers read by the code grammar of national-platform.md §14.1: a code is a prefix
 * (C, F, S, Q, D, Z, TS, TQ), a fund part (0000 or a fund code), optional `_BIZ<med_type>`,
 * `_LAB<label>` and segment (`POLC001`, `POLPL01`, `TREPOLPL01`) suffixes. Which codes make up
 * which accumulator is regional data (resources/bureau/cum-codes.yaml); rows of another year or
 * insutype are left out, and codes the spelling does not know are returned for the screen.
 */
import { z } from 'zod';
import { dec, formatMoney, type Decimal } from '../../shared/money';

/** What 5206 can tell; deductiblePaid is shown, the engine has no annual deductible field. */
export const ACCUMULATORS = ['deductiblePaid', 'basicPaid', 'catastrophicPaid', 'catastrophicBase', 'assistancePaid'] as const;
export type Accumulator = (typeof ACCUMULATORS)[number];

export const ACCUMULATOR_LABELS: Record<Accumulator, string> = {
  deductiblePaid: '本年已付起付线',
  basicPaid: '本年基本医保已支付',
  catastrophicPaid: '本年大病已支付',
  catastrophicBase: '本年大病合规费用累计',
  assistancePaid: '本年医疗救助已支付',
};

const stems = z.array(z.string().min(1));
export const cumSpellingSchema = z
  .object({
    ref: z.string(),
    insutypes: z.record(z.string(), z.partialRecord(z.enum(ACCUMULATORS), stems)),
    informational: stems.default([]),
  })
  .strict();
export type CumSpelling = z.output<typeof cumSpellingSchema>;

export const cumCodesFileSchema = z
  .object({
    default: z.string(),
    regions: z.record(z.string(), z.string()).default({}),
    spellings: z.record(z.string(), cumSpellingSchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const name of [file.default, ...Object.values(file.regions)]) {
      if (!file.spellings[name]) ctx.addIssue({ code: 'custom', message: `未定义的累计代码写法 ${name}` });
    }
  });
export type CumCodesFile = z.output<typeof cumCodesFileSchema>;

export interface CumRow {
  insutype?: string;
  year?: string;
  cum_ym?: string;
  cum_type_code: string;
  /** "1234.50" */
  cum: string;
}

export interface ParsedCode {
  stem: string;
  plain: boolean;
  labelled: boolean;
}

const GRAMMAR = /^(TS|TQ|[A-Z])(\d{4,7})(?:_?BIZ(\d+))?(?:_LAB(\d+))?(?:(?:TRE)?POL(?:C|PL)\d+)?$/;

export function parseCumCode(code: string): ParsedCode | null {
  const m = GRAMMAR.exec(code.trim().toUpperCase());
  if (!m) return null;
  const [, prefix, fund, , lab] = m;
  return { stem: `${prefix}${fund}`, plain: code.trim().toUpperCase() === `${prefix}${fund}`, labelled: lab !== undefined };
}

export interface CumReading {
  values: Partial<Record<Accumulator, string>>;
  /** Codes of this year and insutype that the spelling does not know, as sent. */
  unknown: Array<{ code: string; cum: string }>;
  /** Rows left out because they are of another year or insutype. */
  otherRows: number;
}

/** The accumulators of one insutype and year from a 5206 answer. */
export function readCumInfo(rows: readonly CumRow[], spelling: CumSpelling, insutype: string, year: number): CumReading {
  const mine = rows.filter((r) => (!r.year || Number(r.year) === year) && (!r.insutype || r.insutype === insutype));
  const map = spelling.insutypes[insutype] ?? {};
  const wanted = new Set(Object.values(map).flat());
  const informational = new Set(spelling.informational);
  const unknown: CumReading['unknown'] = [];
  const byStem = new Map<string, { plain: Decimal | null; variants: Decimal }>();
  for (const row of mine) {
    const parsed = parseCumCode(row.cum_type_code);
    if (!parsed || !(wanted.has(parsed.stem) || informational.has(parsed.stem))) {
      unknown.push({ code: row.cum_type_code, cum: row.cum });
      continue;
    }
    if (parsed.labelled || !wanted.has(parsed.stem)) continue;
    const entry = byStem.get(parsed.stem) ?? { plain: null, variants: dec(0) };
    if (parsed.plain) entry.plain = (entry.plain ?? dec(0)).plus(row.cum);
    else entry.variants = entry.variants.plus(row.cum);
    byStem.set(parsed.stem, entry);
  }
  const values: CumReading['values'] = {};
  for (const [accumulator, codes] of Object.entries(map) as Array<[Accumulator, string[]]>) {
    const found = codes.map((c) => byStem.get(c)).filter((e) => e !== undefined);
    if (found.length === 0) continue;
    values[accumulator] = formatMoney(found.reduce((total, e) => total.plus(e.plain ?? e.variants), dec(0)));
  }
  return { values, unknown, otherRows: rows.length - mine.length };
}

/** The spelling a region's centre uses (a site may name another). */
export function spellingFor(file: CumCodesFile, region: string, siteChoice?: string): CumSpelling {
  const name = siteChoice ?? file.regions[region] ?? file.default;
  const spelling = file.spellings[name];
  if (!spelling) throw new Error(`未定义的累计代码写法 ${name}`);
  return spelling;
}
