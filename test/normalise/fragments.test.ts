import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAddresseeTest, isContinuation, isCoverNote, isLeadIn, isUnfinishedClause } from '../../src/normalise/fragments.js';
import { createNormaliser, normaliseRecords, normaliseText, boilerplateFilter, parseAliasTables } from '../../src/normalise/index.js';
import type { RecordItem } from '../../src/types.js';
import { PROCEDURAL_PREAMBLE, UNRELATED_CONCERNS } from '../helpers.js';

const normaliser = () => createNormaliser(parseAliasTables([]));
const settings = { boilerplateMinSources: 4, boilerplateContextSimilarity: 0.1 };
const record = (id: string, source: string, text: string, recipient = ''): RecordItem => ({ id, source, text, recipient, year: 2024, status: '', origin: { file: 'test.csv', line: 1 } });

describe('isContinuation', () => {
  it('knows a sentence that goes on from the one before by its first word', () => {
    expect(isContinuation('Including, where appropriate, updating the estates returns.')).toBe(true);
    expect(isContinuation('and the board should review it.')).toBe(true);
    expect(isContinuation('– Or a named lead should be appointed.')).toBe(true);
  });

  it('leaves a sentence that stands alone, whatever words it holds later', () => {
    expect(isContinuation('The review should include staffing and training.')).toBe(false);
    expect(isContinuation('Android phones were not checked.')).toBe(false);
    expect(isContinuation('Inclusion criteria were unclear.')).toBe(false);
    expect(isContinuation('')).toBe(false);
  });
});

describe('isLeadIn and isUnfinishedClause', () => {
  it('tells a lead-in (colon) and a clause opened by a subordinating word and left at a comma', () => {
    expect(isLeadIn('The following matters remain: ')).toBe(true);
    expect(isLeadIn('The ward had no policy.')).toBe(false);
    expect(isUnfinishedClause('Although not identified as causative of the death in this case,')).toBe(true);
    expect(isUnfinishedClause('However, as indicated in Court today,')).toBe(true);
    expect(isUnfinishedClause('– Whilst the delay did not cause the death,')).toBe(true);
  });

  it('keeps a statement cut short at a comma: it still says what it is about', () => {
    expect(isUnfinishedClause('I believe that this matter should be looked at by the highways authority,')).toBe(false);
    expect(isUnfinishedClause('Although the ward was full.')).toBe(false);
  });
});

describe('isCoverNote', () => {
  it('finds a sentence that says what comes with the report', () => {
    expect(isCoverNote('In addition to this report, letters are enclosed from the medical directors of both trusts.')).toBe(true);
    expect(isCoverNote('I enclose a copy of the collision investigator’s report.')).toBe(true);
    expect(isCoverNote('We have also attached the action plan for ease of reference.')).toBe(true);
    expect(isCoverNote('An extract from his report is attached')).toBe(true);
  });

  it('leaves facts of the case that attach things, and an attachment named in brackets', () => {
    expect(isCoverNote('Guidance is attached to the form to assist GPs in completing it.')).toBe(false);
    expect(isCoverNote('The defibrillator pads were not attached appropriately.')).toBe(false);
    expect(isCoverNote('Pedestrians cannot see the filter light (a copy of the report is attached).')).toBe(false);
    expect(isCoverNote('The trust’s enclosed garden had ligature points.')).toBe(false);
    // A bracket the split left open is an aside to the end of the sentence.
    expect(isCoverNote('Markings on the road will show pedestrians which way to look (A copy of the report to me is appended for ease of reference.')).toBe(false);
  });

  it('leaves a long sentence that mentions an enclosure: a concern run on without full stops', () => {
    const runOn =
      'In my opinion action should be taken to prevent future deaths by way of serious case reviews being shared between agencies at an early stage so that a full picture of any risk identified can be produced and a copy of the chronology is attached';
    expect(runOn.split(' ').length).toBeGreaterThan(30);
    expect(isCoverNote(runOn)).toBe(false);
    // The same enclosure said in a sentence of its own is a cover note.
    expect(isCoverNote('A copy of the chronology is attached')).toBe(true);
    expect(isCoverNote('I attach the summing up in relation to this case, which essentially involves a patient who was lost to follow up after a scan.')).toBe(true);
  });
});

