import { describe, expect, it } from 'vitest';
import { boilerplateVocabulary, findBoilerplate, proceduralRepeats, stripBoilerplateTerms } from '../../src/normalise/boilerplate.js';
import { boilerplateSourceFloor, createNormaliser, normaliseRecords, packSentenceTerms, parseAliasTables, sentencesOf, singleSentenceShare } from '../../src/normalise/index.js';
import type { RecordItem } from '../../src/types.js';
import { PROCEDURAL_PREAMBLE as PREAMBLE, UNRELATED_CONCERNS as TOPICS } from '../helpers.js';

const record = (i: number, text: string, source = `report-${i}`): RecordItem => ({
  id: `r${i}`, source, year: 2020, recipient: '', status: '', text, origin: { file: 'f.csv', line: i + 2 },
});

describe('boilerplate', () => {
  const normaliser = createNormaliser(parseAliasTables([]));
  const settings = { boilerplateMinSources: 4, boilerplateContextSimilarity: 0.1 };

  it('removes a sentence that recurs across unrelated sources, and keeps the content', () => {
    const records = TOPICS.map((topic, i) => record(i, `${PREAMBLE} ${topic}`));
    const { items, boilerplate } = normaliseRecords(records, normaliser, settings);
    expect(boilerplate.map((b) => [b.example, b.sources])).toEqual([[PREAMBLE, 6]]);
    expect(items[0].terms).toEqual(normaliser.terms(TOPICS[0]));
    expect(items.every((item) => !item.boilerplateOnly)).toBe(true);
  });

  it('keeps each sentence’s terms as read, boilerplate included, for labels to choose a sentence by', () => {
    const records = TOPICS.map((topic, i) => record(i, `${PREAMBLE} ${topic}`));
    const { items, sentenceTerms } = normaliseRecords(records, normaliser, settings);
    expect(items[0].terms).toEqual(normaliser.lookupTerms(TOPICS[0]));
    expect(sentenceTerms.length).toBe(records.length);
    records.forEach((r, i) => expect(sentenceTerms.of(i)).toEqual(sentencesOf(r.text).map((sentence) => normaliser.lookupTerms(sentence))));
    expect(sentenceTerms.of(0)[0]).toEqual(normaliser.lookupTerms(PREAMBLE));
  });

  it('keeps a recommendation copied into several reports about the same thing', () => {
    const copy = 'Retailers should verify the purpose of every sale of sodium nitrite.';
    const records = [0, 1, 2, 3, 4].map((i) => record(i, `${copy} The buyer ordered sodium nitrite online and the retailer sold the poison unchecked ${i}.`));
    expect(normaliseRecords(records, normaliser, settings).boilerplate).toEqual([]);
  });

  it('marks an item made only of boilerplate', () => {
    const records = [...TOPICS.map((topic, i) => record(i, `${PREAMBLE} ${topic}`)), record(9, PREAMBLE, 'report-9')];
    expect(normaliseRecords(records, normaliser, settings).items[6].boilerplateOnly).toBe(true);
  });

  it('needs the minimum number of sources', () => {
    const sentences = [0, 1, 2].map((source) => ({ source, terms: ['inquest', 'reveal', 'concern'] }));
    expect(findBoilerplate(sentences, { minSources: 4, maxContextSimilarity: 0.1 })).toEqual([]);
  });

  it('learns a vocabulary from widespread findings and strips rewordings and long runs', () => {
    const vocabulary = boilerplateVocabulary([{ key: 'inquest evid reveal matter give rise concern', sources: 20, contextSimilarity: 0 }, { key: 'nhs_england', sources: 4, contextSimilarity: 0 }], 8);
    expect(vocabulary.has('nhs_england')).toBe(false);
    expect(stripBoilerplateTerms(['cours', 'inquest', 'evid', 'reveal', 'matter', 'concern'], vocabulary)).toEqual([]);
    expect(stripBoilerplateTerms(['inquest', 'evid', 'reveal', 'matter', 'give', 'polic', 'radio', 'fault', 'unreport'], vocabulary)).toEqual(['polic', 'radio', 'fault', 'unreport']);
  });
});

describe('procedural vocabulary in items', () => {
  it('drops words spread by widespread boilerplate from every item, not only from boilerplate sentences', () => {
    const normaliser = createNormaliser(parseAliasTables([]));
    const records = TOPICS.map((topic, i) => record(i, `${PREAMBLE} ${topic}`));
    const extra = record(99, 'The evidence revealed that the inquest heard about ligature anchor points on wards.', 'report-99');
    // The preamble reaches 6 sources: twice the minimum of 3, so its words are dropped everywhere.
    const { items } = normaliseRecords([...records, extra], normaliser, { boilerplateMinSources: 3, boilerplateContextSimilarity: 0.1 });
    const terms = items[items.length - 1].terms;
    expect(terms).toEqual(expect.arrayContaining(normaliser.terms('ligature anchor points wards')));
    expect(terms).not.toEqual(expect.arrayContaining(normaliser.terms('revealed')));
  });
});

