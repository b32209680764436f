import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, resolveOptions, SENTENCE_COLLECTION_SHARE, settingsForTextUnit, TEXT_UNIT_DEFAULTS } from '../src/options.js';

describe('the text unit and the settings it implies', () => {
  it('reads a collection as sentences from the share of one-sentence items up, else as paragraphs', () => {
    expect(settingsForTextUnit(DEFAULT_OPTIONS, SENTENCE_COLLECTION_SHARE)).toMatchObject({ textUnit: 'sentence', ...TEXT_UNIT_DEFAULTS.sentence });
    expect(settingsForTextUnit(DEFAULT_OPTIONS, 1)).toMatchObject({ textUnit: 'sentence', ...TEXT_UNIT_DEFAULTS.sentence });
    expect(settingsForTextUnit(DEFAULT_OPTIONS, SENTENCE_COLLECTION_SHARE - 0.01)).toMatchObject({ textUnit: 'paragraph', ...TEXT_UNIT_DEFAULTS.paragraph });
    expect(settingsForTextUnit(DEFAULT_OPTIONS, 0)).toMatchObject({ textUnit: 'paragraph', ...TEXT_UNIT_DEFAULTS.paragraph });
  });

  it('takes the unit it is told, whatever the collection', () => {
    expect(settingsForTextUnit({ ...DEFAULT_OPTIONS, textUnit: 'paragraph' }, 1)).toMatchObject({ textUnit: 'paragraph', ...TEXT_UNIT_DEFAULTS.paragraph });
    expect(settingsForTextUnit({ ...DEFAULT_OPTIONS, textUnit: 'sentence' }, 0)).toMatchObject({ textUnit: 'sentence', ...TEXT_UNIT_DEFAULTS.sentence });
  });

  it('lets a given threshold or character weight win over the unit, each on its own', () => {
    const cut = settingsForTextUnit({ ...DEFAULT_OPTIONS, threshold: 0.4 }, 1);
    expect(cut).toMatchObject({ textUnit: 'sentence', threshold: 0.4, charWeight: TEXT_UNIT_DEFAULTS.sentence.charWeight });
    const weight = settingsForTextUnit({ ...DEFAULT_OPTIONS, charWeight: 0 }, 0);
    expect(weight).toMatchObject({ textUnit: 'paragraph', threshold: TEXT_UNIT_DEFAULTS.paragraph.threshold, charWeight: 0 });
  });

  it('leaves every other option as it was', () => {
    const { threshold: _t, charWeight: _c, textUnit: _u, ...rest } = settingsForTextUnit({ ...DEFAULT_OPTIONS, themeThreshold: 0.2 }, 0.5);
    const { textUnit: _d, ...others } = { ...DEFAULT_OPTIONS, themeThreshold: 0.2 };
    expect(rest).toEqual(others);
  });
});

describe('resolveOptions', () => {
  it('leaves the threshold and character weight to the text unit unless given, and checks them when given', () => {
    const resolved = resolveOptions({});
    expect(resolved.threshold).toBeUndefined();
    expect(resolved.charWeight).toBeUndefined();
    expect(resolved.textUnit).toBe('auto');
    expect(resolveOptions({ threshold: 0.5 }).threshold).toBe(0.5);
    expect(() => resolveOptions({ threshold: 1.5 })).toThrow(/threshold must be a number from 0 to 1, got 1.5/);
    expect(() => resolveOptions({ charWeight: -0.1 })).toThrow(/charWeight must be a number from 0 to 1/);
  });

  it('names an unknown text unit and the ones there are', () => {
    expect(() => resolveOptions({ textUnit: 'word' as never })).toThrow(/textUnit must be one of auto, paragraph, sentence, got word/);
  });
});
