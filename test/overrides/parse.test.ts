import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseOverrides } from '../../src/overrides/index.js';

/** The error's message ("file:line:column: reason"), or a failure if nothing was thrown. */
function errorOf(text: string, file = 'overrides.yaml'): string {
  try {
    parseOverrides(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseOverrides', () => {
  it('reads every section of a YAML file, each entry with its position', () => {
    const text = [
      'mustLink:',
      '  - [a, b]',
      'cannotLink:',
      '  - [c, d]',
      'pin:',
      '  e: g-123',
      'rename:',
      '  g-123: "Staff   training"',
      '  t-456: Observation',
      '',
    ].join('\n');
    const overrides = parseOverrides(text, 'o.yaml');
    expect(overrides.file).toBe('o.yaml');
    expect(overrides.mustLink).toEqual([{ ids: ['a', 'b'], at: { line: 2, column: 5 } }]);
    expect(overrides.cannotLink).toEqual([{ ids: ['c', 'd'], at: { line: 4, column: 5 } }]);
    expect(overrides.pin).toEqual([{ item: 'e', group: 'g-123', at: { line: 6, column: 3 } }]);
    // Whitespace in labels is collapsed, as every label the report makes is.
    expect(overrides.rename.map(({ id, label }) => [id, label])).toEqual([
      ['g-123', 'Staff training'],
      ['t-456', 'Observation'],
    ]);
  });

  it('keeps ids as written: numbers with leading zeros, dates, slashes (YAML failsafe schema)', () => {
    const overrides = parseOverrides('mustLink: [[007, 2016-0172], [R/2025/063, "1.50"]]\n', 'o.yml');
    expect(overrides.mustLink.map((e) => e.ids)).toEqual([
      ['007', '2016-0172'],
      ['R/2025/063', '1.50'],
    ]);
  });

  it('reads JSON by extension, numbers as written', () => {
    const overrides = parseOverrides('{ "mustLink": [["a", 12]], "pin": { "x": "g-1" }, "rename": {} }', 'o.json');
    expect(overrides.mustLink.map((e) => e.ids)).toEqual([['a', '12']]);
    expect(overrides.pin.map((p) => [p.item, p.group])).toEqual([['x', 'g-1']]);
  });

  it('an empty file, a BOM, a comment or empty sections override nothing', () => {
    for (const text of ['', '\uFEFF', '# nothing yet\n', 'mustLink:\npin:\nrename: ~\n', 'cannotLink: []\n']) {
      const overrides = parseOverrides(text, 'o.yaml');
      expect([overrides.mustLink, overrides.cannotLink, overrides.pin, overrides.rename]).toEqual([[], [], [], []]);
    }
  });

  it('names the file, line and column of a YAML syntax error', () => {
    expect(errorOf('pin:\n  a: g-1\n  a: g-2\n')).toMatch(/^overrides\.yaml:3:3: not valid YAML: Map keys must be unique/);
    expect(errorOf('mustLink: [[a, b]\nrename: {}\n')).toMatch(/^overrides\.yaml:\d+:\d+: not valid YAML: /);
  });

  it('names the file, line and column of a JSON syntax error', () => {
    expect(errorOf('{\n  "mustLink": [["a", "b"]]\n  "pin": {}\n}\n', 'o.json')).toMatch(/^o\.json:3:3: not valid JSON: /);
  });

  it('an unknown key is an error at the key, naming the expected ones', () => {
    expect(errorOf('mustLink: []\nmustlink: [[a, b]]\n')).toBe('overrides.yaml:2:1: unknown key "mustlink" (expected mustLink, cannotLink, pin, rename)');
  });

  it('a wrong shape is an error at the offending value, saying what was expected', () => {
    expect(errorOf('- a\n- b\n')).toMatch(/^overrides\.yaml:1:1: expected a mapping with the keys mustLink, cannotLink, pin, rename/);
    expect(errorOf('mustLink: {a: b}\n')).toMatch(/^overrides\.yaml:1:11: mustLink must be a list of id pairs/);
    expect(errorOf('cannotLink:\n  - [a, b]\n  - [c]\n')).toMatch(/^overrides\.yaml:3:5: each cannotLink entry must be a pair of two item ids/);
    expect(errorOf('cannotLink:\n  - [a, b, c]\n')).toMatch(/^overrides\.yaml:2:5: each cannotLink entry must be a pair/);
    expect(errorOf('mustLink: [[a, [b]]]\n')).toMatch(/^overrides\.yaml:1:16: expected an item id in mustLink, as plain text/);
    expect(errorOf('mustLink: [[a, a]]\n')).toMatch(/^overrides\.yaml:1:12: a mustLink pair needs two different ids, got "a" twice/);
    expect(errorOf('pin: [a, g-1]\n')).toMatch(/^overrides\.yaml:1:6: pin must be a mapping of item id to group id/);
    expect(errorOf('pin:\n  a: [g-1]\n')).toMatch(/^overrides\.yaml:2:6: expected the group id item "a" is pinned to, as plain text/);
    expect(errorOf('rename:\n  g-1: ""\n')).toMatch(/^overrides\.yaml:2:8: expected the new label of "g-1", got an empty value/);
  });
});
