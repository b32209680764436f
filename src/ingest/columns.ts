import { InputError } from '../errors.js';
import type { ColumnMapping } from '../types.js';

export type Field = keyof ColumnMapping;

/**
 * Header names recognised for each field, most specific first (CONTRACT.md lists the base set).
 * `report_id` comes before `source` because exports such as the PFD tables use `source` for the
 * kind of document (the same for every row) and `report_id` for the report itself.
 */
export const HEADER_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  text: ['text', 'recommendation', 'recommendation_text', 'concern', 'concerns', 'description', 'finding'],
  id: ['id', 'ref', 'reference', 'recommendation_id'],
  source: ['report_id', 'report', 'report_title', 'source'],
  year: ['year', 'date', 'published'],
  recipient: ['recipient', 'recipients', 'addressee', 'to'],
  status: ['status', 'response', 'implemented'],
};

const FIELDS = Object.keys(HEADER_ALIASES) as Field[];

/** Header names compare case-insensitively, with spaces and hyphens read as underscores. */
export function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Whether a row, read as the header, names the text column: the one given with --text, or a recognised header name. */
export function namesTextColumn(cells: readonly string[], explicit: ColumnMapping): boolean {
  return columnOf(keyedColumns(cells), 'text', explicit) !== undefined;
}

/** Resolves which column holds each field: explicit names first, then the header aliases. */
export function mapColumns(columns: readonly string[], explicit: ColumnMapping, file: string): ColumnMapping {
  const byKey = keyedColumns(columns);
  const mapping: ColumnMapping = {};
  for (const field of FIELDS) {
    const found = columnOf(byKey, field, explicit);
    const wanted = explicit[field];
    if (wanted !== undefined && found === undefined) throw missingColumn(file, `no column "${wanted}" (given with --${field}) found`, columns);
    if (found !== undefined) mapping[field] = found;
  }
  if (mapping.text === undefined) {
    const hint = `name one with --text, or use a header such as ${HEADER_ALIASES.text.slice(0, 3).join(', ')}`;
    throw missingColumn(file, 'no text column found', columns, hint);
  }
  return mapping;
}

function keyedColumns(columns: readonly string[]): Map<string, string> {
  return new Map(columns.map((name) => [headerKey(name), name]));
}

/** The column holding a field: the one named with its flag, else the first header alias present. */
function columnOf(byKey: ReadonlyMap<string, string>, field: Field, explicit: ColumnMapping): string | undefined {
  const wanted = explicit[field];
  if (wanted !== undefined) return byKey.get(headerKey(wanted));
  const alias = HEADER_ALIASES[field].find((name) => byKey.has(name));
  return alias === undefined ? undefined : byKey.get(alias);
}

function missingColumn(file: string, problem: string, columns: readonly string[], hint?: string): InputError {
  const found = columns.length > 0 ? columns.map((c) => JSON.stringify(c)).join(', ') : 'none';
  return new InputError({ file, line: 1, column: 1 }, `${problem}; columns found: ${found}${hint ? ` (${hint})` : ''}`);
}
