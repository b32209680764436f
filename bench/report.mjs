// Reads what the benchmark needs from a `themes --format json` report (CONTRACT.md): the
// top-level `stats` and `parameters` objects and, one at a time, the entries of the top-level
// `items` array ({ id, group, theme }). It scans the bytes instead of calling JSON.parse on the whole file
// because a report of a million items is well over a gigabyte, past V8's longest string.
import { closeSync, openSync, readSync } from 'node:fs';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const CHUNK = 1 << 22;

/** The run of backslashes just before `end`; a run reaching the chunk's start continues `carried`. */
function backslashesBefore(chunk, end, carried) {
  let k = end;
  while (k > 0 && chunk[k - 1] === BACKSLASH) k--;
  return end - k + (k === 0 ? carried : 0);
}

/** Top-level objects returned whole: small, and all the benchmark reads besides the items. */
const TOP_OBJECTS = new Set(['stats', 'parameters']);

/** Calls onItem for every entry of `items`, in order; returns { stats, parameters, items: count }. */
export function scanReport(file, onItem) {
  const scan = new Scanner(onItem);
  const fd = openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(CHUNK);
  try {
    for (let n; (n = readSync(fd, chunk, 0, CHUNK, null)) > 0; ) scan.feed(chunk, n);
  } finally {
    closeSync(fd);
  }
  if (scan.depth !== 0) throw new Error(`${file}: the JSON report ends early (truncated?)`);
  return { ...scan.objects, items: scan.itemCount };
}

/**
 * A byte-level JSON scanner that tracks only nesting depth and strings (quotes, braces and
 * commas are ASCII, so UTF-8 text cannot fake them); it cuts out the top-level key names, the
 * `stats` value and each object inside `items`, and parses just those small pieces.
 */
class Scanner {
  constructor(onItem) {
    this.onItem = onItem;
    this.depth = 0;
    this.inString = false;
    this.carriedSlashes = 0; // backslashes ending the previous chunk, inside a string
    this.expectKey = false;
    this.key = undefined;
    this.capture = undefined; // { parts, start, depth, kind }
    this.objects = {};
    this.itemCount = 0;
  }

  feed(chunk, length) {
    // Inside a string, jump to the next quote or backslash: most of a report is text.
    for (let i = 0; i < length; i++) {
      if (this.inString) {
        i = this.skipString(chunk, i, length);
        if (i >= length) break;
        continue;
      }
      const c = chunk[i];
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.expectKey) this.startCapture(chunk, i, 'key');
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (c === OPEN_OBJECT && this.wanted()) this.startCapture(chunk, i, 'value');
        this.depth++;
        this.expectKey = this.depth === 1;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.capture?.kind === 'value' && this.depth === this.capture.depth) this.valueEnded(this.endCapture(chunk, i));
      } else if (c === COMMA && this.depth === 1) this.expectKey = true;
      else if (c === COLON && this.depth === 1) this.expectKey = false;
    }
    // A piece still open at the end of the chunk continues in the next one.
    if (this.capture) {
      this.capture.parts.push(Buffer.from(chunk.subarray(this.capture.start, length)));
      this.capture.start = 0;
    }
  }

  /**
   * Moves through a string from i; returns the index of its closing quote, or length if the string
   * goes on into the next chunk. A quote is escaped when an odd run of backslashes precedes it.
   */
  skipString(chunk, i, length) {
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      if (quote < 0 || quote >= length) {
        this.carriedSlashes = backslashesBefore(chunk, length, this.carriedSlashes);
        return length;
      }
      const slashes = backslashesBefore(chunk, quote, this.carriedSlashes);
      this.carriedSlashes = 0;
      if (slashes % 2 === 1) {
        i = quote + 1;
        continue;
      }
      this.inString = false;
      if (this.capture?.kind === 'key') this.key = JSON.parse(this.endCapture(chunk, quote));
      return quote;
    }
  }

  /** An object starting here is one we want: a top-level object we return, or an entry of items. */
  wanted() {
    return (this.depth === 1 && TOP_OBJECTS.has(this.key)) || (this.depth === 2 && this.key === 'items');
  }

  startCapture(chunk, at, kind) {
    this.capture = { parts: [], start: at, depth: this.depth, kind };
  }

  endCapture(chunk, at) {
    const { parts, start } = this.capture;
    parts.push(chunk.subarray(start, at + 1));
    this.capture = undefined;
    return Buffer.concat(parts).toString('utf8');
  }

  valueEnded(text) {
    const value = JSON.parse(text);
    if (TOP_OBJECTS.has(this.key)) this.objects[this.key] = value;
    else {
      this.itemCount++;
      this.onItem(value);
    }
  }
}
