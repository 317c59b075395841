import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter } from '../../electron/roster/csv-records';
import { detectEncodingOf } from '../../electron/roster/encoding';
import { parseRosterDate } from '../../electron/roster/roster-date';
import iconv from 'iconv-lite';

/** Feeds the text in pieces of `size` characters, as a stream would. */
function split(text: string, size: number) {
  const splitter = new CsvRecordSplitter();
  const rows = [];
  for (let i = 0; i < text.length; i += size) rows.push(...splitter.push(text.slice(i, i + size)));
  rows.push(...splitter.end());
  return rows;
}

describe('CsvRecordSplitter', () => {
  const text = [
    '姓名,证件号码,身份类别',
    ' 王建国 , 520102196503150017 ,低保对象\r',
    '',
    '"张,福生","21010219600101003""8",建档立卡',
    '"刘玉珍","第一行',
    '第二行",registered-poor',
    '杨光英,522627197209080047,特困人员',
    '无结尾换行,1,2',
  ].join('\n');

  it.each([1, 3, 7, 1000])('cuts records with their first line number, fed %i characters at a time', (size) => {
    expect(split(text, size)).toEqual([
      { line: 1, cells: ['姓名', '证件号码', '身份类别'] },
      { line: 2, cells: ['王建国', '520102196503150017', '低保对象'] },
      { line: 4, cells: ['张,福生', '21010219600101003"8', '建档立卡'] },
      { line: 5, cells: ['刘玉珍', '第一行\n第二行', 'registered-poor'] },
      { line: 7, cells: ['杨光英', '522627197209080047', '特困人员'] },
      { line: 8, cells: ['无结尾换行', '1', '2'] },
    ]);
  });

  it('reports an unbalanced quote on its line and reads the following lines on their own', () => {
    const lines = ['a,b', 'x,"open', ...Array.from({ length: 25 }, (_, i) => `r${i},v`)];
    const rows = split(lines.join('\n'), 64);
    expect(rows[1]).toEqual({ line: 2, cells: [], error: '引号不成对：x,"open' });
    expect(rows.slice(2).map((r) => r.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 3));
    expect(rows[26]).toEqual({ line: 27, cells: ['r24', 'v'] });
  });

  it('reports a quote left open at the end of the file', () => {
    expect(split('a,b\n"x,1\n', 100)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [], error: '引号不成对："x,1' },
    ]);
  });
});

describe('detectEncodingOf', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名,证件号码')]), { encoding: 'utf8', skip: 3 }],
    ['UTF-8', Buffer.from('姓名,证件号码'), { encoding: 'utf8', skip: 0 }],
    ['UTF-8 cut inside a character', Buffer.from('姓名').subarray(0, 4), { encoding: 'utf8', skip: 0 }],
    ['GBK', iconv.encode('姓名,证件号码,身份类别', 'gbk'), { encoding: 'gb18030', skip: 0 }],
    ['plain ASCII', Buffer.from('name,certno'), { encoding: 'utf8', skip: 0 }],
  ])('%s', (_label, bytes, expected) => {
    expect(detectEncodingOf(bytes)).toEqual(expected);
  });
});

describe('parseRosterDate', () => {
  it.each([
    ['2021-03-05', '2021-03-05'],
    ['2021/3/5', '2021-03-05'],
    ['2021.03.05', '2021-03-05'],
    ['20210305', '2021-03-05'],
    ['2021年3月5日', '2021-03-05'],
    [' 2020-02-29 ', '2020-02-29'],
    ['2021-02-29', undefined],
    ['2021-13-01', undefined],
    ['21-03-05', undefined],
    ['', undefined],
    ['明年', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseRosterDate(input)).toBe(expected);
    expect(parseRosterDate(input)).toBe(expected); // and again, from the cache
  });

  it('takes an XLSX date cell by its UTC calendar day', () => {
    expect(parseRosterDate(new Date(Date.UTC(2020, 11, 31)))).toBe('2020-12-31');
    expect(parseRosterDate(new Date(Number.NaN))).toBeUndefined();
  });
});
