import { describe, expect, it } from 'vitest';
import { parseBaseline, settingsChangedSince } from '../../src/history/baseline.js';

const report = (parameters?: Record<string, unknown>) =>
  JSON.stringify({ schemaVersion: 1, ...(parameters ? { parameters } : {}), themes: [{ id: 't-1', groups: [{ id: 'g-1' }] }], items: [{ id: 'a', group: 'g-1', theme: 't-1' }] });

describe('settingsChangedSince', () => {
  const now = { threshold: 0.53, themeThreshold: 0.1, charWeight: 0.8, textUnit: 'sentence' };

  it('says nothing when the baseline was made with the same settings', () => {
    expect(settingsChangedSince(parseBaseline(report(now), 'before.json'), now, 'before.json')).toEqual([]);
  });

  it('names each setting that differs, with both values, in one line naming the file', () => {
    const before = parseBaseline(report({ ...now, threshold: 0.35, charWeight: 0.3, textUnit: 'paragraph' }), 'before.json');
    expect(settingsChangedSince(before, now, 'before.json')).toEqual([
      {
        message:
          'before.json was made with threshold 0.35, charWeight 0.3, textUnit paragraph; this run has threshold 0.53, charWeight 0.8, textUnit sentence, so some changes since it come from the settings, not the data',
      },
    ]);
  });

  it('compares only the settings both reports name: an older report says nothing of a newer setting', () => {
    const { textUnit: _unit, ...older } = now;
    expect(settingsChangedSince(parseBaseline(report(older), 'old.json'), now, 'old.json')).toEqual([]);
    expect(settingsChangedSince(parseBaseline(report(), 'bare.json'), now, 'bare.json')).toEqual([]);
  });
});
