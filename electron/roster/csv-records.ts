import { parse } from 'csv-parse/sync';
import type { RawRow } from './raw-row';

/** A quoted field may span lines, but not more than this: beyond it the quotes are simply unbalanced. */
const MAX_RECORD_LINES = 20;

const QUOTE = '"';

/**
 * Cuts decoded CSV text into records numbered by their first line. A line without quotes is split
 * on commas directly (the roster's common case, and the import's hot path); a record with quotes
 * (escaped quotes, commas or line breaks inside a field) is handed to csv-parse.
 */
export class CsvRecordSplitter {
  private carry = '';
  private line = 0;
  private pending: string[] = [];
  private pendingStart = 0;
  private out: RawRow[] = [];

  /** Feeds the next piece of text; returns the records completed by it. */
  push(text: string): RawRow[] {
    const buffer = this.carry + text;
    let start = 0;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', start)) {
      this.handle(buffer.slice(start, nl), ++this.line);
      start = nl + 1;
    }
    this.carry = buffer.slice(start);
    return this.take();
  }

  /** The end of the text: the last line, and a record left open by an unbalanced quote. */
  end(): RawRow[] {
    if (this.carry) this.handle(this.carry, ++this.line);
    this.carry = '';
    if (this.pending.length) this.giveUpPending();
    return this.take();
  }

  private take(): RawRow[] {
    const rows = this.out;
    this.out = [];
    return rows;
  }

  private handle(raw: string, line: number): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.pending.length) {
      this.pending.push(text);
      if (balanced(this.pending.join('\n'))) this.emitQuoted(this.pending.join('\n'), this.pendingStart);
      else if (this.pending.length >= MAX_RECORD_LINES) this.giveUpPending();
      return;
    }
    if (!text.includes(QUOTE)) {
      if (text.trim() !== '') this.out.push({ line, cells: text.split(',').map((c) => c.trim()) });
      return;
    }
    if (balanced(text)) return this.emitQuoted(text, line);
    this.pending = [text];
    this.pendingStart = line;
  }

  private emitQuoted(text: string, line: number): void {
    this.pending = [];
    try {
      const [record] = parse(text, { relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
      this.out.push({ line, cells: record ?? [] });
    } catch (error) {
      this.out.push({ line, cells: [], error: `无法解析这一行：${(error as Error).message}` });
    }
  }

  /** The first line of the open record is malformed; the lines after it are read again on their own. */
  private giveUpPending(): void {
    const [first, ...rest] = this.pending;
    const start = this.pendingStart;
    this.pending = [];
    this.out.push({ line: start, cells: [], error: `引号不成对：${(first ?? '').slice(0, 40)}` });
    rest.forEach((text, i) => this.handle(text, start + 1 + i));
  }
}

function balanced(text: string): boolean {
  let quotes = 0;
  for (let i = text.indexOf(QUOTE); i >= 0; i = text.indexOf(QUOTE, i + 1)) quotes++;
  return quotes % 2 === 0;
}
