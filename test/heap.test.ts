import { describe, expect, it } from 'vitest';
import { inputBytes, LARGE_INPUT_BYTES, largerHeapMb } from '../src/heap.js';

const sizes: Record<string, number> = { 'in.csv': 1000, 'more.csv': 500, 'report.json': 90_000_000 };
const sizeOf = (name: string) => sizes[name];
const GB = 2 ** 30;

describe('inputBytes', () => {
  it('adds the sizes of the files named', () => {
    expect(inputBytes(['themes', 'in.csv', 'more.csv', '--format', 'json'], sizeOf)).toBe(1500);
  });

  it('does not count the file --out writes, however large it already is', () => {
    expect(inputBytes(['themes', 'in.csv', '--out', 'report.json'], sizeOf)).toBe(1000);
    expect(inputBytes(['themes', '--out', 'report.json', 'in.csv'], sizeOf)).toBe(1000);
  });

  it('counts a file read through another option (a baseline report)', () => {
    expect(inputBytes(['themes', 'in.csv', '--baseline', 'report.json'], sizeOf)).toBe(90_001_000);
  });
});

describe('largerHeapMb', () => {
  it('asks for three quarters of the machine for a large input', () => {
    expect(largerHeapMb(LARGE_INPUT_BYTES + 1, 4096, 24 * GB)).toBe(18 * 1024);
  });

  it('runs small inputs in this process', () => {
    expect(largerHeapMb(LARGE_INPUT_BYTES, 4096, 24 * GB)).toBeUndefined();
  });

  it('keeps a heap already raised (the re-run itself, or NODE_OPTIONS)', () => {
    expect(largerHeapMb(LARGE_INPUT_BYTES + 1, 18 * 1024, 24 * GB)).toBeUndefined();
  });
});
