import { describe, expect, it } from 'vitest';
import { parseOverrides, resolveLinks } from '../../src/overrides/index.js';

const IDS = new Set(['a', 'b', 'c', 'd', 'e']);

describe('resolveLinks', () => {
  it('passes known pairs to the clustering and counts them as applied', () => {
    const links = resolveLinks(parseOverrides('mustLink: [[a, b]]\ncannotLink: [[c, d]]\n', 'o.yaml'), IDS);
    expect(links.constraints).toEqual({ mustLink: [['a', 'b']], cannotLink: [['c', 'd']] });
    expect(links.summary).toEqual({
      mustLink: { applied: 1, skipped: 0, pairs: [['a', 'b']] },
      cannotLink: { applied: 1, skipped: 0, pairs: [['c', 'd']] },
    });
    expect(links.warnings).toEqual([]);
  });

  it('skips a pair naming an unknown id, with one warning per unknown id naming file, line and column', () => {
    const text = 'mustLink:\n  - [a, x]\n  - [y, z]\ncannotLink:\n  - [b, w]\n';
    const links = resolveLinks(parseOverrides(text, 'o.yaml'), IDS);
    expect(links.constraints).toEqual({ mustLink: [], cannotLink: [] });
    expect(links.summary.mustLink).toEqual({ applied: 0, skipped: 2, pairs: [] });
    expect(links.summary.cannotLink).toEqual({ applied: 0, skipped: 1, pairs: [] });
    expect(links.warnings.map((w) => w.message)).toEqual([
      'o.yaml:2:5: unknown item id "x" in mustLink; the pair is skipped',
      'o.yaml:3:5: unknown item id "y" in mustLink; the pair is skipped',
      'o.yaml:3:5: unknown item id "z" in mustLink; the pair is skipped',
      'o.yaml:5:5: unknown item id "w" in cannotLink; the pair is skipped',
    ]);
  });

  it('skips a cannot-link between items that must-links join, directly or through others', () => {
    const text = 'mustLink: [[a, b], [b, c]]\ncannotLink: [[a, c], [c, a], [a, d], [d, e]]\n';
    const links = resolveLinks(parseOverrides(text, 'o.yaml'), IDS);
    expect(links.constraints.cannotLink).toEqual([
      ['a', 'd'],
      ['d', 'e'],
    ]);
    expect(links.summary.cannotLink.skipped).toBe(2);
    expect(links.warnings).toHaveLength(2);
    expect(links.warnings[0].message).toMatch(/^o\.yaml:2:\d+: cannotLink "a", "c" contradicts mustLink, which joins the two; the cannot-link is skipped$/);
  });
});
