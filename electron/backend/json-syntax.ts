/**
 * Why a text is not valid JSON, in Chinese, with the line and column, never echoing the text
 * itself (a binary file would put junk on the cashier's screen). JSON.parse's own message is
 * English and, in Node 20, often without a position; this scanner finds the first error.
 */

export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {
    super(what);
  }
}

function scan(text: string): void {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const expect = (what: string): never => {
    if (i >= text.length) throw new Stop(i, `文件意外结束，缺少${what}`);
    throw new Stop(i, `此处应为${what}`);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else throw new Stop(i, '出现了 JSON 不允许的内容（文字须加双引号，数字不能带单位）');
  };
  const string = () => {
    const start = i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') i += 2;
      else if (c < ' ') throw new Stop(i, '文字（双引号内）中有换行或控制字符');
      else i++;
    }
    throw new Stop(start, '文字缺少结束的双引号');
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) throw new Stop(i, '数字格式错误');
    i += m[0].length;
  };
  const value = (): void => {
    skip();
    const c = text[i];
    if (c === undefined) expect('一个值');
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c! >= '0' && c! <= '9')) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    throw new Stop(i, c === "'" ? '文字须用双引号，不能用单引号' : '出现了 JSON 不允许的字符');
  };
  const object = () => {
    i++;
    skip();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skip();
      if (text[i] !== '"') expect('用双引号括起的字段名');
      string();
      skip();
      if (text[i] !== ':') expect('冒号');
      i++;
      value();
      skip();
      if (text[i] === ',') {
        i++;
        skip();
        if (text[i] === '}') throw new Stop(i, '右花括号前多了一个逗号');
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      expect('逗号或右花括号 }');
    }
  };
  const array = () => {
    i++;
    skip();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skip();
      if (text[i] === ',') {
        i++;
        skip();
        if (text[i] === ']') throw new Stop(i, '右方括号前多了一个逗号');
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      expect('逗号或右方括号 ]');
    }
  };
  value();
  skip();
  if (i < text.length) throw new Stop(i, '内容结束后还有多余的字符');
}

function position(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

/** True for text decoded from a binary file: NUL bytes, U+FFFD from invalid UTF-8, or many control characters. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000') || sample.includes('\uFFFD')) return true;
  // eslint-disable-next-line no-control-regex -- control characters are what it counts
  const controls = sample.match(/[\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0;
  return controls > 0 && controls * 20 > sample.length;
}

/** Null when `text` is valid JSON; otherwise where and what is wrong. */
export function jsonProblem(text: string): JsonProblem | null {
  try {
    scan(text);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...position(text, error.at), message: error.what };
  }
}
