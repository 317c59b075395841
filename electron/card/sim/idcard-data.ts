import type { SimCard } from './sim-cards';

/** The read-base-info data of a simulated resident ID card: lengths, 256 bytes of UCS-2LE text, 1024 of photo. */
const TEXT_BYTES = 256;
const PHOTO_BYTES = 1024;

export function encodeBaseInfo(card: SimCard): Buffer {
  const h = card.holder;
  const fields: Array<[string, number]> = [
    [h.name, 15],
    [Number(h.certno[16]) % 2 === 1 ? '1' : '2', 1],
    [h.ethnicity, 2],
    [h.certno.slice(6, 14), 8],
    [h.address, 35],
    [h.certno, 18],
    [h.idIssuer, 15],
    [h.idValidFrom, 8],
    [h.idValidTo, 8],
  ];
  const text = fields
    .map(([value, chars]) => value.slice(0, chars).padEnd(chars, ' '))
    .join('')
    .padEnd(TEXT_BYTES / 2, ' ');
  const photo = Buffer.alloc(PHOTO_BYTES);
  photo.write('WLT', 0, 'latin1');
  const lengths = Buffer.alloc(4);
  lengths.writeUInt16BE(TEXT_BYTES, 0);
  lengths.writeUInt16BE(PHOTO_BYTES, 2);
  return Buffer.concat([lengths, Buffer.from(text, 'utf16le'), photo]);
}
