import { createReadStream } from 'node:fs';
import { parse, type Parser } from 'csv-parse';
import iconv from 'iconv-lite';
import { detectEncoding } from './encoding';
import type { RawRow, RawRowBatches } from './raw-row';

/** Streams a CSV roster (UTF-8 or GBK) as batches of rows numbered by their line in the file. */
export async function* readCsvRows(filePath: string): RawRowBatches {
  const { encoding, skip } = await detectEncoding(filePath);
  const file = createReadStream(filePath, { start: skip });
  const parser = file
    .pipe(iconv.decodeStream(encoding))
    .pipe(
      parse({
        bom: true,
        info: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        trim: true,
      }),
    );
  try {
    for await (const chunk of batchesOf(parser)) {
      yield chunk.map(({ record, info }): RawRow => ({ line: info.lines, cells: record }));
    }
  } finally {
    // Also when the importer stops early: release the file.
    parser.destroy();
    file.destroy();
  }
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

/** Drains whatever the parser has ready at each wake-up, instead of one promise per record. */
async function* batchesOf(parser: Parser): AsyncGenerator<Parsed[]> {
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  parser.on('readable', signal);
  parser.on('end', () => ((done = true), signal()));
  parser.on('error', (error) => ((failure = error), signal()));
  for (;;) {
    const batch: Parsed[] = [];
    let item: unknown;
    while ((item = parser.read()) !== null) batch.push(item as Parsed);
    if (failure) throw failure;
    if (batch.length) yield batch;
    else if (done) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}
