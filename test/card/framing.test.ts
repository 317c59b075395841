import { describe, expect, it } from 'vitest';
import { createAcr30Decoder, encodeAcr30Command, encodeAcr30Response, parseAcr30Command, parseAcr30Response } from '../../electron/card/acr30/frame';
import type { DecodeEvent } from '../../electron/card/frame-decoder';
import { createIdCardDecoder, encodeIdCardRequest, encodeIdCardResponse, idCardBody } from '../../electron/card/idcard/frame';

const ascii = (text: string): Buffer => Buffer.concat([Buffer.from([0x02]), Buffer.from(text, 'latin1'), Buffer.from([0x03])]);
const feedBytewise = (decoder: ReturnType<typeof createAcr30Decoder>, bytes: Buffer): DecodeEvent[] => [...bytes].flatMap((b) => decoder.push(Buffer.from([b])));

describe('ACR30 framing', () => {
  it.each([
    ['GET_STATUS', 0x01, '', '01010000'],
    ['RESET', 0x80, '', '01800081'],
    ['EXCHANGE_APDU SELECT EF05', 0xa0, '00A4020002EF05', '01A00700A4020002EF05E8'],
    ['EXCHANGE_APDU READ RECORD 08', 0xa0, '00B2080014', '01A00500B20800140A'],
  ])('encodes %s as STX + ASCII hex + ETX', (_name, ins, data, hex) => {
    expect(encodeAcr30Command(ins, Buffer.from(data, 'hex')).toString('latin1')).toBe(`\x02${hex}\x03`);
  });

  it('writes LEN as FF + two bytes from 255 data bytes on, and reads it back', () => {
    const data = Buffer.alloc(300, 0x5a);
    const frame = encodeAcr30Response(0x90, 0x00, data);
    expect(frame.subarray(1, 13).toString('latin1')).toBe('019000FF012C');
    const events = createAcr30Decoder().push(frame);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.kind === 'frame' && parseAcr30Response(event.bytes)).toEqual({ sw1: 0x90, sw2: 0x00, data });
  });

  it('decodes a response fed one byte at a time', () => {
    const events = feedBytewise(createAcr30Decoder(), ascii('01900002900003'));
    expect(events).toEqual([{ kind: 'frame', bytes: Buffer.from('01900002900003', 'hex') }]);
    expect(parseAcr30Response(Buffer.from('01900002900003', 'hex'))).toEqual({ sw1: 0x90, sw2: 0x00, data: Buffer.from('9000', 'hex') });
  });

  it('accepts lower-case hex digits', () => {
    expect(createAcr30Decoder().push(ascii('01a00700a4020002ef05e8'))).toEqual([{ kind: 'frame', bytes: Buffer.from('01A00700A4020002EF05E8', 'hex') }]);
  });

  it('skips garbage between frames and counts it', () => {
    const decoder = createAcr30Decoder();
    const events = decoder.push(Buffer.concat([Buffer.from('xx\r\n'), ascii('01900002900003'), Buffer.from([0xff, 0x00])]));
    expect(events.map((e) => e.kind)).toEqual(['frame']);
    expect(decoder.garbageBytes).toBe(6);
  });

  it.each([
    ['bad checksum', '01900002900004', 'checksum'],
    ['odd number of hex digits (dropped character)', '0190000290003', 'not ASCII hex'],
    ['non-hex character', '01900002900G03', 'not ASCII hex'],
  ])('reports %s as a bad frame', (_name, text, reason) => {
    expect(createAcr30Decoder().push(ascii(text))).toEqual([{ kind: 'bad-frame', reason }]);
  });

  it('resynchronises on STX when a frame lost its ETX', () => {
    const broken = ascii('01900002900003').subarray(0, -1);
    const events = createAcr30Decoder().push(Buffer.concat([broken, ascii('01800081')]));
    expect(events).toEqual([
      { kind: 'bad-frame', reason: 'STX inside a frame' },
      { kind: 'frame', bytes: Buffer.from('01800081', 'hex') },
    ]);
  });

  it('forgets a partial frame on reset', () => {
    const decoder = createAcr30Decoder();
    decoder.push(ascii('0190000290').subarray(0, -1));
    decoder.reset();
    expect(decoder.push(Buffer.from('0003\x03', 'latin1'))).toEqual([]);
  });

  it('parses a command frame and refuses one whose LEN disagrees with its length', () => {
    expect(parseAcr30Command(Buffer.from('01A00700A4020002EF05E8', 'hex'))).toEqual({
      ins: 0xa0,
      data: Buffer.from('00A4020002EF05', 'hex'),
    });
    expect(parseAcr30Command(Buffer.from('01A00800A4020002EF05E8', 'hex'))).toBeNull();
    expect(parseAcr30Response(Buffer.from('01900003900000', 'hex'))).toBeNull();
  });
});

