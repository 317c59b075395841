import { deflateRawSync, crc32 } from 'node:zlib';
import { COLUMNS_1301 } from '../../electron/catalogue';

export const CSV_HEADER = '药品编码,药品名称,规格,单位,单价,类别,自付比例,限价,特殊药品,条码';

export function csv(rows: string[], header = CSV_HEADER): string {
  return [header, ...rows].join('\n') + '\n';
}

/** One 92-column 1301 record with the columns the import reads. */
export function row1301(f: { code: string; generic: string; trade?: string; standard?: string; spec?: string; valid?: string; cls?: string }): string {
  const cells = Array.from({ length: 92 }, () => '');
  const set = (position: number, value: string | undefined) => {
    if (value !== undefined) cells[position - 1] = value;
  };
  set(COLUMNS_1301.code, f.code);
  set(COLUMNS_1301.tradeName, f.trade ?? '');
  set(COLUMNS_1301.genericName, f.generic);
  set(COLUMNS_1301.standardCode, f.standard);
  set(COLUMNS_1301.specification, f.spec);
  set(COLUMNS_1301.validFlag, f.valid ?? '1');
  set(COLUMNS_1301.nationalClass, f.cls);
  return cells.join('\t');
}

/** A ZIP with one deflated entry, as the platform's 9102 download (local header, data, central directory). */
export function zipOne(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name, 'utf8');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralStart = 30 + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}
