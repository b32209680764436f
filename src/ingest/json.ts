import { InputError, positionOf } from '../errors.js';
import type { Table, TableRow } from './table.js';

/** A JSON array of objects → table; each object's line is found from its position in the text. */
export function parseJsonArray(text: string, file: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw jsonInputError(text, 0, file, error, 1);
  }
  if (!Array.isArray(data)) {
    throw new InputError({ file, ...positionOf(text, firstNonSpace(text)) }, 'expected a JSON array of objects');
  }
  const lines = objectStartLines(text);
  const rows = data.map((value, i) => toRow(value, lines[i] ?? 1, file));
  return { file, columns: columnsOf(rows), rows };
}

/** JSON Lines → table; blank lines are allowed. */
export function parseJsonLines(text: string, file: string): Table {
  const rows: TableRow[] = [];
  text.split('\n').forEach((raw, index) => {
    const lineText = raw.replace(/\r$/, '');
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      throw jsonInputError(lineText, 0, file, error, index + 1);
    }
    rows.push(toRow(value, index + 1, file));
  });
  return { file, columns: columnsOf(rows), rows };
}

function toRow(value: unknown, line: number, file: string): TableRow {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError({ file, line, column: 1 }, 'expected a JSON object for each record');
  }
  const values: Record<string, string> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    values[key] = stringify(field);
  }
  return { line, values };
}

function stringify(field: unknown): string {
  if (field === null || field === undefined) return '';
  if (Array.isArray(field)) return field.map(stringify).join(' | ');
  if (typeof field === 'object') return JSON.stringify(field);
  return String(field);
}

function columnsOf(rows: TableRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.values)) seen.add(key);
  return [...seen];
}

function firstNonSpace(text: string): number {
  const match = /\S/.exec(text);
  return match ? match.index : 0;
}

/** The line each top-level array element starts on: a depth-1 scan that skips strings. */
function objectStartLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (ch === ']' || ch === '}') depth--;
    else if (depth === 1 && !/[\s,]/.test(ch)) lines.push(line);
  }
  return lines;
}

/** Node's JSON errors carry a character position (or line/column on newer engines); turn either into ours. */
function jsonInputError(text: string, base: number, file: string, error: unknown, lineOffset: number): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const reason = `not valid JSON: ${message.replace(/\s+/g, ' ').replace(/ in JSON at position \d+.*$/, '')}`;
  const atPosition = /position (\d+)/.exec(message);
  const atLineColumn = /line (\d+) column (\d+)/.exec(message);
  if (atLineColumn) {
    const line = Number(atLineColumn[1]) + lineOffset - 1;
    return new InputError({ file, line, column: Number(atLineColumn[2]) }, reason);
  }
  const offset = atPosition ? base + Number(atPosition[1]) : text.length;
  const { line, column } = positionOf(text, offset);
  return new InputError({ file, line: line + lineOffset - 1, column }, reason);
}