describe('boilerplate on large collections', () => {
  it('must recur in 0.2 % of all sources when that is more than the setting', () => {
    expect(boilerplateSourceFloor(4, 1897)).toBe(4);
    expect(boilerplateSourceFloor(4, 500_000)).toBe(1000);
  });

  it('is not a plain sentence that recurs in a few of thousands of unrelated sources', () => {
    const normaliser = createNormaliser(parseAliasTables([]));
    const settings = { boilerplateMinSources: 4, boilerplateContextSimilarity: 0.1 };
    // The preamble recurs in 6 sources, each otherwise on its own topic.
    const recurring = TOPICS.map((topic, i) => record(i, `${PREAMBLE} ${topic}`));
    const few = normaliseRecords(recurring, normaliser, settings);
    expect(few.boilerplate.map((b) => b.example)).toEqual([PREAMBLE]);
    // The same 6 among 4,000 sources: 6 is under 0.2 % of them (8), so the preamble stays content.
    const word = (n: number) => Array.from(n.toString(26).padStart(4, '0'), (c) => String.fromCharCode(97 + parseInt(c, 26))).join('');
    const others = Array.from({ length: 3994 }, (_, i) => record(100 + i, `${word(3 * i)}x ${word(3 * i + 1)}y ${word(3 * i + 2)}z.`));
    const many = normaliseRecords([...recurring, ...others], normaliser, settings);
    expect(many.boilerplate).toEqual([]);
    expect(many.items[0].terms).toEqual(expect.arrayContaining(normaliser.terms('inquest evidence revealed')));
  });
});

describe('procedural repeats', () => {
  // Terms as the normaliser leaves them: 11 of the formula's 18 are procedural (0.61).
  const vocabulary = new Set(['consid', 'issu', 'rais', 'address', 'futur', 'death', 'occur', 'action', 'taken', 'risk']);
  const formula = (whose: string) => ['consid', 'issu', 'rais', 'case', 'address', 'so', 'futur', 'death', 'not', 'occur', 'similar', 'circumst', 'action', 'taken', 'reduc', 'risk', 'death', whose];
  const content = ['foster', 'carer', 'not', 'told', 'previous', 'overdos', 'placement', 'agre'];

  it('finds a mostly procedural sentence repeated near-verbatim in another source', () => {
    const sentences = [
      { source: 0, terms: content },
      { source: 0, terms: formula('children') },
      { source: 1, terms: formula('patient') },
    ];
    expect(proceduralRepeats(sentences, vocabulary)).toEqual([
      [formula('children').join(' '), [0, 1]],
      [formula('patient').join(' '), [0, 1]],
    ]);
  });

  it('needs another source: a report repeating its own formula is not enough', () => {
    const sentences = [
      { source: 3, terms: formula('children') },
      { source: 3, terms: formula('patient') },
    ];
    expect(proceduralRepeats(sentences, vocabulary)).toEqual([]);
  });

  it('keeps a repeated sentence with half or less procedure, and short ones', () => {
    // "I remain concerned that delays are continuing and that deaths will continue to occur": 4 of 8.
    const concern = ['remain', 'signific', 'concern', 'delay', 'continu', 'death', 'continu', 'occur'];
    const withConcern = new Set([...vocabulary, 'concern', 'signific', 'remain']);
    expect(proceduralRepeats([0, 1].map((source) => ({ source, terms: concern })), new Set([...vocabulary, 'concern']))).toEqual([]);
    expect(proceduralRepeats([0, 1].map((source) => ({ source, terms: ['matter', 'concern', 'ligatur'] })), new Set(['matter', 'concern']))).toEqual([]);
    expect(proceduralRepeats([0, 1].map((source) => ({ source, terms: concern })), withConcern)).toHaveLength(1);
  });

  it('are reported as findings whose words do not join the vocabulary', () => {
    const widespread = ['consid issu rais address', 'opinion risk futur death occur action taken'];
    const sentences = [
      ...TOPICS.flatMap((topic, source) => [
        { source, terms: topic.toLowerCase().split(' ') },
        ...widespread.map((key) => ({ source, terms: key.split(' ') })),
      ]),
      { source: 10, terms: formula('children') },
      { source: 11, terms: formula('patient') },
    ];
    const findings = findBoilerplate(sentences, { minSources: 4, maxContextSimilarity: 0.1 });
    expect(findings.filter((f) => f.repeated).map((f) => [f.key, f.sources])).toEqual([
      [formula('children').join(' '), 2],
      [formula('patient').join(' '), 2],
    ]);
    expect(boilerplateVocabulary(findings, 4)).toEqual(boilerplateVocabulary(findings.filter((f) => !f.repeated), 4));
    expect(boilerplateVocabulary(findings, 4).has('similar')).toBe(false);
  });
});

describe('singleSentenceShare', () => {
  it('counts the items with content that are one sentence, out of the items with content', () => {
    // Sentences with no terms (punctuation, stop words) do not count; nor do items with none.
    const read = [[['ligatur', 'point']], [['staff'], ['train']], [[], ['handov', 'delay']], [[]], []];
    expect(singleSentenceShare(packSentenceTerms(read))).toBeCloseTo(2 / 3, 10);
    expect(singleSentenceShare(packSentenceTerms([]))).toBe(0);
    expect(singleSentenceShare(packSentenceTerms([[[]]]))).toBe(0);
  });

  it('is the share normaliseRecords reads: one-line items against passages', () => {
    const normaliser = createNormaliser(parseAliasTables([]));
    const settings = { boilerplateMinSources: 4, boilerplateContextSimilarity: 0.1 };
    const lines = ['Wards should remove ligature points.', 'Trusts must train staff in restraint.', 'Ambulance handovers must be timely.'];
    const passages = lines.map((line) => `${line} The coroner heard that this had happened before.`);
    const share = (texts: string[]) => singleSentenceShare(normaliseRecords(texts.map((text, i) => record(i, text)), normaliser, settings).sentenceTerms);
    expect(share(lines)).toBe(1);
    expect(share(passages)).toBe(0);
    expect(share([...lines, ...passages.slice(0, 1)])).toBe(0.75);
  });
});
