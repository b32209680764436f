import { crc32 } from 'node:zlib';
import { IndexFileError } from '../errors.js';
import type { Action } from '../normalise/index.js';
import type { CorpusRecord, GroupSummary, QueryCorpus } from './corpus.js';
import { compareCodeUnits } from '../order.js';
import { allFeatureTexts, listedFeatures } from '../similarity/index.js';

/**
 * The index file `recdedup index` writes and `query --index` reads: a versioned binary container
 * with no dependency.
 *
 *     RECDEDUP-INDEX 1 1a2b3c4d\n   magic, format version, CRC-32 of everything after this line
 *     {…JSON header…}\n           one line: records, texts, groups, settings, where each array is
 *     zero padding to 8 bytes
 *     raw little-endian arrays    the vectors' offsets, feature ids, weights, document frequencies and each record's group
 *
 * The header names each array's type, byte offset (from the start of the data, a multiple of 8)
 * and length, and the data's size; the checksum covers header and data, so a truncated or
 * damaged file is refused rather than misread. Arrays are read as views of the file's bytes, not parsed: loading is one JSON
 * parse and a checksum.
 */
export const INDEX_MAGIC = 'RECDEDUP-INDEX';
export const INDEX_FORMAT_VERSION = 1;

type ArrayKind = 'int32' | 'float32';
interface ArrayEntry {
  type: ArrayKind;
  offset: number;
  length: number;
}

const ARRAY_NAMES = ['offsets', 'ids', 'weights', 'docFreq', 'groupOf'] as const;
type ArrayName = (typeof ARRAY_NAMES)[number];

interface IndexHeader {
  tool: { name: 'recdedup'; version: string };
  parameters: QueryCorpus['parameters'];
  /** [id, source, year, recipient, status, text] per record, in id order. */
  records: [string, string, number | null, string, string, string][];
  texts: string[];
  /** Each record's actions: verbs, a negated one prefixed with "!". */
  actions: string[][];
  groups: GroupSummary[];
  boilerplate: QueryCorpus['boilerplate'];
  aliasTexts: string[];
  displays: [string, string][];
  features: string[];
  arrays: Record<ArrayName, ArrayEntry>;
  dataBytes: number;
}

const ALIGN = 8;
const TYPES: readonly ArrayKind[] = ['int32', 'float32'];
/** The arrays are stored as the machine holds them, which is little-endian everywhere Node runs in practice; anything else is refused. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The corpus as the bytes of an index file. */
export function encodeIndex(corpus: QueryCorpus, toolVersion: string): Uint8Array {
  if (!LITTLE_ENDIAN) throw new IndexFileError('index files can be written only on a little-endian machine');
  const { vectors } = corpus;
  const arrays: Record<ArrayName, Int32Array | Float32Array> = {
    offsets: vectors.offsets,
    ids: vectors.ids,
    weights: vectors.weights,
    docFreq: vectors.docFreq,
    groupOf: corpus.groupOf,
  };
  const entries = {} as Record<ArrayName, ArrayEntry>;
  let dataBytes = 0;
  for (const name of ARRAY_NAMES) {
    const array = arrays[name];
    entries[name] = { type: array instanceof Float32Array ? 'float32' : 'int32', offset: dataBytes, length: array.length };
    dataBytes = alignUp(dataBytes + array.byteLength);
  }
  const data = new Uint8Array(dataBytes);
  for (const name of ARRAY_NAMES) {
    const array = arrays[name];
    data.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), entries[name].offset);
  }
  const header: IndexHeader = {
    tool: { name: 'recdedup', version: toolVersion },
    parameters: corpus.parameters,
    records: corpus.records.map((r) => [r.id, r.source, r.year, r.recipient, r.status, r.text]),
    texts: corpus.texts,
    actions: corpus.actions.map((list) => list.map((a) => (a.negated ? `!${a.verb}` : a.verb))),
    groups: corpus.groups,
    boilerplate: corpus.boilerplate,
    aliasTexts: corpus.aliasTexts,
    displays: [...corpus.displays].sort(([a], [b]) => compareCodeUnits(a, b)),
    features: allFeatureTexts(vectors.features),
    arrays: entries,
    dataBytes,
  };
  const json = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  // The first line's length is fixed (the checksum is 8 hex digits), so where the data starts is known before the checksum is.
  const firstLine = `${INDEX_MAGIC} ${INDEX_FORMAT_VERSION} 00000000\n`.length;
  const padded = alignUp(firstLine + json.length);
  const body = new Uint8Array(padded - firstLine + dataBytes);
  body.set(json, 0);
  body.set(data, padded - firstLine);
  const out = new Uint8Array(firstLine + body.length);
  out.set(Buffer.from(`${INDEX_MAGIC} ${INDEX_FORMAT_VERSION} ${crc32(body).toString(16).padStart(8, '0')}\n`, 'latin1'), 0);
  out.set(body, firstLine);
  return out;
}

