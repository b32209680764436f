import { tokenizeWords } from './tokens.js';

/** canonical term (lower case, one token) and how labels should show it. */
export interface AliasTarget {
  term: string;
  display: string;
}

/** Word-sequence trie: the longest variant starting at a word wins. */
export interface AliasTable {
  root: AliasNode;
  displays: ReadonlyMap<string, string>;
}

interface AliasNode {
  next: Map<string, AliasNode>;
  target?: AliasTarget;
}

/**
 * Parses alias tables (TSV: canonical form, then its variants; `#` starts a comment). Several
 * texts merge, later ones adding variants or overriding the display of a canonical form.
 */
export function parseAliasTables(texts: readonly string[]): AliasTable {
  const root: AliasNode = { next: new Map() };
  const displays = new Map<string, string>();
  for (const text of texts) {
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      const [display, ...variants] = line.split('\t').map((field) => field.trim()).filter(Boolean);
      if (!display) continue;
      const target = { term: canonicalTerm(display), display };
      displays.set(target.term, display);
      for (const phrase of [display, ...variants]) insert(root, tokenizeWords(phrase), target);
    }
  }
  return { root, displays };
}

/** Canonical forms become one token, so "NHS England" is not also two separate words. */
function canonicalTerm(display: string): string {
  return tokenizeWords(display).join('_');
}

/** Plurals match their singular ("integrated care boards", "ICBs"); both sides are keyed alike. */
export function aliasKey(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function insert(root: AliasNode, words: readonly string[], target: AliasTarget): void {
  if (words.length === 0) return;
  let node = root;
  for (const key of words.map(aliasKey)) {
    let child = node.next.get(key);
    if (!child) {
      child = { next: new Map() };
      node.next.set(key, child);
    }
    node = child;
  }
  node.target = target;
}

/**
 * The longest alias match starting at words[start]: its target and the index after it, or
 * undefined. Callers walk the words once, calling this at each position. `keyOf` is `aliasKey`,
 * or a cache of it.
 */
export function matchAlias(
  words: readonly string[],
  start: number,
  table: AliasTable,
  keyOf: (word: string) => string = aliasKey,
): { target: AliasTarget; end: number } | undefined {
  let node = table.root.next.get(keyOf(words[start]));
  let match: { target: AliasTarget; end: number } | undefined;
  for (let j = start; node; ) {
    if (node.target) match = { target: node.target, end: j + 1 };
    j++;
    node = j < words.length ? node.next.get(keyOf(words[j])) : undefined;
  }
  return match;
}

/** Replaces every longest alias match in a word sequence by its canonical term (marked as an alias). */
export function applyAliases(words: readonly string[], table: AliasTable): { word: string; alias: boolean }[] {
  const out: { word: string; alias: boolean }[] = [];
  for (let i = 0; i < words.length; ) {
    const match = matchAlias(words, i, table);
    out.push(match ? { word: match.target.term, alias: true } : { word: words[i], alias: false });
    i = match ? match.end : i + 1;
  }
  return out;
}
