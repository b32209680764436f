import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutFormTail } from '../../src/normalise/form.js';
import { createNormaliser, normaliseRecords, parseAliasTables } from '../../src/normalise/index.js';
import type { RecordItem } from '../../src/types.js';

const CONCERN = 'The meter shows a low reading as an error code that staff do not recognise.';
const SECTION_6 = 'In my opinion action should be taken to prevent future deaths and I believe you have the power to take such action.';
const SECTION_7 = 'You are under a duty to respond to this report within 56 days of the date of this report. I, the coroner, may extend the period.';

describe('withoutFormTail', () => {
  it('cuts from an inline, numbered YOUR RESPONSE heading, keeping section 6', () => {
    const text = `${CONCERN} 6 ACTION SHOULD BE TAKEN ${SECTION_6} 7 YOUR RESPONSE ${SECTION_7} 8 COPIES and PUBLICATION I have sent a copy of my report.`;
    expect(withoutFormTail(text)).toBe(`${CONCERN} 6 ACTION SHOULD BE TAKEN ${SECTION_6}`);
  });

  it('cuts from the heading on a line of its own', () => {
    const text = `${CONCERN}\n\nACTION SHOULD BE TAKEN\n\n${SECTION_6}\n\nYOUR RESPONSE\n\n${SECTION_7}`;
    expect(withoutFormTail(text)).toBe(`${CONCERN}\n\nACTION SHOULD BE TAKEN\n\n${SECTION_6}`);
  });

  it('leaves "your response" in a sentence, or in capitals inside one, alone', () => {
    for (const text of [
      `${CONCERN} I ask that your response sets out the timetable.`,
      `${CONCERN} Your response to the audit was late.`,
      `The letter headed YOUR RESPONSE Was never sent to the family.`,
    ]) {
      expect(withoutFormTail(text)).toBe(text);
    }
  });

  it('gives a prefix of any text, and changes nothing without the heading', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('', ' 7 YOUR RESPONSE You are', '\nYOUR RESPONSE\nYou'), fc.string(), (before, heading, after) => {
        const text = before + heading + after;
        const kept = withoutFormTail(text);
        expect(text.startsWith(kept)).toBe(true);
        if (!text.includes('YOUR RESPONSE')) expect(kept).toBe(text);
      }),
    );
  });

  it('keeps the form tail out of a record\'s terms', () => {
    const record: RecordItem = { id: 'a', source: 's', year: null, recipient: '', status: '', text: `${CONCERN} 7 YOUR RESPONSE ${SECTION_7}`, origin: { file: 'x.csv', line: 2 } };
    const normaliser = createNormaliser(parseAliasTables([]));
    const [item] = normaliseRecords([record], normaliser, { boilerplateMinSources: 4, boilerplateContextSimilarity: 0.1 }).items;
    expect(item.terms).toContain('meter');
    expect(item.terms).not.toContain('duti');
    expect(item.terms).not.toContain('respond');
  });
});
