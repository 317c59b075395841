import { normaliseHeader, type RawCell } from '../roster';

/** The simple catalogue file's columns (CSV/XLSX) and the header names they go by. */
export const CATALOGUE_COLUMNS = {
  code: ['药品编码', '编码', '医保编码', '医疗目录编码', '医保目录编码', '药品代码'],
  name: ['药品名称', '名称', '通用名', '药品通用名', '通用名称'],
  specification: ['规格', '药品规格'],
  unit: ['单位', '计价单位', '包装单位'],
  price: ['单价', '售价', '零售价', '价格'],
  class: ['类别', '甲乙类', '医保类别', '收费项目等级', '甲乙丙类', '目录类别'],
  selfPayRatio: ['自付比例', '先行自付比例', '先自付比例'],
  priceCap: ['限价', '最高限价', '定价上限金额', '限价金额'],
  specificDrug: ['特殊药品', '特药', '特殊药品标志', '特药标志', '特殊药品标记'],
  barcode: ['条码', '条形码', '商品条码', '药品条码'],
} as const;

export type CatalogueColumn = keyof typeof CATALOGUE_COLUMNS;
export type CatalogueColumnIndex = Record<CatalogueColumn, number | undefined>;

/** Column positions from a header row, or undefined when it is not the header (needs 编码 and 名称). */
export function findCatalogueColumns(cells: RawCell[]): CatalogueColumnIndex | undefined {
  const names = cells.map(normaliseHeader);
  const index = Object.fromEntries(
    (Object.keys(CATALOGUE_COLUMNS) as CatalogueColumn[]).map((column) => {
      const at = names.findIndex((n) => (CATALOGUE_COLUMNS[column] as readonly string[]).includes(n));
      return [column, at >= 0 ? at : undefined];
    }),
  ) as CatalogueColumnIndex;
  return index.code !== undefined && index.name !== undefined ? index : undefined;
}
