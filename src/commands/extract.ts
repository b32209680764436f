import { extractReports } from '../extract/documents.js';
import { readInputFiles, writeReport, type CliIo } from '../io.js';
import { renderExtraction, type ExtractionFormat } from '../report/extraction.js';
import { printWarnings } from './run.js';

export interface ExtractFlags {
  format: ExtractionFormat;
  out?: string;
  /** CSV with a UTF-8 byte-order mark, for Excel. */
  excel?: boolean;
}

/** `recdedup extract`: report text and PDFs → the table `themes` reads. */
export async function extractCommand(inputs: readonly string[], flags: ExtractFlags, io: CliIo): Promise<number> {
  const extraction = await extractReports(await readInputFiles(inputs, io));
  printWarnings(extraction.warnings, io);
  await writeReport(renderExtraction(extraction, flags.format, { excel: flags.excel }), flags.out, io);
  return 0;
}
