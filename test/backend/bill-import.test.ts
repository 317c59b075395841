import { describe, expect, it } from 'vitest';
import { importCsvBill, importJsonBill } from '../../electron/backend/bill-import';
import { BackendError } from '../../electron/backend/errors';

function errorOf(fn: () => unknown): BackendError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw error;
  }
  throw new Error('expected a BackendError');
}

const CSV_HEADER = '项目编码,项目名称,类别,单价,数量,自付比例,限价,费用种类';

describe('HIS fee-detail import', () => {
  it('reads CSV with Chinese class and kind names, optional columns and a BOM', () => {
    const bill = importCsvBill(
      `\uFEFF${CSV_HEADER}\n110200001,住院诊查费,甲,12,7,,,诊查\nX1,头孢曲松,乙类,18.60,14,0.1,,药品\nC1,一次性穿刺器,B,980,1,0.2,800,材料\nZ1,自费中药,丙,168,1,,,\n`,
      'his.csv',
    );
    expect(bill.source).toBe('his.csv');
    expect(bill.total).toBe('1492.40');
    expect(bill.lines).toEqual([
      { code: '110200001', name: '住院诊查费', class: 'A', price: '12', qty: '7', kind: 'diagnosis' },
      { code: 'X1', name: '头孢曲松', class: 'B', price: '18.60', qty: '14', selfPayRatio: '0.1', kind: 'drug' },
      { code: 'C1', name: '一次性穿刺器', class: 'B', price: '980', qty: '1', selfPayRatio: '0.2', priceCap: '800', kind: 'material' },
      { code: 'Z1', name: '自费中药', class: 'C', price: '168', qty: '1' },
    ]);
  });

  it('reports every bad CSV line with its line number in the file (the header is line 1)', () => {
    const error = errorOf(() => importCsvBill(`${CSV_HEADER}\nA1,好,甲,10,1,,,\n\nB1,坏乙类,乙,10,1,,,\nM1,"多行\n名称",甲,1,1,,,\nC1,坏单价,丙,十元,1,,,\n`));
    expect(error.code).toBe('bill-invalid');
    expect(error.message).toBe('费用明细有 2 处错误：第 4 行：乙类项目缺少先行自付比例；第 7 行：单价不是有效数字：十元');
    expect(error.details).toEqual([
      { path: 'lines.1.selfPayRatio', message: '第 4 行：乙类项目缺少先行自付比例' },
      { path: 'lines.3.price', message: '第 7 行：单价不是有效数字：十元' },
    ]);
  });

  it('explains a corrupt JSON bill in Chinese with its line, never echoing the bytes', () => {
    const broken = '{\n  "lines": [\n    { "code": "A1", "class": "A", "price": "1" "qty": "1" }\n  ]\n}';
    expect(errorOf(() => importJsonBill(broken, 'his.json')).message).toBe('费用明细文件「his.json」不是有效的 JSON：第 3 行第 48 列，此处应为逗号或右花括号 }');
    expect(errorOf(() => importJsonBill('[{"code": \'A1\'}]', 'q.json')).message).toContain('第 1 行第 11 列，文字须用双引号');
    expect(errorOf(() => importJsonBill('[1, 2,]', 'c.json')).message).toContain('右方括号前多了一个逗号');
    const binary = errorOf(() => importJsonBill('PK\u0003\u0004\u0000\uFFFD\u0001garbage', 'bill.xlsx'));
    expect(binary.message).toBe('费用明细文件「bill.xlsx」不是文本格式的 JSON（含二进制内容）：可能选错了文件，或文件不是 UTF-8 编码');
    expect(binary.message).not.toContain('PK');
  });

  it('reads null fields of a HIS export as absent', () => {
    const bill = importJsonBill('[{"code":"A1","class":"A","price":"1","qty":"1","priceCap":null,"selfPayRatio":null,"kind":null}]');
    expect(bill.lines).toEqual([{ code: 'A1', class: 'A', price: '1', qty: '1' }]);
  });

  it('names missing CSV columns', () => {
    expect(errorOf(() => importCsvBill('编码,名称\nA1,x\n')).message).toBe(
      '费用明细 CSV 缺少列：项目编码、类别、单价、数量（表头应为 项目编码,项目名称,类别,单价,数量,自付比例,限价,费用种类,药品进价）',
    );
  });

  it('reads JSON as an array of lines or as a bill object', () => {
    const lines = [{ code: 'A1', class: 'A', price: 10.5, qty: 2 }];
    expect(importJsonBill(JSON.stringify(lines), 'a.json')).toEqual({
      source: 'a.json',
      title: 'a.json',
      lines: [{ code: 'A1', class: 'A', price: '10.5', qty: '2' }],
      total: '21.00',
    });
    const bill = importJsonBill(JSON.stringify({ title: '出院', visit: 'inpatient', date: '2023-01-02', lines }), 'b.json');
    expect(bill).toMatchObject({ title: '出院', visit: 'inpatient', date: '2023-01-02', total: '21.00' });
  });

  it.each([
    ['not JSON', '{', 'bill-invalid', /^费用明细文件「费用明细.json」不是有效的 JSON：第 1 行第 2 列，文件意外结束，缺少用双引号括起的字段名$/],
    ['empty array', '[]', 'bill-invalid', /^费用明细为空$/],
    ['wrong shape', '{"rows": []}', 'bill-invalid', /^费用明细 JSON 应为明细行数组，或包含 lines 数组的对象$/],
    ['negative quantity', '[{"code":"A","class":"A","price":"1","qty":"-1"}]', 'bill-invalid', /^费用明细有 1 处错误：第 1 条明细：数量不能为负数：-1$/],
  ])('rejects JSON: %s', (_name, content, code, message) => {
    const error = errorOf(() => importJsonBill(content));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});
