/**
 * Each record's sentences' terms, kept from normalising to the report, where a group's label is
 * chosen by them. Kept as arrays of strings they cost about 530 bytes an item on the heap (an array
 * per sentence and per record, a pointer per term); as term numbers in one flat array, about a
 * quarter of that. A million items are where that difference decides whether the run fits.
 */
export interface SentenceTerms {
  /** How many records. */
  readonly length: number;
  /** Every distinct term, by its number. */
  readonly vocabulary: readonly string[];
  /** The record's sentences' terms, sentence by sentence, as they were read. */
  of(record: number): string[][];
  /**
   * The same terms as numbers into `vocabulary`, a view per sentence: a reader that looks terms
   * up (a group's label, for every group of a run) then makes no strings and hashes none.
   */
  numbersOf(record: number): Uint32Array[];
  /** How many of the record's sentences have any terms. */
  sentencesWithTerms(record: number): number;
}

/**
 * `perRecord[record]` are the record's sentences; `termsOf` reads a sentence's terms (by default
 * the sentence is its terms), so the sentences as read need not be copied to be packed.
 */
export function packSentenceTerms<S = readonly string[]>(
  perRecord: readonly (readonly S[])[],
  termsOf: (sentence: S) => readonly string[] = (sentence) => sentence as readonly string[],
): SentenceTerms {
  let sentenceCount = 0;
  let termCount = 0;
  for (const sentences of perRecord) {
    sentenceCount += sentences.length;
    for (const sentence of sentences) termCount += termsOf(sentence).length;
  }
  const recordStart = new Uint32Array(perRecord.length + 1);
  const sentenceStart = new Uint32Array(sentenceCount + 1);
  const termIds = new Uint32Array(termCount);
  const texts: string[] = [];
  const idOf = new Map<string, number>();
  let sentence = 0;
  let term = 0;
  perRecord.forEach((sentences, record) => {
    recordStart[record] = sentence;
    for (const read of sentences) {
      sentenceStart[sentence++] = term;
      for (const text of termsOf(read)) termIds[term++] = idOfTerm(text, idOf, texts);
    }
  });
  recordStart[perRecord.length] = sentence;
  sentenceStart[sentenceCount] = term;
  return {
    length: perRecord.length,
    vocabulary: texts,
    of(record) {
      const sentences: string[][] = [];
      for (let s = recordStart[record]; s < recordStart[record + 1]; s++) {
        const terms: string[] = [];
        for (let t = sentenceStart[s]; t < sentenceStart[s + 1]; t++) terms.push(texts[termIds[t]]);
        sentences.push(terms);
      }
      return sentences;
    },
    numbersOf(record) {
      const sentences: Uint32Array[] = [];
      for (let s = recordStart[record]; s < recordStart[record + 1]; s++) sentences.push(termIds.subarray(sentenceStart[s], sentenceStart[s + 1]));
      return sentences;
    },
    sentencesWithTerms(record) {
      let count = 0;
      for (let s = recordStart[record]; s < recordStart[record + 1]; s++) if (sentenceStart[s + 1] > sentenceStart[s]) count++;
      return count;
    },
  };
}

/** The term's number in `texts`, numbered where first seen (added to both when new). */
export function idOfTerm(text: string, idOf: Map<string, number>, texts: string[]): number {
  let id = idOf.get(text);
  if (id === undefined) {
    id = texts.length;
    idOf.set(text, id);
    texts.push(text);
  }
  return id;
}
