import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../src/options.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The options table must not drift from the defaults object. */
describe('README options table', () => {
  const rows: [string, keyof typeof DEFAULT_OPTIONS][] = [
    ['--threshold <0..1>', 'threshold'],
    ['--theme-threshold <0..1>', 'themeThreshold'],
    ['--min-sources <n>', 'minSources'],
    ['--format <format>', 'format'],
    ['--top <n>', 'top'],
    ['--char-weight <0..1>', 'charWeight'],
    ['--bigram-weight <w>', 'bigramWeight'],
    ['--theme-neighbours <n>', 'themeNeighbours'],
    ['--shared-neighbour-boost <w>', 'sharedNeighbourBoost'],
    ['--opposition-penalty <0..1>', 'oppositionPenalty'],
    ['--threads <n>', 'threads'],
  ];
  it.each(rows)('%s shows the default of %s', (flag, key) => {
    const row = README.split('\n').find((line) => line.startsWith(`| \`${flag}\``));
    expect(row, `no README row for ${flag}`).toBeDefined();
    expect(row!.split('|')[2].trim()).toBe(String(DEFAULT_OPTIONS[key]));
  });
});
