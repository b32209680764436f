import type { Node } from 'yaml';
import { InputError, positionOf } from '../errors.js';
import { loadOnFirstUse } from '../lazy.js';

const yaml = loadOnFirstUse<typeof import('yaml')>('yaml');

/** Where an entry of the overrides file starts, 1-based, for warnings. */
export interface EntryPosition {
  line: number;
  column: number;
}

/** Two item ids, as a must-link or cannot-link entry names them. */
export interface IdPairEntry {
  ids: [string, string];
  at: EntryPosition;
}

export interface PinEntry {
  item: string;
  group: string;
  at: EntryPosition;
}

export interface RenameEntry {
  /** A group id (`g-…`) or theme id (`t-…`) as the report shows it. */
  id: string;
  label: string;
  at: EntryPosition;
}

/** The overrides file, checked for shape only; which ids exist is decided against the data later. */
export interface Overrides {
  /** The file as the user named it: warnings start with it. */
  file: string;
  mustLink: IdPairEntry[];
  cannotLink: IdPairEntry[];
  pin: PinEntry[];
  rename: RenameEntry[];
}

const SECTIONS = ['mustLink', 'cannotLink', 'pin', 'rename'] as const;
const SHAPE = 'mustLink: [[id, id], …], cannotLink: [[id, id], …], pin: { item-id: group-id }, rename: { group-or-theme-id: label }';

/**
 * Reads an overrides file: YAML, or JSON when the name ends in `.json`. Every scalar is read as
 * text (YAML's failsafe schema), so an id such as `007` or `2016-0172` stays as written. A file
 * with a syntax error, an unknown key or a wrong shape is a UsageError naming file, line and
 * column; an empty file overrides nothing.
 */
export function parseOverrides(text: string, file: string): Overrides {
  const source = text.replace(/^\uFEFF/, '');
  if (/\.json$/i.test(file)) checkJsonSyntax(source, file);
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(source, { schema: 'failsafe', lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): EntryPosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const fail = (node: unknown, reason: string): never => {
    const range = node && typeof node === 'object' && 'range' in node ? (node as Node).range : undefined;
    const offset = range ? range[0] : 0;
    throw new InputError({ file, ...at(offset) }, reason);
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new InputError({ file, ...at(error.pos[0]) }, `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }

  const overrides: Overrides = { file, mustLink: [], cannotLink: [], pin: [], rename: [] };
  const root = doc.contents;
  if (root === null || isEmpty(root)) return overrides;
  if (!yaml().isMap(root)) return fail(root, `expected a mapping with the keys ${SECTIONS.join(', ')} (${SHAPE})`);
  for (const entry of root.items) {
    const key = yaml().isScalar(entry.key) ? String(entry.key.value) : '';
    const value = entry.value as Node | null;
    if (!(SECTIONS as readonly string[]).includes(key)) {
      return fail(entry.key, `unknown key "${key}" (expected ${SECTIONS.join(', ')})`);
    }
    if (value === null || isEmpty(value)) continue;
    if (key === 'mustLink' || key === 'cannotLink') {
      if (!yaml().isSeq(value)) return fail(value, `${key} must be a list of id pairs, e.g. ${key}: [[id-a, id-b]]`);
      for (const item of value.items as (Node | null)[]) {
        if (!yaml().isSeq(item) || item.items.length !== 2) return fail(item ?? value, `each ${key} entry must be a pair of two item ids, e.g. [id-a, id-b]`);
        const [a, b] = (item.items as (Node | null)[]).map((id) => textOf(id, `an item id in ${key}`, fail));
        if (a === b) return fail(item, `a ${key} pair needs two different ids, got "${a}" twice`);
        overrides[key].push({ ids: [a, b], at: at(item.range![0]) });
      }
    } else {
      if (!yaml().isMap(value)) return fail(value, key === 'pin' ? 'pin must be a mapping of item id to group id, e.g. pin: { item-id: g-… }' : 'rename must be a mapping of group or theme id to label, e.g. rename: { g-…: "label" }');
      for (const pair of value.items) {
        const id = textOf(pair.key as Node | null, key === 'pin' ? 'an item id in pin' : 'a group or theme id in rename', fail);
        const target = textOf(pair.value as Node | null, key === 'pin' ? `the group id item "${id}" is pinned to` : `the new label of "${id}"`, fail);
        const position = at((pair.key as Node).range![0]);
        if (key === 'pin') overrides.pin.push({ item: id, group: target, at: position });
        else overrides.rename.push({ id, label: target.replace(/\s+/g, ' ').trim(), at: position });
      }
    }
  }
  return overrides;
}

/** A non-empty scalar's text; anything else is a shape error at that node. */
function textOf(node: Node | null, what: string, fail: (node: unknown, reason: string) => never): string {
  if (!yaml().isScalar(node)) return fail(node, `expected ${what}, as plain text`);
  const text = String(node.value).trim();
  if (text === '') return fail(node, `expected ${what}, got an empty value`);
  return text;
}

/** `key:` with nothing after it (read as an empty scalar), or an explicit null. */
function isEmpty(node: Node): boolean {
  return yaml().isScalar(node) && (node.value === '' || node.value === '~' || node.value === 'null') && node.type === 'PLAIN';
}

/** JSON is read by the same YAML parser (for positions), but must be JSON: checked strictly first. */
function checkJsonSyntax(text: string, file: string): void {
  if (text.trim() === '') return;
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const offset = /position (\d+)/.exec(message);
    const position = lineColumn ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } : positionOf(text, offset ? Number(offset[1]) : text.length);
    throw new InputError({ file, ...position }, `not valid JSON: ${message.replace(/\s+/g, ' ').replace(/ in JSON at position \d+.*$/, '')}`);
  }
}
