import iconv from 'iconv-lite';
import { cardError, err, ok, socialSecurityIdentity, type CardIdentity, type CardResult } from '../../shared/card';
import { statusWordError, swHex, transmit, type ApduExchange, type CardResponse } from './apdu';

/**
 * The social-security card application (spec §2): SELECT the SSSE DDF by name, SELECT EF05 and
 * EF06, READ RECORD `00 B2 <tag> 00 <Le>` for each data element (Le = value length + 2: the
 * record answers `<tag> <len> <value>`). Any failure aborts the read: no partial identity.
 *
 * Readings chosen:
 * - APDUs are sent exactly as the spec lists them (the SELECTs without Le); answers may carry FCI
 *   or come as 61xx + GET RESPONSE.
 * - Tag 4E (name extension) is read only on cards whose spec version is 2.00 or later; 6A82/6A83
 *   there means "no extension". It is appended to tag 09.
 * - 卡号 is 9 characters; a longer value keeps its first 9 (the MOHRSS interface reads only 9).
 */
const SSSE_AID = Buffer.from('7378312E73682EC9E7BBE1B1A3D5CF', 'hex');

type Encoding = 'ascii' | 'gbk' | 'hex' | 'bcd';

interface Element {
  tag: number;
  length: number;
  encoding: Encoding;
}

const el = (tag: number, length: number, encoding: Encoding): Element => ({ tag, length, encoding });

const EF05 = {
  cardSn: el(0x01, 16, 'hex'),
  cardType: el(0x02, 1, 'ascii'),
  specVersion: el(0x03, 4, 'ascii'),
  initOrg: el(0x04, 12, 'hex'),
  issueDate: el(0x05, 4, 'bcd'),
  expiry: el(0x06, 4, 'bcd'),
  cardNo: el(0x07, 9, 'ascii'),
} as const;

const EF06 = {
  certno: el(0x08, 18, 'ascii'),
  name: el(0x09, 30, 'gbk'),
  sex: el(0x0a, 1, 'ascii'),
  ethnicity: el(0x0b, 1, 'hex'),
  birthplace: el(0x0c, 3, 'bcd'),
  birthDate: el(0x0d, 4, 'bcd'),
} as const;

const NAME_EXTENSION = el(0x4e, 20, 'gbk');

/** What a SELECT may answer: a bare status word, or an FCI/FCP/FMD template. */
const isSelectAnswer = (data: Buffer): boolean => data.length === 0 || [0x6f, 0x62, 0x64].includes(data[0]!);

function decode(value: Buffer, encoding: Encoding): string {
  switch (encoding) {
    case 'ascii':
      return value
        .toString('latin1')
        .replace(/[\0 ]+$/, '')
        .replace(/^[\0 ]+/, '');
    case 'gbk':
      return iconv
        .decode(value, 'gbk')
        .replace(/[\0 \u3000]+$/, '')
        .replace(/^[\0 \u3000]+/, '');
    case 'hex':
      return value.toString('hex').toUpperCase();
    case 'bcd':
      return value.toString('hex').toUpperCase().replace(/F+$/, '');
  }
}

async function select(exchange: ApduExchange, data: Buffer, p1: number): Promise<CardResult<CardResponse>> {
  return transmit(exchange, { cla: 0x00, ins: 0xa4, p1, p2: 0x00, data }, isSelectAnswer);
}

function succeeded(answer: CardResult<CardResponse>): CardResult<CardResponse> {
  return !answer.ok || answer.value.sw === 0x9000 ? answer : err(statusWordError(answer.value.sw));
}

async function selectFile(exchange: ApduExchange, fid: number): Promise<CardResult<CardResponse>> {
  return succeeded(await select(exchange, Buffer.from([fid >> 8, fid & 0xff]), 0x02));
}

/** READ RECORD by tag; an optional record the card says is absent resolves null. */
async function readElement(exchange: ApduExchange, element: Element, optional = false): Promise<CardResult<string | null>> {
  const answer = await transmit(exchange, { cla: 0x00, ins: 0xb2, p1: element.tag, p2: 0x00, le: element.length + 2 }, (data, sw) =>
    sw === 0x9000 ? data[0] === element.tag : data.length === 0,
  );
  if (!answer.ok) return answer;
  const { data, sw } = answer.value;
  if (optional && (sw === 0x6a83 || sw === 0x6a82)) return ok(null);
  if (sw !== 0x9000) return err(statusWordError(sw));
  const length = data[1];
  if (data[0] !== element.tag || length === undefined || data.length < 2 + length) {
    return err(cardError('card-data-invalid', `记录 ${element.tag.toString(16).toUpperCase().padStart(2, '0')} 格式不符`));
  }
  return ok(decode(data.subarray(2, 2 + length), element.encoding));
}

async function readAll<K extends string>(exchange: ApduExchange, elements: Record<K, Element>): Promise<CardResult<Record<K, string>>> {
  const values = {} as Record<K, string>;
  for (const key of Object.keys(elements) as K[]) {
    const element = elements[key];
    const value = await readElement(exchange, element);
    if (!value.ok) return value;
    values[key] = value.value ?? '';
  }
  return ok(values);
}

/** Reads EF05 and EF06 of a powered card and builds its identity. */
export async function readSocialSecurityCard(exchange: ApduExchange, atr: Buffer, today: string): Promise<CardResult<CardIdentity>> {
  const ddf = await select(exchange, SSSE_AID, 0x04);
  if (ddf.ok && ddf.value.sw === 0x6a82) return err(cardError('card-not-ssse', `SW=${swHex(0x6a82)}`));
  const ddfSelected = succeeded(ddf);
  if (!ddfSelected.ok) return ddfSelected;
  const ef05Selected = await selectFile(exchange, 0xef05);
  if (!ef05Selected.ok) return ef05Selected;
  const ef05 = await readAll(exchange, EF05);
  if (!ef05.ok) return ef05;
  const ef06Selected = await selectFile(exchange, 0xef06);
  if (!ef06Selected.ok) return ef06Selected;
  const ef06 = await readAll(exchange, EF06);
  if (!ef06.ok) return ef06;
  let name = ef06.value.name;
  if (ef05.value.specVersion >= '2') {
    const extension = await readElement(exchange, NAME_EXTENSION, true);
    if (!extension.ok) return extension;
    name += extension.value ?? '';
  }
  const { birthplace, ...holder } = ef06.value;
  return socialSecurityIdentity(
    {
      ...ef05.value,
      ...holder,
      cardNo: ef05.value.cardNo.slice(0, 9),
      name,
      birthplace: birthplace || null,
      atr: atr.toString('hex').toUpperCase(),
    },
    today,
  );
}
