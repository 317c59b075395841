import iconv from 'iconv-lite';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/**
 * ESC/POS commands as bytes, for the Chinese-firmware printers pharmacies use (Epson TM-T82
 * class, Xprinter, GP): Chinese character mode (FS &) so GBK double bytes print as hanzi, the
 * printer's own QR code (GS ( k, model 2), full/partial cut (GS V).
 */
export class EscPos {
  private parts: Buffer[] = [];

  private raw(...bytes: number[]): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  /** ESC @ then FS & (Chinese mode on). */
  init(): this {
    return this.raw(ESC, 0x40).raw(FS, 0x26);
  }

  /** ESC a n: 0 left, 1 centre, 2 right. */
  align(where: 'left' | 'center' | 'right'): this {
    return this.raw(ESC, 0x61, where === 'left' ? 0 : where === 'center' ? 1 : 2);
  }

  /** ESC E n. */
  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  /** GS ! n: double width and height (also FS ! for the hanzi). */
  large(on: boolean): this {
    return this.raw(GS, 0x21, on ? 0x11 : 0x00).raw(FS, 0x21, on ? 0x0c : 0x00);
  }

  /** A line of text in GBK, then LF. */
  line(text = ''): this {
    this.parts.push(iconv.encode(text, 'gbk'));
    return this.raw(LF);
  }

  /** ESC d n: print and feed n lines. */
  feed(lines: number): this {
    return this.raw(ESC, 0x64, lines);
  }

  /** The printer draws the QR code itself: model 2, module size, error level M, store, print (GS ( k fn 65/67/69/80/81). */
  qr(data: string, moduleSize = 6): this {
    const bytes = Buffer.from(data, 'utf8');
    const length = bytes.length + 3;
    this.raw(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00);
    this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize);
    this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31);
    this.raw(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30);
    this.parts.push(bytes);
    return this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30);
  }

  /** GS V 66 n: feed n dots and cut (partial cut, leaving a hinge). */
  cut(): this {
    return this.raw(GS, 0x56, 0x42, 0x00);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
