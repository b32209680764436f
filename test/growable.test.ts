import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growableArray, grownArray } from '../src/growable.js';

describe('growable arrays', () => {
  it('keep their elements and give zeros after them, however they are grown', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 300 }), fc.nat({ max: 8 }), (values, start) => {
        let array = growableArray(Int32Array, start);
        values.forEach((value, i) => {
          if (i >= array.length) array = grownArray(array, i + 1);
          array[i] = value;
        });
        expect([...array.subarray(0, values.length)]).toEqual(values);
        expect(array.subarray(values.length).every((v) => v === 0)).toBe(true);
      }),
    );
  });

  it('grow in place: the memory is the same, so an earlier view stays valid and sees later writes', () => {
    const small = growableArray(Float64Array, 4);
    small[3] = 1.5;
    const large = grownArray(small, 100);
    expect(large.buffer).toBe(small.buffer);
    expect(large.length).toBe(100);
    expect(large[3]).toBe(1.5);
    large[2] = 7;
    expect(small[2]).toBe(7);
  });

  it('at least double, so appending one at a time is amortised', () => {
    expect(grownArray(growableArray(Uint16Array, 10), 11).length).toBe(20);
    expect(grownArray(growableArray(Uint16Array, 10), 50).length).toBe(50);
  });

  it('copy an ordinary array into a growable one', () => {
    const plain = Float32Array.from([1, 2, 3]);
    const grown = grownArray(plain, 4);
    expect(grown.buffer).not.toBe(plain.buffer);
    expect([...grown]).toEqual([1, 2, 3, 0, 0, 0]);
    expect(grownArray(grown, 7).buffer).toBe(grown.buffer);
  });
});
