import iconv from 'iconv-lite';

export interface DecodedReceipt {
  /** Printed lines, text decoded from GBK. */
  lines: string[];
  /** Each QR code the printer was told to print (GS ( k fn 81), with the payload stored before it (fn 80). */
  qr: string[];
  cuts: number;
  chineseMode: boolean;
  initialised: boolean;
}

/**
 * A strict ESC/POS reader for tests: it knows exactly the commands a receipt may use and throws
 * on any other control byte, so an unexpected command fails the test instead of being skipped.
 */
export function parseEscPos(bytes: Buffer): DecodedReceipt {
  const out: DecodedReceipt = { lines: [], qr: [], cuts: 0, chineseMode: false, initialised: false };
  let text: number[] = [];
  let stored: Buffer | undefined;
  let i = 0;
  const need = (n: number) => {
    if (i + n > bytes.length) throw new Error(`ESC/POS 命令在第 ${i} 字节处被截断`);
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      out.lines.push(iconv.decode(Buffer.from(text), 'gbk'));
      text = [];
      i++;
    } else if (b === 0x1b) {
      need(2);
      const cmd = bytes[i + 1]!;
      if (cmd === 0x40) {
        out.initialised = true;
        i += 2;
      } else if (cmd === 0x61 || cmd === 0x45 || cmd === 0x21 || cmd === 0x64) {
        need(3);
        if (cmd === 0x64) for (let n = 0; n < bytes[i + 2]!; n++) out.lines.push('');
        i += 3;
      } else throw new Error(`未知 ESC 命令 0x${cmd.toString(16)} 于第 ${i} 字节`);
    } else if (b === 0x1c) {
      need(2);
      const cmd = bytes[i + 1]!;
      if (cmd === 0x26) {
        out.chineseMode = true;
        i += 2;
      } else if (cmd === 0x21) {
        need(3);
        i += 3;
      } else throw new Error(`未知 FS 命令 0x${cmd.toString(16)}`);
    } else if (b === 0x1d) {
      need(2);
      const cmd = bytes[i + 1]!;
      if (cmd === 0x21) {
        need(3);
        i += 3;
      } else if (cmd === 0x56) {
        need(3);
        const m = bytes[i + 2]!;
        i += m >= 65 ? 4 : 3;
        out.cuts++;
      } else if (cmd === 0x28 && bytes[i + 2] === 0x6b) {
        need(7);
        const length = bytes[i + 3]! + bytes[i + 4]! * 256;
        const cn = bytes[i + 5]!;
        const fn = bytes[i + 6]!;
        need(5 + length);
        if (cn !== 0x31) throw new Error(`GS ( k 不是二维码命令（cn=${cn}）`);
        if (fn === 0x50) stored = bytes.subarray(i + 8, i + 5 + length);
        if (fn === 0x51) {
          if (!stored) throw new Error('打印二维码前没有存入数据');
          out.qr.push(stored.toString('utf8'));
        }
        i += 5 + length;
      } else throw new Error(`未知 GS 命令 0x${cmd.toString(16)}`);
    } else if (b < 0x20 && b !== 0x0d) {
      throw new Error(`未知控制字节 0x${b.toString(16)} 于第 ${i} 字节`);
    } else {
      text.push(b);
      i++;
    }
  }
  if (text.length) out.lines.push(iconv.decode(Buffer.from(text), 'gbk'));
  return out;
}
