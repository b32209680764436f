import { describe, expect, it } from 'vitest';
import { IndexFileError } from '../../src/errors.js';
import { createNormaliser, parseAliasTables } from '../../src/normalise/index.js';
import { DEFAULT_OPTIONS } from '../../src/options.js';
import { analyse } from '../../src/pipeline.js';
import { corpusFromAnalysis } from '../../src/query/corpus.js';
import { decodeIndex, encodeIndex, INDEX_FORMAT_VERSION } from '../../src/query/index-file.js';
import { createQuerySearcher } from '../../src/query/search.js';
import { buildReport } from '../../src/report/index.js';
import { allFeatureTexts } from '../../src/similarity/index.js';
import { record, SHIPPED_ALIASES } from '../helpers.js';

const RECORDS = [
  record('a1', 'Review 2016', 'NHS England should publish national guidance on the removal of ligature points from mental health wards.', { year: 2016, recipient: 'NHS England' }),
  record('a2', 'Review 2021', 'NHS England should issue national guidance on removing ligature anchor points from mental health wards.', { year: 2021, recipient: 'DHSC | NHS England' }),
  record('b1', 'Review 2018', 'Trusts must review night staffing levels in maternity units and should not reduce midwife numbers.', { year: 2018, status: 'accepted' }),
  record('c1', 'Review 2019', 'The Department for Transport should introduce average speed cameras on rural roads.', { year: 2019 }),
  record('c2', 'Review 2020', 'The Department for Transport should install average speed cameras on rural single carriageway roads.', { year: 2020 }),
  record('d1', 'Review 2022', 'Organisations should organise organisational learning reviews.', { year: null }),
];

function corpusOf() {
  const options = DEFAULT_OPTIONS;
  const normaliser = createNormaliser(parseAliasTables([SHIPPED_ALIASES]));
  const analysis = analyse(RECORDS, normaliser, options);
  const report = buildReport(RECORDS, analysis, { version: 'test', skipped: 0, options, normaliser });
  return { corpus: corpusFromAnalysis(analysis, report, normaliser, [SHIPPED_ALIASES]), normaliser };
}

const QUERIES = [
  'NHS England should publish guidance on ligature points in mental health wards',
  'speed cameras should not be introduced on rural roads',
  'organisational learning',
  'nothing in common here zzz',
];

describe('index file', () => {
  it('round-trips to the same corpus and the same query results', () => {
    const { corpus, normaliser } = corpusOf();
    const loaded = decodeIndex(encodeIndex(corpus, 'test'), 'test.idx');
    expect(loaded.records).toEqual(corpus.records);
    expect(Array.from(loaded.vectors.weights)).toEqual(Array.from(corpus.vectors.weights));
    expect(allFeatureTexts(loaded.vectors.features)).toEqual(allFeatureTexts(corpus.vectors.features));
    expect(loaded.actions).toEqual(corpus.actions);
    expect(loaded.displays).toEqual(corpus.displays);
    const direct = createQuerySearcher(corpus, normaliser);
    // The loaded one builds its normaliser from the alias texts in the file, as `query --index` does.
    const fromFile = createQuerySearcher(loaded);
    for (const query of QUERIES) for (const top of [1, 3, 10]) expect(fromFile.search(query, top), query).toEqual(direct.search(query, top));
  });

  it('is byte-identical for the same corpus', () => {
    const first = encodeIndex(corpusOf().corpus, 'test');
    expect(Buffer.from(encodeIndex(corpusOf().corpus, 'test')).equals(Buffer.from(first))).toBe(true);
  });

  it('reads a file whose bytes do not start on an aligned address', () => {
    const bytes = encodeIndex(corpusOf().corpus, 'test');
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(createQuerySearcher(decodeIndex(shifted, 'x.idx')).search(QUERIES[0], 5)).toEqual(createQuerySearcher(decodeIndex(bytes, 'x.idx')).search(QUERIES[0], 5));
  });

  const bytes = () => encodeIndex(corpusOf().corpus, 'test');
  const refused = (data: Uint8Array): string => {
    try {
      decodeIndex(data, 'bad.idx');
    } catch (error) {
      expect(error).toBeInstanceOf(IndexFileError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('refuses a file that is not an index', () => {
    expect(refused(Buffer.from('id,text\n1,hello\n'))).toMatch(/^bad\.idx: not a recdedup index file/);
    expect(refused(new Uint8Array(0))).toMatch(/not a recdedup index file/);
  });

  it('refuses another format version, saying how to rebuild', () => {
    const data = Buffer.from(bytes());
    data.write(`RECDEDUP-INDEX ${INDEX_FORMAT_VERSION + 1}`, 0, 'latin1');
    expect(refused(data)).toMatch(/format version 2.*build the index again/);
  });

  it('refuses a truncated file, a damaged byte and a damaged header', () => {
    const data = bytes();
    expect(refused(data.subarray(0, data.length - 3))).toMatch(/corrupt index file.*truncated/);
    const flipped = Uint8Array.from(data);
    flipped[flipped.length - 5] ^= 0xff;
    expect(refused(flipped)).toMatch(/corrupt index file.*checksum/);
    const header = Uint8Array.from(data);
    header[30] = '}'.charCodeAt(0);
    expect(refused(header)).toMatch(/corrupt index file/);
    for (const message of [refused(data.subarray(0, data.length - 3)), refused(flipped), refused(header)]) expect(message).not.toContain('\n');
  });
});
