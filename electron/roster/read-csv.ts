import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { CsvRecordSplitter } from './csv-records';
import { detectEncoding } from './encoding';
import type { RawRowBatches } from './raw-row';
import type { ReadCounter } from './read-rows';

/** Streams a CSV roster (UTF-8 or GBK) as batches of rows numbered by their line in the file. */
export async function* readCsvRows(filePath: string, counter: ReadCounter = { bytesRead: 0 }): RawRowBatches {
  const { encoding, skip } = await detectEncoding(filePath);
  const file = createReadStream(filePath, { start: skip, highWaterMark: 256 * 1024 });
  const text = (encoding === 'utf8' ? file.setEncoding('utf8') : file.pipe(iconv.decodeStream(encoding))) as AsyncIterable<string>;
  const splitter = new CsvRecordSplitter();
  try {
    for await (const chunk of text) {
      counter.bytesRead = skip + file.bytesRead;
      const rows = splitter.push(chunk);
      if (rows.length) yield rows;
    }
    const rest = splitter.end();
    if (rest.length) yield rest;
  } finally {
    // Also when the importer stops early: release the file.
    file.destroy();
  }
}
