import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecipientOverlap, recipientParts } from '../../src/normalise/recipients.js';

describe('recipientParts', () => {
  it('splits a recipient field into bodies, case- and spacing-blind, each once', () => {
    expect(recipientParts('NHS  England | Care Quality Commission; nhs england')).toEqual(['care quality commission', 'nhs england']);
    expect(recipientParts('  ')).toEqual([]);
  });
});

describe('createRecipientOverlap', () => {
  const records = [
    { source: 'report-1', recipient: 'NHS England' },
    { source: 'report-2', recipient: 'nhs england | Care Quality Commission' },
    { source: 'report-3', recipient: 'Department for Transport' },
    { source: 'report-1', recipient: 'NHS England' },
    { source: 'report-4', recipient: '' },
  ];
  const overlap = createRecipientOverlap(records);

  it('is the Jaccard overlap of the bodies named, across sources', () => {
    expect(overlap(0, 1)).toBeCloseTo(0.5);
    expect(overlap(0, 2)).toBe(0);
  });

  it('counts nothing within one source (every item of a report shares its recipient)', () => {
    expect(overlap(0, 3)).toBe(0);
  });

  it('counts nothing when either side names no recipient', () => {
    expect(overlap(0, 4)).toBe(0);
    expect(overlap(4, 4)).toBe(0);
  });

  it('is symmetric and between 0 and 1 for any fields', () => {
    const field = fc.array(fc.constantFrom('NHS England', 'nhs england', 'CQC', 'DHSC', ' ', ''), { maxLength: 4 }).map((parts) => parts.join(' | '));
    fc.assert(
      fc.property(field, field, fc.boolean(), (a, b, sameSource) => {
        const pair = createRecipientOverlap([
          { source: 's1', recipient: a },
          { source: sameSource ? 's1' : 's2', recipient: b },
        ]);
        const value = pair(0, 1);
        expect(value).toBe(pair(1, 0));
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        if (sameSource) expect(value).toBe(0);
      }),
    );
  });
});
