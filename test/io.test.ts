import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodedBatches } from '../src/io.js';

const concat = (batches: Iterable<Uint8Array>) => Buffer.concat([...batches]);

describe('encodedBatches', () => {
  it('gives the UTF-8 of the pieces joined, in batches no larger than asked unless one piece is', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), fc.integer({ min: 3, max: 64 }), (pieces, batchBytes) => {
        const batches = [...encodedBatches(pieces, batchBytes)];
        expect(concat(batches).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
        const longest = Math.max(0, ...pieces.map((p) => Buffer.byteLength(p) + 3));
        for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(Math.max(batchBytes, longest));
      }),
    );
  });

  it('writes a character cut between two pieces whole', () => {
    const pieces = ['a\uD83D', '\uDE00b'];
    expect(concat(encodedBatches(pieces, 8)).toString('utf8')).toBe('a\u{1F600}b');
  });

  it('yields nothing for nothing', () => {
    expect([...encodedBatches(['', ''])]).toEqual([]);
  });
});
