import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/ingest/decode.js';

/** `text` as UTF-16 bytes in either byte order, with or without a byte-order mark. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (order === 'be') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(le);
}

describe('decodeInput: UTF-16, as spreadsheets export "Unicode text"', () => {
  const table = 'id\ttext\nA1\tTrusts should audit \u201cligature points\u201d \u2013 every month.\n';

  it.each([
    ['le', true, /decoded as UTF-16 \(little-endian\)/],
    ['be', true, /decoded as UTF-16 \(big-endian\)/],
    ['le', false, /decoded as UTF-16 \(little-endian, no byte-order mark\)/],
    ['be', false, /decoded as UTF-16 \(big-endian, no byte-order mark\)/],
  ] as const)('%s-endian, byte-order mark %s: the same text as UTF-8, with a warning', (order, bom, warning) => {
    const decoded = decodeInput(utf16(table, order, bom), 'u.tsv');
    expect(decoded.text).toBe(table);
    expect(decoded.utf8).toBeUndefined();
    expect(decoded.warnings.map((w) => w.message)).toEqual([expect.stringMatching(warning)]);
  });

  it('gives back any text saved as UTF-16 with a byte-order mark', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom('le' as const, 'be' as const), (text, order) => {
        expect(decodeInput(utf16(text, order, true), 'u.csv').text).toBe(text);
      }),
    );
  });

  it('still refuses binary files whose NUL bytes do not fall every other byte', () => {
    expect(() => decodeInput(Uint8Array.from([0x61, 0x00, 0x00, 0x62, 0x63, 0x64, 0x00, 0x00]), 'bin.csv')).toThrowError(/^bin\.csv:1:2: not a text file/);
  });

  it('refuses text that looks like UTF-16 without a byte-order mark but has an odd number of bytes', () => {
    const bytes = utf16('id,text\nA1,x\n', 'le', false);
    expect(() => decodeInput(bytes.subarray(0, bytes.length - 1), 'cut.csv')).toThrowError(/^cut\.csv:1:2: not a text file/);
  });

  it('refuses a file that starts with a UTF-16 byte-order mark but is not UTF-16, naming the mark', () => {
    const lone = Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x62, 0x00]);
    expect(() => decodeInput(lone, 'lone.csv')).toThrowError(/^lone\.csv:1:1: starts with a UTF-16 \(little-endian\) byte-order mark but is not valid UTF-16$/);
    expect(() => decodeInput(Uint8Array.from([0xfe, 0xff, 0x00, 0x61, 0x00]), 'odd.csv')).toThrowError(/^odd\.csv:1:1: starts with a UTF-16 \(big-endian\)/);
  });

  it('leaves UTF-8 alone, without a warning', () => {
    const decoded = decodeInput(new TextEncoder().encode(table), 'u.tsv');
    expect(decoded.text).toBe(table);
    expect(decoded.warnings).toEqual([]);
  });
});
