import { growableArray, grownArray } from '../growable.js';

/**
 * Character-trigram Dice, for near-verbatim copies whose words differ by typos, OCR slips or
 * punctuation. A text is compared as lower-case letters and digits with every other run of
 * characters read as one space; each trigram of that is a 16-bit code, so a text becomes a small
 * sorted array of distinct codes and a pair costs one merge and no string work.
 */
/** Long reports are compared on their opening: a copy differs from its original there too, and cost stays bounded. */
const MAX_CHARS = 3000;

/** Space, a–z and 0–9: 37 symbols, so 37³ = 50,653 trigram codes fit in 16 bits. */
const SYMBOLS = 37;
const SPACE = 0;
const NOT_KEPT = -1;
const SYMBOL_OF = symbolTable();

function symbolTable(): Int8Array {
  const table = new Int8Array(128).fill(NOT_KEPT);
  for (let c = 0x61; c <= 0x7a; c++) table[c] = c - 0x61 + 1;
  for (let c = 0x30; c <= 0x39; c++) table[c] = c - 0x30 + 27;
  return table;
}

/**
 * The distinct trigrams of ` <words> ` (letters and digits of the first MAX_CHARS characters,
 * each run of anything else one space), sorted. For many texts, use one createTrigramSets().
 */
export function trigramSet(text: string): Uint16Array {
  return createTrigramSets()(text);
}

/**
 * trigramSet for many texts: one table remembers which text last wrote each code, so a text's
 * repeated trigrams are dropped as they come and only its distinct codes are sorted. Written as
 * one pass over the characters: this runs for every document that reaches the pair scorer.
 */
export function createTrigramSets(): (text: string) => Uint16Array {
  const writer = createTrigramWriter();
  return (text) => writer.ofText(text).slice();
}

/**
 * The trigram sets of documents by number, each made on first use and kept, all in one growing
 * buffer: one typed array per document cost two buffers per document (a scratch array and the
 * kept copy), and 40 MB more memory at 100,000 items (bench/side-by-side.md). The hot reader
 * (createDocumentDice) reads a document's codes in place, from `codes` between `start` and `end`;
 * `of` hands out a view, which stays valid after the buffer grows (the old buffer still holds it).
 * Given SharedTrigramSets, the store reads every set from there once the other thread is done.
 */
export interface TrigramStore {
  /** Makes the document's set if it is not made yet. */
  ensure(doc: number): void;
  /** The buffer every set is in; read it again after an `ensure`, which may replace it. */
  readonly codes: Uint16Array;
  /** Where a made set starts in `codes`, and where it ends (exclusive). */
  start(doc: number): number;
  end(doc: number): number;
  /** The document's set as a view (made if need be). */
  of(doc: number): Uint16Array;
}

export function createTrigramStore(textOf: (doc: number) => string, docs: number, shared?: SharedTrigramSets): TrigramStore {
  const writer = createTrigramWriter();
  let starts: Int32Array = new Int32Array(docs).fill(-1);
  let sizes: Int32Array = new Int32Array(docs);
  let codes: Uint16Array = growableArray(Uint16Array, 1 << 16);
  let used = 0;
  // Once the other thread has written every set, they are all read from there (the few made here
  // meanwhile are there too, the same codes) and what was made here is let go. Switched only in
  // ensure(), so a pair read after ensuring both its documents reads both from one place. The
  // shared texts are not held here (a million items' take 330 MB).
  const done = shared?.done;
  let complete = false;
  const ensure = (doc: number) => {
    if (complete) return;
    if (done && Atomics.load(done, 0) === 1) {
      ({ codes, starts, sizes } = shared!);
      complete = true;
      return;
    }
    if (starts[doc] >= 0) return;
    const set = writer.ofText(textOf(doc));
    if (used + set.length > codes.length) codes = grownArray(codes, used + set.length);
    codes.set(set, used);
    starts[doc] = used;
    sizes[doc] = set.length;
    used += set.length;
  };
  return {
    ensure,
    get codes() {
      return codes;
    },
    start: (doc) => starts[doc],
    end: (doc) => starts[doc] + sizes[doc],
    of(doc) {
      ensure(doc);
      return codes.subarray(starts[doc], starts[doc] + sizes[doc]);
    },
  };
}

/**
 * Every document's trigram set, written by a second thread into shared memory while the first
 * builds the word vectors, so the first finds them made when it scores pairs. Until `done` is
 * set, a TrigramStore given these makes the sets it needs itself, as without them: nothing waits
 * on the other thread, and the sets are the same whichever thread made them.
 */
