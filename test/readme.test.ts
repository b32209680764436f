import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, TEXT_UNIT_DEFAULTS } from '../src/options.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The options table must not drift from the defaults object. */
describe('README options table', () => {
  const rows: [string, keyof typeof DEFAULT_OPTIONS][] = [
    ['--theme-threshold <0..1>', 'themeThreshold'],
    ['--min-sources <n>', 'minSources'],
    ['--format <format>', 'format'],
    ['--top <n>', 'top'],
    ['--text-unit <unit>', 'textUnit'],
    ['--bigram-weight <w>', 'bigramWeight'],
    ['--theme-neighbours <n>', 'themeNeighbours'],
    ['--shared-neighbour-boost <w>', 'sharedNeighbourBoost'],
    ['--opposition-penalty <0..1>', 'oppositionPenalty'],
    ['--threads <n>', 'threads'],
  ];
  const defaultCell = (flag: string) => {
    const row = README.split('\n').find((line) => line.startsWith(`| \`${flag}\``));
    expect(row, `no README row for ${flag}`).toBeDefined();
    return row!.split('|')[2].trim();
  };
  it.each(rows)('%s shows the default of %s', (flag, key) => {
    expect(defaultCell(flag)).toBe(String(DEFAULT_OPTIONS[key]));
  });
  it.each([
    ['--threshold <0..1>', 'threshold'],
    ['--char-weight <0..1>', 'charWeight'],
  ] as const)('%s shows the default of %s for each text unit', (flag, key) => {
    expect(defaultCell(flag)).toBe(`${TEXT_UNIT_DEFAULTS.paragraph[key]} (paragraphs), ${TEXT_UNIT_DEFAULTS.sentence[key]} (sentences)`);
  });
});
