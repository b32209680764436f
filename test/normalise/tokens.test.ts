import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldSpelling, foldText, oneByteWherePossible } from '../../src/normalise/fold.js';
import { createNormaliser, parseAliasTables, splitSentences, withoutListMarker } from '../../src/normalise/index.js';

const aliases = parseAliasTables(['DHSC\tdepartment of health and social care\tdepartment of health\nNHS England\tnhse\nNHS\tnational health service\nICB\tintegrated care board\ticbs']);

describe('foldText', () => {
  it('folds compatibility forms, quotes, dashes, spaces and case', () => {
    expect(foldText('\uFF2E\uFF28\uFF33 “Trust’s”\u2014plan\u00A0\n now')).toBe('nhs "trust\'s"-plan now');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (text) => foldText(foldText(text)) === foldText(text)));
  });
});

describe('oneByteWherePossible', () => {
  it('gives back the same characters, whatever they are', () => {
    // Latin-1 letters, characters past it, lone surrogates and pairs: the storage may change, the text never.
    const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'é', '\u00FF', '\u0100', '’', '\uD800', '\uDC00'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) });
    fc.assert(fc.property(anyText, (text) => oneByteWherePossible(text) === text));
  });
});

describe('foldSpelling', () => {
  it('takes words that name object properties as plain words', () => {
    expect(foldSpelling('constructor')).toBe('constructor');
  });

  it('maps British spellings to the American ones', () => {
    const pairs = [['organisation', 'organization'], ['behaviour', 'behavior'], ['centre', 'center'], ['paediatric', 'pediatric'], ['analyse', 'analyze'], ['programme', 'program'], ['licence', 'license']];
    for (const [british, american] of pairs) expect(foldSpelling(british)).toBe(foldSpelling(american));
  });

  it('leaves short words alone', () => {
    expect(foldSpelling('four')).toBe('four');
    expect(foldSpelling('hour')).toBe('hour');
  });
});

describe('normaliser', () => {
  const normaliser = createNormaliser(aliases);

  it('resolves aliases to one canonical term, longest variant first', () => {
    expect(normaliser.terms('The Department of Health and Social Care and NHSE should act')).toEqual(normaliser.terms('DHSC and NHS England should act'));
    expect(normaliser.terms('national health service')).toEqual(['nhs']);
    expect(normaliser.terms('Integrated Care Boards')).toEqual(normaliser.terms('ICBs'));
  });

  it('keeps numbers and reference ids, drops stop words and list markers', () => {
    expect(normaliser.terms('(ii) See R/2025/063 and the A19, b) within 24 hours')).toEqual(['see', 'r/2025/063', 'a19', '24', 'hour']);
  });

  it('stems inflections and folds spelling to one term', () => {
    expect(normaliser.terms('organisations organised')).toEqual(normaliser.terms('organization organize'));
  });

  it('shows the most frequent original word for a term', () => {
    const fresh = createNormaliser(aliases);
    fresh.terms('monitoring monitoring monitored');
    expect(fresh.display(fresh.terms('monitoring')[0])).toBe('monitoring');
    expect(fresh.display('dhsc')).toBe('DHSC');
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('ward', 'wards', 'staff', 'training', 'NHS', 'should', 'ligature', 'risks', '2024', 'the'), { maxLength: 12 }), (words) => {
        const once = normaliser.terms(words.join(' '));
        return normaliser.terms(once.join(' ')).length <= once.length;
      }),
    );
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends, blank lines and list markers, not at soft wraps or Mr.', () => {
    expect(splitSentences('The evidence revealed matters giving rise\nto concern. Mr. Smith agreed.\n1. Train staff;\n(a) first\n\nNew')).toEqual([
      'The evidence revealed matters giving rise\nto concern.',
      'Mr. Smith agreed.',
      '1. Train staff;',
      '(a) first',
      'New',
    ]);
  });
});

describe('splitSentences: numbered items run on after a comma', () => {
  it('breaks before a numbered item that follows a comma (web copies lose the line breaks)', () => {
    expect(splitSentences('Although not identified as causative of the death in this case, \u00AD 1. Evidence confirmed a lack of clarity.')).toEqual([
      'Although not identified as causative of the death in this case,',
      '1. Evidence confirmed a lack of clarity.',
    ]);
    expect(splitSentences('The concerns are these, 2) Staff were not trained.')).toEqual(['The concerns are these,', '2) Staff were not trained.']);
  });

  it('does not break at a comma before a number that opens no sentence, or before an initial', () => {
    for (const text of ['Sections 2, 3. and 4 apply.', 'We heard from Dr A, B. Smith and others.', 'In 2019, 12 people died.', 'Wards 3, 4 and 5 were closed.']) {
      expect(splitSentences(text)).toEqual([text]);
    }
  });
});

describe('withoutListMarker', () => {
  it('drops the numbered marker or bullet a sentence opens with, and the space after it', () => {
    expect(['1. Train staff.', '(a) first', 'ii) The road', 'iv. The lane', '• Speed limit', 'A. Lee Lane is narrow', '(12) Audit', '– 1. The birth', '\u00AD (1) The notes', '- 2. Lighting'].map(withoutListMarker)).toEqual([
      'Train staff.',
      'first',
      'The road',
      'The lane',
      'Speed limit',
      'Lee Lane is narrow',
      'Audit',
      'The birth',
      'The notes',
      'Lighting',
    ]);
  });

  it('leaves titles, decimals, a lone marker and text without a marker as they are', () => {
    for (const text of ['Mr. Smith agreed.', 'Dr. Jones said', '1.5 million people', 'The ward.', '1.', '(a)', 'I heard evidence', '-5 degrees', '– the road', '– 1.5 million people']) {
      expect(withoutListMarker(text)).toBe(text);
    }
  });
});