export interface SharedTrigramSets {
  /**
   * The documents' texts, each cut at MAX_CHARS characters, end to end, one byte a character: its
   * code below 128, else 128 (all a set needs to know of it). Document d's runs from textStarts[d]
   * to textStarts[d + 1]. Bytes in shared memory reach the other thread without a copy; one string
   * of all the texts took 0.2 s to join and as long again to post at 100,000 items.
   */
  texts: Uint8Array;
  textStarts: Int32Array;
  /** Every set, one after another; document d's starts at starts[d] and has sizes[d] codes. */
  codes: Uint16Array;
  starts: Int32Array;
  sizes: Int32Array;
  /** Set to 1 (Atomics) once every set is written. */
  done: Int32Array;
}

/**
 * Shared memory for the texts' sets, to be written by writeTrigramSets in another thread; undefined
 * when that much memory cannot be had (a limit on virtual memory, `ulimit -v`): this thread then
 * makes the sets itself, as on small inputs.
 */
export function shareTrigramSets(texts: readonly string[]): SharedTrigramSets | undefined {
  try {
    return sharedMemoryForSets(texts);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function sharedMemoryForSets(texts: readonly string[]): SharedTrigramSets {
  const shared = (bytes: number) => new SharedArrayBuffer(bytes);
  const textStarts = new Int32Array(shared(4 * (texts.length + 1)));
  for (let doc = 0; doc < texts.length; doc++) textStarts[doc + 1] = textStarts[doc] + Math.min(texts[doc].length, MAX_CHARS);
  const characters = textStarts[texts.length];
  const bytes = new Uint8Array(shared(characters));
  for (let doc = 0; doc < texts.length; doc++) {
    const text = texts[doc];
    for (let i = 0, at = textStarts[doc], end = textStarts[doc + 1] - at; i < end; i++) {
      const unit = text.charCodeAt(i);
      bytes[at + i] = unit < 128 ? unit : 128;
    }
  }
  return {
    texts: bytes,
    textStarts,
    // A text of n characters has at most n + 1 trigrams (each character writes at most one, the
    // closing space one more). Pages never written are never committed.
    codes: new Uint16Array(shared(2 * (characters + texts.length))),
    starts: new Int32Array(shared(4 * texts.length)),
    sizes: new Int32Array(shared(4 * texts.length)),
    done: new Int32Array(shared(4)),
  };
}

/** Writes every document's set into `sets`, then marks them done. */
export function writeTrigramSets(sets: SharedTrigramSets): void {
  const writer = createTrigramWriter();
  let used = 0;
  for (let doc = 0; doc < sets.starts.length; doc++) {
    const set = writer.ofBytes(sets.texts, sets.textStarts[doc], sets.textStarts[doc + 1]);
    sets.codes.set(set, used);
    sets.starts[doc] = used;
    sets.sizes[doc] = set.length;
    used += set.length;
  }
  Atomics.store(sets.done, 0, 1);
}

/**
 * The sorted distinct trigram codes of a text, as a view of one scratch buffer that the next call
 * overwrites: callers copy what they keep. A text is read as written (`ofText`) or as bytes
 * (`ofBytes`, as SharedTrigramSets holds texts), which give the same set.
 */
interface TrigramWriter {
  ofText(text: string): Uint16Array;
  ofBytes(bytes: Uint8Array, from: number, to: number): Uint16Array;
}

function createTrigramWriter(): TrigramWriter {
  const writtenBy = new Int32Array(SYMBOLS ** 3);
  const codes = new Uint16Array(MAX_CHARS + 2);
  const scratch = new Uint16Array(MAX_CHARS + 2);
  const digitCounts = new Int32Array(256);
  let textNumber = 0;
  let count = 0;
  // The last two symbols written; the text starts with a space, NOT_KEPT marks "none yet".
  let first = NOT_KEPT;
  let second = SPACE;
  let pendingSpace = false;
  const begin = () => {
    textNumber++;
    count = 0;
    first = NOT_KEPT;
    second = SPACE;
    pendingSpace = false;
  };
  const write = (symbol: number) => {
    if (first !== NOT_KEPT) {
      const code = (first * SYMBOLS + second) * SYMBOLS + symbol;
      if (writtenBy[code] !== textNumber) {
        writtenBy[code] = textNumber;
        codes[count++] = code;
      }
    }
    first = second;
    second = symbol;
  };
  const started = () => !(first === NOT_KEPT && second === SPACE);
  const read = (unit: number) => {
    const symbol = unit < 128 ? SYMBOL_OF[unit] : NOT_KEPT;
    if (symbol === NOT_KEPT) {
      pendingSpace = true;
      return;
    }
    // Spaces before the first word are dropped: the leading space is already there.
    if (pendingSpace && started()) write(SPACE);
    pendingSpace = false;
    write(symbol);
  };
  const finish = () => {
    if (started()) write(SPACE);
    return sortCodes(codes, count, scratch, digitCounts);
  };
  return {
    ofText(text) {
      begin();
      for (let i = 0, end = Math.min(text.length, MAX_CHARS); i < end; i++) read(text.charCodeAt(i));
      return finish();
    },
    ofBytes(bytes, from, to) {
      begin();
      for (let i = from; i < to; i++) read(bytes[i]);
      return finish();
    },
  };
}

/**
 * codes[0, count) in ascending order, in place, by a radix sort on their two bytes (through
 * `scratch`, as long as `codes`): five times as fast as the typed array's own sort on sets of a few
 * hundred codes, which was most of the cost of making a document's set.
 */
function sortCodes(codes: Uint16Array, count: number, scratch: Uint16Array, digitCounts: Int32Array): Uint16Array {
  spreadByDigit(codes, scratch, count, 0, digitCounts);
  spreadByDigit(scratch, codes, count, 8, digitCounts);
  return codes.subarray(0, count);
}

/** One stable counting pass: from[0, count) into `to`, ordered by the byte at `shift`. */
function spreadByDigit(from: Uint16Array, to: Uint16Array, count: number, shift: number, digitCounts: Int32Array): void {
  digitCounts.fill(0);
  for (let i = 0; i < count; i++) digitCounts[(from[i] >>> shift) & 255]++;
  let start = 0;
  for (let digit = 0; digit < 256; digit++) {
    const n = digitCounts[digit];
    digitCounts[digit] = start;
    start += n;
  }
  for (let i = 0; i < count; i++) {
    const code = from[i];
    to[digitCounts[(code >>> shift) & 255]++] = code;
  }
}

/**
 * diceOf of documents by number, the same to the bit, and faster when one side repeats: a
 * document met in two pairs in a row is held as a bitmap of its codes, and each pair with it then
 * costs one look-up per code of the other document instead of a merge of the two (the candidate
 * search meets each document's earlier partners one after another). Codes are read in place in
 * the store's buffer: a view per side of every pair was most of the store's cost on large inputs.
 */
export function createDocumentDice(store: TrigramStore): (a: number, b: number) => number {
  const bitmap = new Int32Array(Math.ceil(SYMBOLS ** 3 / 32));
  let held = -1;
  let previousA = -1;
  let previousB = -1;
  const setBits = (doc: number, on: boolean) => {
    const codes = store.codes;
    for (let i = store.start(doc), end = store.end(doc); i < end; i++) {
      const code = codes[i];
      bitmap[code >>> 5] = on ? bitmap[code >>> 5] | (1 << (code & 31)) : 0;
    }
  };
  const hold = (doc: number) => {
    if (held >= 0) setBits(held, false);
    setBits(doc, true);
    held = doc;
  };
  const sharedWithHeld = (doc: number) => {
    const codes = store.codes;
    let shared = 0;
    for (let i = store.start(doc), end = store.end(doc); i < end; i++) shared += (bitmap[codes[i] >>> 5] >>> (codes[i] & 31)) & 1;
    return shared;
  };
  return (a, b) => {
    store.ensure(a);
    store.ensure(b);
    if (held !== a && held !== b) {
      if (b === previousB) hold(b);
      else if (a === previousA) hold(a);
    }
    previousA = a;
    previousB = b;
    const sizeA = store.end(a) - store.start(a);
    const sizeB = store.end(b) - store.start(b);
    if (held === b) return diceOfShared(sharedWithHeld(a), sizeA, sizeB);
    if (held === a) return diceOfShared(sharedWithHeld(b), sizeA, sizeB);
    const codes = store.codes;
    return diceOfShared(sharedCodes(codes, store.start(a), store.end(a), codes, store.start(b), store.end(b)), sizeA, sizeB);
  };
}

/** How many codes a[i, endA) and b[j, endB) share, both ascending (a and b may be one buffer). */
function sharedCodes(a: Uint16Array, i: number, endA: number, b: Uint16Array, j: number, endB: number): number {
  let shared = 0;
  while (i < endA && j < endB) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

export function diceOf(a: Uint16Array, b: Uint16Array): number {
  return diceOfShared(sharedCodes(a, 0, a.length, b, 0, b.length), a.length, b.length);
}

/** Dice from the codes two sets share and their sizes; 0 for two empty sets. */
function diceOfShared(shared: number, sizeA: number, sizeB: number): number {
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}
