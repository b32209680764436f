import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packSentenceTerms } from '../../src/normalise/sentence-terms.js';

describe('packSentenceTerms', () => {
  it('gives back every record’s sentences’ terms as they were packed', () => {
    const term = fc.constantFrom('ligatur', 'ward', 'staff', 'train', 'handov', 'delay', 'ligatur point', '');
    const records = fc.array(fc.array(fc.array(term, { maxLength: 6 }), { maxLength: 5 }), { maxLength: 12 });
    fc.assert(
      fc.property(records, (perRecord) => {
        const packed = packSentenceTerms(perRecord);
        expect(packed.length).toBe(perRecord.length);
        perRecord.forEach((sentences, record) => {
          expect(packed.of(record)).toEqual(sentences);
          expect(packed.numbersOf(record).map((numbers) => Array.from(numbers, (n) => packed.vocabulary[n]))).toEqual(sentences);
          expect(packed.sentencesWithTerms(record)).toBe(sentences.filter((terms) => terms.length > 0).length);
        });
      }),
    );
  });

  it('reads each sentence’s terms through termsOf, so sentences as read need not be copied', () => {
    const read = [[{ terms: ['ligatur', 'point'], folded: 'ligature points' }], [], [{ terms: [], folded: '.' }, { terms: ['staff'], folded: 'staff' }]];
    const packed = packSentenceTerms(read, (sentence) => sentence.terms);
    expect([0, 1, 2].map((record) => packed.of(record))).toEqual([[['ligatur', 'point']], [], [[], ['staff']]]);
    expect([0, 1, 2].map((record) => packed.sentencesWithTerms(record))).toEqual([1, 0, 1]);
  });
});
