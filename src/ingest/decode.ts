import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';
import type { Warning } from '../types.js';

export interface DecodedText {
  /** Decoded when first read: a CSV is read from its UTF-8 bytes, and a large one's text would be a copy twice its size. */
  readonly text: string;
  /** The UTF-8 bytes the text was decoded from (BOM removed); absent when it was not UTF-8. */
  utf8?: Uint8Array;
  warnings: Warning[];
}

const SNIFF_BYTES = 8192;

/**
 * Bytes → text. UTF-8 (with or without BOM) is expected; exports from older spreadsheet tools are
 * often Windows-1252, so invalid UTF-8 is decoded as that with a warning rather than refused.
 * Spreadsheets' "Unicode text" exports are UTF-16, so that is decoded too, with a warning: from
 * its byte-order mark, or without one when every other byte of the opening is NUL, as in
 * UTF-16 text that is mostly ASCII. Other NUL bytes mean the file is not text at all;
 * `expected` says what it should have been.
 */
export function decodeInput(bytes: Uint8Array, file: string, expected = 'CSV, TSV, JSON or JSONL'): DecodedText {
  const marked = utf16ByteOrderMark(bytes);
  if (marked) {
    const text = decodeUtf16(bytes.subarray(2), marked);
    if (text === undefined) throw new InputError({ file, line: 1, column: 1 }, `starts with a UTF-16 (${endianness(marked)}) byte-order mark but is not valid UTF-16`);
    return { text, warnings: [{ message: `${file}: decoded as UTF-16 (${endianness(marked)})` }] };
  }
  const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) {
    // NUL bytes are UTF-16 without its mark, or the file is not text at all.
    const order = unmarkedUtf16Order(bytes);
    const text = order && decodeUtf16(bytes, order);
    if (order && text !== undefined) return { text, warnings: [{ message: `${file}: decoded as UTF-16 (${endianness(order)}, no byte-order mark)` }] };
    const { line, column } = lineColumnOfByte(bytes, nul);
    throw new InputError({ file, line, column }, `not a text file (NUL byte found): expected ${expected}`);
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return utf8Text(body);
  const text = decodeWindows1252(body);
  return { text, warnings: [{ message: `${file}: not valid UTF-8; decoded as Windows-1252` }] };
}

/** Valid UTF-8, its text decoded once, when first asked for. */
function utf8Text(body: Uint8Array): DecodedText {
  let text: string | undefined;
  return {
    get text() {
      return (text ??= new TextDecoder().decode(body));
    },
    utf8: body,
    warnings: [],
  };
}

type ByteOrder = 'le' | 'be';

const endianness = (order: ByteOrder) => `${order === 'le' ? 'little' : 'big'}-endian`;

function utf16ByteOrderMark(bytes: Uint8Array): ByteOrder | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

const UTF16_SNIFF_MIN_UNITS = 8;

/**
 * The byte order of UTF-16 text without a byte-order mark: the opening (at least 8 code units)
 * has NUL in at least half its high bytes and (almost) none in its low ones, as mostly-ASCII
 * UTF-16 does.
 */
function unmarkedUtf16Order(bytes: Uint8Array): ByteOrder | undefined {
  const units = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  // Too short to judge by its NULs: refused as binary, as before UTF-16 was read.
  if (units < UTF16_SNIFF_MIN_UNITS) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < units; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  const few = units / 100;
  if (oddNul >= units / 2 && evenNul <= few) return 'le';
  if (evenNul >= units / 2 && oddNul <= few) return 'be';
  return undefined;
}

/** UTF-16 bytes (no byte-order mark) → text; undefined when they are not valid UTF-16. */
function decodeUtf16(body: Uint8Array, order: ByteOrder): string | undefined {
  if (body.length % 2 !== 0) return undefined;
  try {
    return new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return undefined;
  }
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (curly quotes, dashes, €), and Node's
 * TextDecoder treats the label as Latin-1, so those 32 bytes are mapped here.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}
