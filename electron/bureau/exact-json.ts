/**
 * JSON parsing that keeps every number exactly as written: numeric tokens come back as strings
 * ("1234.50", "-1"), so bureau amounts never pass through binary floating point.
 * Node 20 has no JSON.parse source-text access, so numeric tokens are quoted before parsing.
 */

const NUMBER_TOKEN = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const NUMBER_CHAR = /[-+0-9.eE]/;

export class JsonSyntaxError extends Error {}

export function parseJsonKeepingNumbers(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let end = i + 1;
      while (end < text.length && NUMBER_CHAR.test(text[end]!)) end++;
      const token = text.slice(i, end);
      if (!NUMBER_TOKEN.test(token)) throw new JsonSyntaxError(`invalid number ${token} at ${i}`);
      out += `"${token}"`;
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  try {
    return JSON.parse(out);
  } catch (e) {
    throw new JsonSyntaxError((e as Error).message);
  }
}

/** Index just past the closing quote of the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  throw new JsonSyntaxError('unterminated string');
}
