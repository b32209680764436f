import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionsOppose, createActionFinder, createOppositionTest, createNormaliser, parseAliasTables, tokenizeWords } from '../../src/normalise/index.js';

const normaliser = createNormaliser(parseAliasTables([]));
const finder = createActionFinder(normaliser.termOfWord);
const actionsOf = (text: string) => finder.actionsOf(tokenizeWords(text));

describe('actions', () => {
  it('finds the verb after a modal, through fillers, and its direction', () => {
    expect(actionsOf('Trusts should also urgently introduce a register.')).toEqual([{ verb: 'introduc', negated: false }]);
    expect(actionsOf('Trusts should not introduce a register.')).toEqual([{ verb: 'introduc', negated: true }]);
    expect(actionsOf('NHS England needs to no longer fund it.')).toEqual([{ verb: 'fund', negated: true }]);
  });

  it('folds a verb onto the positive side of its opposite', () => {
    expect(actionsOf('The Department should withdraw the register.')).toEqual([{ verb: 'introduc', negated: true }]);
    expect(actionsOf('Boards must not reduce staffing.')).toEqual([{ verb: 'increas', negated: false }]);
  });

  it('finds nothing without a modal, or when a number stands where the verb would be', () => {
    expect(actionsOf('There was no register of ligature points.')).toEqual([]);
    expect(actionsOf('Response within 56 days: you must 56 days.')).toEqual([]);
  });

  it('opposes asks for one verb in opposite directions, and nothing else', () => {
    const introduce = actionsOf('should introduce a register');
    expect(actionsOppose(introduce, actionsOf('should not introduce a register'))).toBe(true);
    expect(actionsOppose(introduce, actionsOf('should withdraw the register'))).toBe(true);
    expect(actionsOppose(actionsOf('should not introduce it'), actionsOf('should withdraw it'))).toBe(false);
    expect(actionsOppose(introduce, actionsOf('should review the register'))).toBe(false);
    expect(actionsOppose(introduce, [])).toBe(false);
  });

  it('does not oppose a text that asks for a verb both ways (hedging, not opposing)', () => {
    const both = actionsOf('Trusts should introduce audits. They should not introduce fines.');
    expect(actionsOppose(both, actionsOf('should not introduce it'))).toBe(false);
  });

  it('is symmetric', () => {
    const texts = ['should introduce it', 'should not introduce it', 'must increase beds', 'must reduce beds', 'will review'];
    for (const a of texts) for (const b of texts) expect(actionsOppose(actionsOf(a), actionsOf(b))).toBe(actionsOppose(actionsOf(b), actionsOf(a)));
  });

  it('answers for documents by number exactly as actionsOppose does for their lists', () => {
    const action = fc.record({ verb: fc.constantFrom('introduc', 'increas', 'review', 'fund'), negated: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(action, { maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }), (lists, asked) => {
        const opposed = createOppositionTest((doc) => lists[doc], lists.length);
        for (const [x, y] of asked) {
          const [a, b] = [x % lists.length, y % lists.length];
          expect(opposed(a, b)).toBe(actionsOppose(lists[a], lists[b]));
        }
      }),
    );
  });
});
