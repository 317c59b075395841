import { existsSync } from 'node:fs';
import { ReceiptError } from './model';

export const DEFAULT_CJK_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const DEFAULT_CJK_FONT_NAME = 'NotoSansCJKsc-Regular';

export interface ReceiptFont {
  /** A .ttf/.otf, or a .ttc collection together with `name` (its PostScript name). */
  path: string;
  name?: string;
}

/** The configured font, else ONEBILL_RECEIPT_FONT, else Noto Sans CJK SC from fonts-noto-cjk. */
export function resolveReceiptFont(font?: Partial<ReceiptFont>): ReceiptFont {
  const path = font?.path || process.env.ONEBILL_RECEIPT_FONT || DEFAULT_CJK_FONT_PATH;
  const name = font?.name ?? (path.toLowerCase().endsWith('.ttc') ? DEFAULT_CJK_FONT_NAME : undefined);
  if (!existsSync(path)) {
    throw new ReceiptError('receipt-font-missing', `找不到打印结算单所需的中文字体：${path}。请安装 fonts-noto-cjk，或在设置中指定中文字体文件路径。`);
  }
  return name === undefined ? { path } : { path, name };
}