/** An index file's bytes → the corpus; `name` is only for messages. Throws IndexFileError on anything it cannot trust. */
export function decodeIndex(bytes: Uint8Array, name: string): QueryCorpus {
  const fail = (why: string): never => {
    throw new IndexFileError(`${name}: ${why}`);
  };
  if (!LITTLE_ENDIAN) fail('index files can be read only on a little-endian machine');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const firstLine = buffer.indexOf(10);
  const [magic, version, checksum] = buffer.toString('latin1', 0, firstLine < 0 ? Math.min(buffer.length, 64) : Math.min(firstLine, 64)).split(' ');
  if (firstLine < 0 || magic !== INDEX_MAGIC || !/^\d+$/.test(version ?? '')) fail('not a recdedup index file (make one with `recdedup index <input…> --out <file>`)');
  if (Number(version) !== INDEX_FORMAT_VERSION) {
    fail(`index format version ${version}, but this recdedup reads version ${INDEX_FORMAT_VERSION}: build the index again with \`recdedup index\``);
  }
  const headerEnd = buffer.indexOf(10, firstLine + 1);
  let header: unknown;
  try {
    header = headerEnd < 0 ? undefined : JSON.parse(buffer.toString('utf8', firstLine + 1, headerEnd));
  } catch {
    header = undefined;
  }
  const dataStart = alignUp(headerEnd + 1);
  if (!/^[0-9a-f]{8}$/.test(checksum ?? '') || crc32(bytes.subarray(firstLine + 1)) !== parseInt(checksum, 16)) {
    if (isHeader(header) && buffer.length !== dataStart + header.dataBytes) {
      fail(`corrupt index file: ${buffer.length.toLocaleString('en-GB')} bytes where ${(dataStart + header.dataBytes).toLocaleString('en-GB')} were written (truncated or appended to)`);
    }
    fail('corrupt index file: its contents do not match their checksum');
  }
  // Intact as written: what is left to catch is a writer's mistake.
  if (!isHeader(header)) return fail('corrupt index file: the header lacks fields this version needs');
  if (buffer.length !== dataStart + header.dataBytes) fail('corrupt index file: the data is not the size the header gives');
  const data = bytes.subarray(dataStart, dataStart + header.dataBytes);

  const array = (entryName: ArrayName): Int32Array | Float32Array => {
    const { type, offset, length } = header.arrays[entryName];
    if (!TYPES.includes(type) || offset < 0 || offset % ALIGN !== 0 || offset + length * 4 > header.dataBytes) fail(`corrupt index file: array ${entryName} lies outside the data`);
    const at = data.byteOffset + offset;
    // A view when the bytes are aligned for it (they are when the file was read whole), a copy otherwise.
    const source = at % 4 === 0 ? data.buffer : data.slice(offset, offset + length * 4).buffer;
    const start = at % 4 === 0 ? at : 0;
    return type === 'float32' ? new Float32Array(source, start, length) : new Int32Array(source, start, length);
  };
  const offsets = array('offsets') as Int32Array;
  const ids = array('ids') as Int32Array;
  const weights = array('weights') as Float32Array;
  const docFreq = array('docFreq') as Int32Array;
  const groupOf = array('groupOf') as Int32Array;
  checkShape(header, { offsets, ids, weights, docFreq, groupOf }, fail);

  return {
    parameters: header.parameters,
    records: header.records.map(([id, source, year, recipient, status, text]): CorpusRecord => ({ id, source, year, recipient, status, text })),
    vectors: { offsets, ids, weights, docFreq, features: listedFeatures(header.features) },
    texts: header.texts,
    actions: header.actions.map((list) => list.map((a): Action => (a.startsWith('!') ? { verb: a.slice(1), negated: true } : { verb: a, negated: false }))),
    groupOf,
    groups: header.groups,
    boilerplate: header.boilerplate,
    aliasTexts: header.aliasTexts,
    displays: new Map(header.displays),
  };
}

/** The arrays agree with each other and with the header, so no lookup can fall outside them. */
function checkShape(
  header: IndexHeader,
  arrays: { offsets: Int32Array; ids: Int32Array; weights: Float32Array; docFreq: Int32Array; groupOf: Int32Array },
  fail: (why: string) => never,
): void {
  const docs = header.records.length;
  const { offsets, ids, weights, docFreq, groupOf } = arrays;
  const sizesAgree =
    header.texts.length === docs &&
    header.actions.length === docs &&
    offsets.length === docs + 1 &&
    groupOf.length === docs &&
    weights.length === ids.length &&
    docFreq.length === header.features.length &&
    offsets[0] === 0 &&
    offsets[docs] === ids.length;
  if (!sizesAgree) fail('corrupt index file: its parts do not agree in size');
  for (let r = 0; r < docs; r++) {
    if (offsets[r + 1] < offsets[r]) fail('corrupt index file: vector rows out of order');
    if (groupOf[r] < 0 || groupOf[r] >= header.groups.length) fail('corrupt index file: a record has no group');
  }
  const features = header.features.length;
  for (let k = 0; k < ids.length; k++) if (ids[k] < 0 || ids[k] >= features) fail('corrupt index file: a feature id is out of range');
}

function isHeader(value: unknown): value is IndexHeader {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Partial<IndexHeader>;
  return (
    Array.isArray(h.records) &&
    Array.isArray(h.texts) &&
    Array.isArray(h.actions) &&
    Array.isArray(h.groups) &&
    Array.isArray(h.aliasTexts) &&
    Array.isArray(h.displays) &&
    Array.isArray(h.features) &&
    typeof h.parameters === 'object' &&
    h.parameters !== null &&
    typeof h.boilerplate === 'object' &&
    h.boilerplate !== null &&
    typeof h.arrays === 'object' &&
    h.arrays !== null &&
    ARRAY_NAMES.every((n) => typeof h.arrays![n] === 'object' && h.arrays![n] !== null && Number.isInteger(h.arrays![n].offset) && Number.isInteger(h.arrays![n].length) && h.arrays![n].length >= 0) &&
    Number.isInteger(h.dataBytes) &&
    (['threshold', 'charWeight', 'bigramWeight', 'oppositionPenalty'] as const).every((k) => Number.isFinite(h.parameters![k]))
  );
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