describe('ID card (公安部 SAM) framing', () => {
  it.each([
    ['SAM status', 0x11, 0xff, 'AAAAAA9669000311FFED'],
    ['find card', 0x20, 0x01, 'AAAAAA96690003200122'],
    ['select card', 0x20, 0x02, 'AAAAAA96690003200221'],
    ['read base info', 0x30, 0x01, 'AAAAAA96690003300132'],
  ])('encodes %s exactly as the spec lists it', (_name, cmd, para, hex) => {
    expect(encodeIdCardRequest(cmd, para).toString('hex').toUpperCase()).toBe(hex);
  });

  it('encodes a response with LEN over SW + data + CHK and XOR after the preamble', () => {
    expect(encodeIdCardResponse(0x9f, Buffer.alloc(4)).toString('hex').toUpperCase()).toBe('AAAAAA9669000800009F0000000097');
  });

  it('decodes a long response fed in uneven chunks, after garbage that imitates the preamble', () => {
    const response = encodeIdCardResponse(0x90, Buffer.alloc(1284, 0x31));
    const stream = Buffer.concat([Buffer.from([0xaa, 0xaa, 0x00, 0xaa]), response]);
    const decoder = createIdCardDecoder();
    const events: DecodeEvent[] = [];
    for (let at = 0; at < stream.length; at += 7) events.push(...decoder.push(stream.subarray(at, at + 7)));
    expect(events).toEqual([{ kind: 'frame', bytes: response }]);
    expect(idCardBody(response).subarray(0, 3)).toEqual(Buffer.from([0x00, 0x00, 0x90]));
    expect(decoder.garbageBytes).toBe(4);
  });

  it('reports a bad checksum and then finds the next good frame', () => {
    const good = encodeIdCardResponse(0x90);
    const bad = Buffer.from(encodeIdCardResponse(0x9f, Buffer.alloc(4)));
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    expect(createIdCardDecoder().push(Buffer.concat([bad, good]))).toEqual([
      { kind: 'bad-frame', reason: 'checksum' },
      { kind: 'frame', bytes: good },
    ]);
  });

  it('recovers when a dropped byte makes a frame swallow the start of the next one', () => {
    const first = encodeIdCardResponse(0x9f, Buffer.alloc(4));
    const dropped = Buffer.concat([first.subarray(0, 8), first.subarray(9)]);
    const second = encodeIdCardResponse(0x90, Buffer.alloc(8));
    const events = createIdCardDecoder().push(Buffer.concat([dropped, second]));
    expect(events.at(-1)).toEqual({ kind: 'frame', bytes: second });
    expect(events.slice(0, -1).every((e) => e.kind === 'bad-frame')).toBe(true);
  });

  it('refuses an impossible length without waiting for 65 kB', () => {
    const events = createIdCardDecoder().push(Buffer.from('AAAAAA9669FFFF00', 'hex'));
    expect(events).toEqual([{ kind: 'bad-frame', reason: 'length out of range' }]);
  });
});