describe('createAddresseeTest', () => {
  const isAddressee = createAddresseeTest(['Zedwick Valley NHS Foundation Trust | Department of Health and Social Care', 'Harrowby Council'], normaliser().lookupTerms);
  const terms = (text: string) => normaliser().lookupTerms(text);

  it('finds a line that only names a recipient of the collection, or most of one', () => {
    expect(isAddressee(terms('2 Zedwick Valley NHS Foundation Trust.'))).toBe(true);
    expect(isAddressee(terms('Zedwick Valley Trust'))).toBe(true);
    expect(isAddressee(terms('Harrowby Council'))).toBe(true);
  });

  it('leaves a concern that mentions a recipient, and a few words shared with a long name', () => {
    expect(isAddressee(terms('Zedwick Valley NHS Foundation Trust did not review the ligature risk assessment.'))).toBe(false);
    expect(isAddressee(terms('Social care'))).toBe(false);
    expect(isAddressee([])).toBe(false);
  });

  it('never holds for words outside every recipient name', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('ligature', 'ward', 'staff', 'discharge', 'ambulance'), { minLength: 1, maxLength: 6 }), (words) => !isAddressee(terms(words.join(' ')))),
    );
  });
});

describe('normaliseRecords: fragments a split leaves state no concern', () => {
  const records = [
    record('a1', 'A', 'Ligature anchor points on the ward were not identified.', 'Zedwick Valley NHS Foundation Trust'),
    record('a2', 'A', '2 Zedwick Valley NHS Foundation Trust.', 'Zedwick Valley NHS Foundation Trust'),
    record('a3', 'A', 'Although not identified as causative of the death in this case,', 'Zedwick Valley NHS Foundation Trust'),
    record('a4', 'A', 'Agency nurses had no induction. The following further matters arose:', 'Zedwick Valley NHS Foundation Trust'),
    record('a5', 'A', 'That there may be gaps in the training of paramedics:', 'Zedwick Valley NHS Foundation Trust'),
  ];
  const { items } = normaliseRecords(records, normaliser(), settings);

  it('an addressee line and a lone unfinished clause are kept but never grouped', () => {
    expect(items.map((item) => item.boilerplateOnly)).toEqual([false, true, true, false, false]);
    expect(items[1].terms).toEqual([]);
    expect(items[2].terms).toEqual([]);
  });

  it('a lead-in at the end of an item loses its words; a lead-in that is the whole item keeps them', () => {
    expect(items[3].terms).toEqual(normaliser().lookupTerms('Agency nurses had no induction.'));
    expect(items[4].terms).toEqual(normaliser().lookupTerms('That there may be gaps in the training of paramedics'));
  });

  it('a lead-in after nothing but boilerplate announces a list and states no concern', () => {
    // As in the PFD data: "… giving rise to concern. My investigation reveals two relevant concerns:"
    const collection = [
      ...UNRELATED_CONCERNS.map((topic, i) => record(`t${i}`, `report-${i}`, `${PROCEDURAL_PREAMBLE} ${topic}`)),
      record('lead', 'report-9', `${PROCEDURAL_PREAMBLE} My investigation reveals two relevant matters for the council:`),
    ];
    const read = normaliseRecords(collection, normaliser(), settings);
    expect(read.boilerplate.length).toBe(1);
    expect(read.items.map((item) => item.boilerplateOnly)).toEqual([...UNRELATED_CONCERNS.map(() => false), true]);
  });

  it('a question is read as written, even when it is only a fragment', () => {
    const filter = boilerplateFilter([], settings.boilerplateMinSources);
    expect(normaliseText('Although not identified as causative of the death in this case,', normaliser(), filter).terms.length).toBeGreaterThan(0);
    expect(normaliseText('Zedwick Valley NHS Foundation Trust', normaliser(), filter).terms.length).toBeGreaterThan(0);
  });
});
