import type { LineClass, SettlementInputRaw } from '../../shared/engine';
import type { CatalogueDrug, CatalogueStore, SaleLine } from '../ledger';

type BillLineRaw = SettlementInputRaw['lines'][number];

/** A pharmacy-counter line as the window sends it: the code and quantity count; price and class only for an uncatalogued drug. */
export interface SaleLineRequest {
  code: string;
  name?: string;
  class: LineClass;
  price: string;
  qty: string;
  uncatalogued?: boolean;
  prescription?: { hospital: string; level: 1 | 2 | 3; number?: string };
}

export interface ResolvedSale {
  /** The engine's bill lines: catalogue drugs priced and classed by the catalogue. */
  lines: BillLineRaw[];
  saleLines: SaleLine[];
  /** The catalogue version in effect on the sale date (null: none imported yet). */
  catalogueVersionId: number | null;
  warnings: string[];
}

export class SaleLineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

const label = (drug: Pick<CatalogueDrug, 'name' | 'code'>) => `「${drug.name}」（${drug.code}）`;

/**
 * The bill of a pharmacy sale, from the catalogue in effect on the sale date: the window names the
 * drug and the quantity; its price, class, self-pay ratio, cap and specific-drug mark come from the
 * catalogue (what the window sent for them is ignored). A code the catalogue does not list is sold
 * as 丙类 at the window's price only when the cashier confirmed it (`uncatalogued`). A specific drug
 * needs the prescribing hospital and its level. With no catalogue imported yet the lines are taken
 * as sent (as a HIS bill is), with a warning.
 */
export async function resolveSaleLines(catalogue: CatalogueStore, date: string, requested: readonly SaleLineRequest[]): Promise<ResolvedSale> {
  const version = await catalogue.versionInEffect(date);
  const warnings: string[] = [];
  if (!version) warnings.push(`${date} 无生效的药品目录：按收费窗口所传单价和类别结算，请主管导入药品目录`);
  const lines: BillLineRaw[] = [];
  const saleLines: SaleLine[] = [];
  let ignored = 0;
  for (const [i, line] of requested.entries()) {
    const path = `lines.${i}`;
    const drug = version ? await catalogue.find(line.code, date) : undefined;
    const prescription = line.prescription;
    if (version && !drug) {
      if (!line.uncatalogued) {
        throw new SaleLineError('catalogue-unknown-drug', `药品编码不在药品目录中：${line.code}（如确认销售，须由收费员确认按丙类自费）`, path);
      }
      if (!(Number(line.price) > 0)) throw new SaleLineError('catalogue-unknown-drug', `目录外药品 ${line.code} 须填写单价`, path);
    }
    if (drug) {
      if (drug.price === null) throw new SaleLineError('catalogue-no-price', `药品${label(drug)}目录未载售价，无法销售（请导入含单价的药品目录）`, path);
      if (drug.class === null) throw new SaleLineError('catalogue-no-class', `药品${label(drug)}目录未载甲乙丙类别，无法销售`, path);
      if (drug.class === 'B' && drug.selfPayRatio === null) {
        throw new SaleLineError('catalogue-no-ratio', `乙类药品${label(drug)}目录未载先行自付比例，无法销售（请导入含自付比例的目录）`, path);
      }
      if (drug.specificDrug && !prescription) {
        throw new SaleLineError('catalogue-prescription-required', `特殊药品${label(drug)}须登记处方医院及其级别`, path);
      }
      if (line.price !== drug.price || line.class !== drug.class) ignored++;
    }
    const uncatalogued = Boolean(version && !drug);
    lines.push(
      drug
        ? {
            code: drug.code,
            name: drug.name,
            class: drug.class!,
            price: drug.price!,
            qty: line.qty,
            ...(drug.selfPayRatio !== null && drug.class === 'B' ? { selfPayRatio: drug.selfPayRatio } : {}),
            ...(drug.priceCap !== null ? { priceCap: drug.priceCap } : {}),
            kind: 'drug',
            ...(drug.specificDrug ? { specificDrug: true, prescribedAtLevel: prescription!.level } : {}),
          }
        : uncatalogued
          ? { code: line.code, ...(line.name ? { name: line.name } : {}), class: 'C', price: line.price, qty: line.qty, kind: 'drug' }
          : withoutCounterFields(line),
    );
    saleLines.push({
      lineNo: i + 1,
      code: line.code,
      catalogueVersionId: drug?.versionId ?? null,
      uncatalogued,
      prescribingHospital: prescription?.hospital ?? null,
      prescribingLevel: prescription?.level ?? null,
      prescriptionNo: prescription?.number || null,
    });
  }
  if (ignored) warnings.push(`${ignored} 种药品的单价或类别以药品目录为准（收费窗口所传的不用）`);
  return { lines, saleLines, catalogueVersionId: version?.id ?? null, warnings };
}

/** Without a catalogue the line is the engine's as sent; a prescription's level stands for prescribedAtLevel. */
function withoutCounterFields(line: SaleLineRequest): BillLineRaw {
  const { uncatalogued: _u, prescription, ...rest } = line as SaleLineRequest & BillLineRaw;
  return { ...rest, ...(prescription && rest.specificDrug ? { prescribedAtLevel: prescription.level } : {}) };
}
