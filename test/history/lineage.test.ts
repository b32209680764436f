import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBaseline, type BaselineSet } from '../../src/history/baseline.js';
import { traceGroups } from '../../src/history/changes.js';
import { removedSets, traceLineage } from '../../src/history/lineage.js';

const earlier = (id: string, members: string[], recurring = false): BaselineSet => ({ id, members, recurring, label: id });
const ownId = (members: readonly string[]) => `own:${[...members].sort().join('+')}`;

describe('traceLineage', () => {
  const baseline = [earlier('g-ab', ['a', 'b']), earlier('g-c', ['c']), earlier('g-def', ['d', 'e', 'f']), earlier('g-gx', ['g', 'x']), earlier('g-y', ['y'])];

  it('carries an id forward when the group is unchanged, grew, or only lost items that left the input', () => {
    const traced = traceLineage([['a', 'b'], ['c', 'new1'], ['g']], baseline, ownId);
    expect(traced.map((t) => [t.id, t.change])).toEqual([
      ['g-ab', 'unchanged'],
      ['g-c', 'grown'],
      ['g-gx', 'shrunk'],
    ]);
  });

  it('gives merged, split and new groups their own ids and names where they came from', () => {
    const traced = traceLineage([['a', 'b', 'c'], ['d', 'e'], ['f'], ['new2']], baseline, ownId);
    expect(traced).toEqual([
      { id: 'own:a+b+c', change: 'merged', previous: ['g-ab', 'g-c'] },
      { id: 'own:d+e', change: 'split', previous: ['g-def'] },
      { id: 'own:f', change: 'split', previous: ['g-def'] },
      { id: 'own:new2', change: 'new', previous: [] },
    ]);
  });

  it('lists earlier groups with no member left in the input as removed', () => {
    expect(removedSets([['a', 'b']], baseline).map((set) => set.id)).toEqual(['g-c', 'g-def', 'g-gx', 'g-y']);
  });

  it('never gives two groups one id, and keeps every id when nothing changed', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const partition = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: items.length, maxLength: items.length }).map((labels) => {
      const sets = new Map<number, string[]>();
      labels.forEach((label, i) => sets.set(label, [...(sets.get(label) ?? []), items[i]]));
      return [...sets.values()];
    });
    fc.assert(
      fc.property(partition, partition, fc.integer({ min: 0, max: items.length }), (before, after, dropped) => {
        const previous = before.map((members, i) => earlier(`g-${i}`, members));
        const present = after.map((members) => members.filter((id) => items.indexOf(id) >= dropped || id === 'a')).filter((m) => m.length > 0);
        const traced = traceLineage(present, previous, ownId);
        expect(new Set(traced.map((t) => t.id)).size).toBe(traced.length);
        traced.forEach((t, i) => {
          const same = previous.find((p) => p.members.length === present[i].length && p.members.every((id) => present[i].includes(id)));
          if (same) expect(t).toMatchObject({ id: same.id, change: 'unchanged' });
        });
        expect(traceLineage(before, previous, ownId).every((t, i) => t.id === `g-${i}` && t.change === 'unchanged')).toBe(true);
      }),
    );
  });
});

describe('traceGroups', () => {
  it('counts changes, and calls a recurring group new-recurring only when none of its earlier groups recurred', () => {
    const baseline = { items: 6, groups: [earlier('g-a', ['a']), earlier('g-bc', ['b', 'c'], true), earlier('g-d', ['d']), earlier('g-z', ['z'], true)], themes: [], parameters: {} };
    const { changes, lineage } = traceGroups(
      [
        { members: ['a', 'e'], recurring: true },
        { members: ['b', 'c', 'f'], recurring: true },
        { members: ['d'], recurring: false },
        { members: ['g', 'h'], recurring: true },
      ],
      baseline,
      ownId,
    );
    expect(lineage.map((l) => l.change)).toEqual(['grown', 'grown', 'unchanged', 'new']);
    expect(changes.groups).toEqual({ new: 1, grown: 2, unchanged: 1, shrunk: 0, merged: 0, split: 0, removed: 1 });
    expect(changes.recurringGroups).toEqual({ new: 1, grown: 2, unchanged: 0, shrunk: 0, merged: 0, split: 0 });
    expect(changes.newRecurring).toEqual(['g-a', 'own:g+h']);
    expect(changes.removedRecurring).toEqual(['g-z']);
    expect(changes.baseline).toEqual({ items: 6, groups: 4, recurringGroups: 2 });
  });
});

describe('parseBaseline', () => {
  const report = {
    schemaVersion: 1,
    themes: [{ id: 't-1', label: 'theme', groups: [{ id: 'g-1', label: 'one', recurring: true }, { id: 'g-2', label: 'two', recurring: false }] }],
    items: [
      { id: 'a', group: 'g-1', theme: 't-1' },
      { id: 'b', group: 'g-1', theme: 't-1' },
      { id: 'c', group: 'g-2', theme: 't-1' },
    ],
  };

  it('reads group and theme membership from the items, recurrence from the groups', () => {
    const baseline = parseBaseline(JSON.stringify(report), 'before.json');
    expect(baseline.groups).toEqual([
      { id: 'g-1', members: ['a', 'b'], recurring: true, label: 'one' },
      { id: 'g-2', members: ['c'], recurring: false, label: 'two' },
    ]);
    expect(baseline.themes).toEqual([{ id: 't-1', members: ['a', 'b', 'c'], recurring: false, label: 'theme' }]);
    expect(baseline.items).toBe(3);
  });

  it('rejects what is not a themes report with a message naming the file', () => {
    expect(() => parseBaseline('{"schemaVersion": 1, "themes": [', 'before.json')).toThrow(/^before\.json: not a JSON report/);
    expect(() => parseBaseline('{"records": []}', 'extract.json')).toThrow(/^extract\.json: not a recdedup themes report \(schemaVersion undefined/);
    expect(() => parseBaseline(JSON.stringify({ ...report, items: [{ id: 'a' }] }), 'b.json')).toThrow(/items\[0\] needs string id, group and theme/);
  });
});
