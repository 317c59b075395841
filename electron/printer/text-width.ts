/** Printed width in half-width columns: CJK and full-width forms take two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch) ? 2 : 1;
  return width;
}

function isWide(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c === 0x3000
  );
}

/** Splits text into lines of at most `columns` columns, never cutting a character. */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let current = '';
  let width = 0;
  for (const ch of text) {
    const w = textWidth(ch);
    if (width + w > columns) {
      lines.push(current);
      current = '';
      width = 0;
    }
    current += ch;
    width += w;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/** "label ........ value" across the line; a value too long goes under the label, right-aligned. */
export function pair(label: string, value: string, columns: number): string[] {
  const gap = columns - textWidth(label) - textWidth(value);
  if (gap >= 1) return [label + ' '.repeat(gap) + value];
  return [...wrap(label, columns), ...wrap(value, columns).map((l) => ' '.repeat(Math.max(0, columns - textWidth(l))) + l)];
}

/** Cells in fixed-width columns: the first left-aligned, the others right-aligned. */
export function row(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => {
      const pad = ' '.repeat(Math.max(0, widths[i]! - textWidth(cell)));
      return i === 0 ? cell + pad : pad + cell;
    })
    .join('');
}

export const rule = (columns: number, ch = '-') => ch.repeat(columns);
